import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { LIMITS } from '../../src/sim/options';
import { parseInterventions } from '../../src/sim/parseAction';
import { sweepFromSearch } from '../../src/lab/sweepLink';
import { interventionProblems, linkAdjustments, repeatedParameters } from '../../src/store/linkAdjustments';
import { linkFor } from '../../src/store/linkFor';
import { LINK_SEED, parseLink } from '../../src/store/urlState';

describe('links', () => {
  it('a lab link says which lesson parameters it does not use', () => {
    expect(sweepFromSearch('?lab=load&scenario=basic&t=5000&play=1')).toEqual({ sweep: null, embed: false, problems: ["The load lab does not use the link's scenario, t, play; they were ignored."] });
    // How the page is presented is kept for a lesson a host page opens in the lab's frame: not named.
    expect(sweepFromSearch('?lab=load&embed=1&q=0&controls=0&inspect=0')).toEqual({ sweep: null, embed: true, problems: [] });
    expect(sweepFromSearch('?lab=load&embed=yes')).toEqual({ sweep: null, embed: false, problems: ['The link\'s embed "yes" must be 0 or 1 (the embed layout); it was ignored.'] });
    expect(sweepFromSearch('?lab=load&sweep=%7B%7D').problems).toEqual([]);
    // Its seed is the sweep's (as the runner's --sweep --seed): beside the form's Seed box, "does not use the link's seed" was wrong.
    expect(sweepFromSearch('?lab=load&seed=7')).toEqual({ sweep: expect.objectContaining({ seed: 7, users: 400 }), embed: false, problems: [] });
    expect(sweepFromSearch(`?lab=load&seed=7&sweep=${encodeURIComponent('{"users":50}')}`).sweep).toMatchObject({ seed: 7, users: 50 });
    expect(sweepFromSearch(`?lab=load&seed=7&sweep=${encodeURIComponent('{"seed":3}')}`)).toMatchObject({ sweep: { seed: 3 }, problems: ["The link gives a seed twice (7, and 3 in its sweep settings); the sweep's is used."] });
    expect(sweepFromSearch('?lab=load&seed=xyz')).toEqual({ sweep: null, embed: false, problems: ['The link\'s seed "xyz" must be a whole number in plain digits from 0 to 4294967295; it was ignored.'] });
    expect(sweepFromSearch('?lab=load&seed=-1').problems).toHaveLength(1);
    expect(sweepFromSearch('?lab=load&lab=xyz&sweep=%7B%7D&sweep=junk').problems).toEqual(['The link gives lab and sweep more than once; the first of each is used.']);
    // The lab's, not the lessons' link reader: told once, by the lab, and never "showing the first one instead".
    expect(parseLink('?lab=load&scenario=nope&embed=yes')).toEqual({ state: { lab: 'load' }, problems: [] });
  });

  it('says what the loaded lesson could not show as the link asked: a mode it lacks, a moment past its end', () => {
    expect(linkAdjustments({ view: 'session', timeMs: 86_400_000 }, { modes: ['jwt'], endMs: 35_000 })).toEqual([
      "This lesson has no session world, which the link's mode asked for; it shows the JWT world.",
      "The link's moment (86400 s) is past the end of this lesson (35 s); it opens at the end.",
    ]);
    expect(linkAdjustments({ view: 'both', timeMs: 35_000 }, { modes: ['jwt'], endMs: 35_000 })).toEqual([]);
    // Where the run still goes on past the end (a key's overlap an intervention began, a store slowed 100,000x answering minutes later).
    expect(linkAdjustments({ timeMs: 138_500 }, { modes: ['session'], endMs: 46_000, reachedMs: 138_500 })).toEqual(["The link's moment (138.5 s) is past the end of this lesson (46 s): its run still goes on there."]);
    expect(linkAdjustments({ timeMs: 86_400_000 }, { modes: ['session'], endMs: 46_000, reachedMs: 154_000 })).toEqual(["The link's moment (86400 s) is past the end of this lesson (46 s); it opens at 154 s, where its run ends."]);
    expect(linkAdjustments({ timeMs: 86_400_000 }, { modes: ['session'], endMs: 6_000, reachedMs: 6_000 })).toEqual(["The link's moment (86400 s) is past the end of this lesson (6 s); it opens at the end."]);
    expect(linkAdjustments({ view: 'jwt' }, { modes: ['session', 'jwt'], endMs: 35_000 })).toEqual([]);
  });

  it("names a link's interventions the loaded lesson cannot carry out: a client, user or server it lacks, a moment after its end, servers past the most drawn", () => {
    const basic = { clientIds: ['alice'], userIds: ['alice'], servers: 3, endMs: 6_000 };
    const at = (atMs: number, action: object) => ({ atMs, action }) as never;
    expect(interventionProblems([at(500, { type: 'login', clientId: 'alice' }), at(600, { type: 'killServer', serverId: 'server-2' })], basic)).toEqual([]);
    // A server the lesson does not have (3 servers), and one the link's own addition brings.
    expect(interventionProblems([at(600, { type: 'killServer', serverId: 'server-5' })], basic)).toEqual(['The link\'s interventions name 1 server this lesson does not have ("server-5"; it has server-1 to server-3): those do nothing.']);
    expect(interventionProblems([at(600, { type: 'addServer' }), at(900, { type: 'killServer', serverId: 'server-4' })], basic)).toEqual([]);
    // The attacker a steal brings in may then act.
    expect(interventionProblems([at(500, { type: 'steal', fromClientId: 'alice', attackerId: 'mallory' }), at(900, { type: 'request', clientId: 'mallory' })], basic)).toEqual([]);
    expect(
      interventionProblems(
        [
          at(500, { type: 'login', clientId: 'zed' }),
          at(550, { type: 'steal', fromClientId: 'zed', attackerId: 'mallory' }),
          at(600, { type: 'killServer', serverId: 'server-99' }),
          at(700, { type: 'banUser', userId: 'bob' }),
          at(80_000_000, { type: 'storeDown' }),
          ...Array.from({ length: 60 }, () => at(1_000, { type: 'addServer' })),
        ],
        basic,
      ),
    ).toEqual([
      'The link\'s interventions name 1 client this lesson does not have ("zed"; it has "alice"): those do nothing.',
      'The link\'s interventions name 1 user this lesson does not have ("bob"; it has "alice"): those do nothing.',
      'The link\'s interventions name 1 server this lesson does not have ("server-99"; it has server-1 to server-3, and the link adds 60): those do nothing.',
      "One of the link's interventions comes after the lesson's end (6 s): it happens only if the run goes on that long.",
      "The link adds 60 servers to the lesson's 3; the stage draws at most 12, so the last 51 do not join.",
    ]);
    // Attackers past the stage's two: the later ones, the lesson's own among them, are named.
    const thieves = (atMs: number, ...ids: string[]) => ids.map((attackerId) => at(atMs, { type: 'steal', fromClientId: 'alice', attackerId }));
    expect(interventionProblems([...thieves(900, 'eve', 'ann'), ...thieves(100, 'eve')], { ...basic, steals: [{ atMs: 500, attackerId: 'mallory' }] })).toEqual([
      'The link brings in 3 attackers; the stage draws at most 2, so the last to come steals nothing ("ann").',
    ]);
    expect(interventionProblems(thieves(100, 'eve', 'ann', 'bo'), { ...basic, steals: [{ atMs: 500, attackerId: 'mallory' }] })).toEqual([
      'The link brings in 4 attackers; the stage draws at most 2, so the last 2 to come steal nothing ("bo" and "mallory").',
    ]);
    expect(interventionProblems(thieves(100, 'mallory'), { ...basic, steals: [{ atMs: 500, attackerId: 'mallory' }] })).toEqual([]);
    // Hundreds of names are said as a few.
    const many = interventionProblems(Array.from({ length: 200 }, (_, i) => at(100, { type: 'login', clientId: `c${i}` })), basic);
    expect(many).toEqual(['The link\'s interventions name 200 clients this lesson does not have ("c0", "c1", "c2" and 197 more; it has "alice"): those do nothing.']);
  });

  it('plays a speed between the slider\'s steps at the nearest one, and says so', () => {
    expect(parseLink('?speed=3')).toEqual({ state: { speed: 4 }, problems: ['The link\'s speed 3 is played at 4x: the speeds double from 0.25x to 16x.'] });
    expect(parseLink('?speed=2.38').state.speed).toBe(2);
    expect(parseLink('?speed=0.3').state.speed).toBe(0.25);
    expect(parseLink('?speed=12').state.speed).toBe(16);
    expect(parseLink('?speed=0.5')).toEqual({ state: { speed: 0.5 }, problems: [] });
  });

  it('round-trips scenario, mode, seed, speed and position', () => {
    const link = linkFor({ scenarioId: 'revocation', view: 'jwt', seed: 42, speed: 4, timeMs: 12_345 });
    expect(parseLink(link)).toEqual({ state: { scenarioId: 'revocation', view: 'jwt', seed: 42, speed: 4, timeMs: 12_345 }, problems: [] });
  });

  it('drops each bad parameter with a sentence and keeps the good ones', () => {
    const { state, problems } = parseLink('?scenario=nope&mode=both&seed=-1&speed=99&t=abc&play=1');
    expect(state).toEqual({ view: 'both', autoplay: true });
    expect(problems).toHaveLength(4);
    expect(problems[0]).toMatch(/scenario "nope" that does not exist/);
  });

  // Teacher review: "scenario=Revocation" played the first lesson, and "scenari=revocation" or "autoplay=1" were ignored without a word.
  it('reads a lesson and a mode whatever their case, and names a parameter that looks like one it reads', () => {
    expect(parseLink('?scenario=Revocation&mode=JWT')).toEqual({ state: { scenarioId: 'revocation', view: 'jwt' }, problems: [] });
    const { state, problems } = parseLink('?scenari=revocation&autoplay=1&Speed=2&sweep=x&utm_source=lms&fbclid=abc&__proto__=1&constructor=1');
    expect(state).toEqual({});
    expect(problems).toEqual([
      'The link\'s "scenari" is not a parameter this app reads (did you mean scenario?); it was ignored.',
      'The link\'s "autoplay" is not a parameter this app reads (did you mean play?); it was ignored.',
      'The link\'s "Speed" is not a parameter this app reads (did you mean speed?); it was ignored.',
      'The link\'s sweep is the load lab\'s (lab=load); it was ignored.',
    ]);
    // Code review: two slips in four letters named an LMS's `code` and `role` as `mode`, `step` as `seed`.
    const hosts = '?code=x&role=Learner&node=1&state=s&page=2&step=1&player=1&ref=a&_ga=1&gclid=2&lti_version=1&context_id=7';
    expect(parseLink(hosts).problems).toEqual([]);
    expect(parseLink('?seek=4000&mdoe=jwt&embd=1&contorls=0&T=10').problems.map((p) => p.match(/mean (\w+)/)?.[1])).toEqual(['t', 'mode', 'embed', 'controls', 't']);
    // Two slips from embed, past the typo rule: spelt as a word, or misspelt so.
    expect(parseLink('?embedded=1&embeded=1').problems.map((p) => p.match(/mean (\w+)/)?.[1])).toEqual(['embed', 'embed']);
  });

  it('never throws, whatever the query string', () => {
    fc.assert(fc.property(fc.string({ maxLength: 200 }), (q) => Array.isArray(parseLink(q, parseInterventions).problems)));
  });

  it('take the seed the engine takes (the first load carries the range, not the engine\'s limits)', () => {
    expect(LINK_SEED).toEqual(LIMITS.seed);
  });
});

describe('links for embeds', () => {
  it('round-trip a teacher\'s page choices with every other parameter', () => {
    const actions = [{ atMs: 2_000, action: { type: 'banUser' as const, userId: 'alice' } }];
    const link = linkFor({ scenarioId: 'revocation', view: 'both', seed: 9, speed: 2, timeMs: 5_000 }, actions, { autoplay: true, questionsOn: false, presentation: { embed: true, controls: false, inspect: false } });
    expect(parseLink(link, parseInterventions)).toEqual({
      state: { scenarioId: 'revocation', view: 'both', seed: 9, speed: 2, timeMs: 5_000, actions, autoplay: true, questionsOn: false, presentation: { embed: true, controls: false, inspect: false } },
      problems: [],
    });
  });

  it('write only what differs from a page\'s defaults', () => {
    expect(linkFor({ scenarioId: 'basic', view: 'both', seed: null, speed: null, timeMs: 0 }, [], { presentation: { embed: false, controls: true, inspect: true }, questionsOn: true })).toBe('?scenario=basic&mode=both');
  });

  it('say a repeated parameter', () => {
    const search = '?scenario=revocation&scenario=basic&mode=jwt&seed=99999999999999999999999&t=abc';
    const { state, problems } = parseLink(search);
    expect(state).toEqual({ scenarioId: 'revocation', view: 'jwt' });
    expect(repeatedParameters(search)).toEqual(['The link gives scenario 2 times ("revocation", "basic"); the first is used.']);
    expect(problems).toEqual([
      'The link\'s seed "99999999999999999999" must be a whole number in plain digits from 0 to 4294967295; it was ignored.',
      'The link\'s t "abc" must be a number of milliseconds (t=12000 is 12 s) in plain digits (a point for decimals) from 0 to 86400000; it was ignored.',
    ]);
  });

  // Teacher review: t=0x10 opened at 16 ms and t=1e3 at 1 s, without a word.
  it('take numbers written as plain decimals only', () => {
    const { state, problems } = parseLink('?t=0x10&speed=1e0&seed=%205&scenario=basic');
    expect(state).toEqual({ scenarioId: 'basic' });
    expect(problems).toEqual([
      'The link\'s seed " 5" must be a whole number in plain digits from 0 to 4294967295; it was ignored.',
      'The link\'s speed "1e0" must be a number in plain digits (a point for decimals) from 0.25 to 16; it was ignored.',
      'The link\'s t "0x10" must be a number of milliseconds (t=12000 is 12 s) in plain digits (a point for decimals) from 0 to 86400000; it was ignored.',
    ]);
    expect(parseLink('?t=1500.5&speed=0.5&seed=7').state).toEqual({ timeMs: 1500.5, speed: 0.5, seed: 7 });
  });

  it('name a bad flag and ignore it', () => {
    const { state, problems } = parseLink('?embed=yes&controls=0&inspect=2&play=true&scenario=basic&mode=constructor');
    expect(state).toEqual({ scenarioId: 'basic' });
    expect(problems).toEqual([
      'The link\'s mode "constructor" is not session, jwt or both; it was ignored.',
      'The link\'s play "true" must be 0 or 1 (start playing); it was ignored.',
      'The link\'s embed "yes" must be 0 or 1 (the embed layout); it was ignored.',
      'The link\'s inspect "2" must be 0 or 1 (a clickable stage); it was ignored.',
      'The link\'s controls=0 applies to the embed layout (embed=1) only; it was ignored.',
    ]);
  });
});

describe('links with interventions', () => {
  it('carry the recorded actions and read them back', () => {
    const actions = [{ atMs: 3_000, action: { type: 'killServer' as const, serverId: 'server-2' } }];
    const link = linkFor({ scenarioId: 'basic', view: 'both', seed: null, speed: 1, timeMs: 4_000 }, actions);
    expect(parseLink(link, parseInterventions).state.actions).toEqual(actions);
  });

  it.each([
    ['not JSON', '?a=%7Bnope', 'they are not JSON'],
    ['an empty list (teacher review: it said "not JSON")', '?a=', 'the list is empty'],
    ['a self-repeating traffic action', `?a=${encodeURIComponent(JSON.stringify([{ atMs: 0, action: { type: 'traffic', clientId: 'alice', everyMs: 10, count: 100 } }]))}`, 'intervention 1: traffic cannot be replayed as an intervention'],
    ['a negative time', `?a=${encodeURIComponent(JSON.stringify([{ atMs: -5, action: { type: 'storeDown' } }]))}`, 'intervention 1: atMs must be a number from 0 to 86400000'],
    ['a polluting id', `?a=${encodeURIComponent(JSON.stringify([{ atMs: 0, action: { type: 'changeRole', userId: '__proto__', role: 'admin' } }]))}`, 'intervention 1: changeRole.userId must be an id (letters, digits, . _ -; at most 40)'],
    ['a header injected through a path', `?a=${encodeURIComponent(JSON.stringify([{ atMs: 0, action: { type: 'request', clientId: 'alice', path: '/api/profile\r\nCookie: __Host-sid=forged' } }]))}`, 'intervention 1: request.path must be one line of text, at most 200 characters of the allowed kind'],
  ])('refuse %s with a notice naming why, and the lesson still loads', (_what, query, why) => {
    const { state, problems } = parseLink(`${query}&scenario=basic`, parseInterventions);
    expect(state.actions).toBeUndefined();
    expect(state.scenarioId).toBe('basic');
    expect(problems).toEqual([`The link's interventions could not be used (${why}); the lesson plays without them.`]);
  });

  it('are named, not dropped in silence, where the gate is not at hand', () => {
    const { state, problems } = parseLink('?scenario=basic&a=%5B%5D');
    expect(state).toEqual({ scenarioId: 'basic' });
    expect(problems).toEqual(["The link's interventions could not be used (they could not be read here); the lesson plays without them."]);
  });
});

describe('a link bringing in attackers, on a loaded lesson', () => {
  it('counts the lesson\'s own attacker from its start: stolen-credential keeps mallory, the link\'s second thief steals nothing', async () => {
    const { createAppStore } = await import('../../src/store/createAppStore');
    const { noticeLinkAdjustments } = await import('../../src/store/linkAdjustments');
    const thieves = ['eve', 'ann'].map((attackerId, i) => ({ atMs: 500 + i, action: { type: 'steal', fromClientId: 'alice', attackerId } }));
    const search = `?scenario=stolen-credential&mode=session&a=${encodeURIComponent(JSON.stringify(thieves))}`;
    const link = parseLink(search, parseInterventions).state;
    const store = createAppStore(link);
    await store.getState().load();
    await store.getState().seek(2_000);
    noticeLinkAdjustments(store, link, search);
    expect(store.getState().notices).toEqual(['The link brings in 3 attackers; the stage draws at most 2, so the last to come steals nothing ("ann").']);
    expect(store.getState().worlds.session!.clients.filter((c) => c.kind === 'attacker').map((c) => c.id).sort()).toEqual(['eve', 'mallory']);
  });
});
