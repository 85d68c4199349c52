import { apiCount, browse, check, count, countFor, type Scenario, type TimelineStep, browsers } from './scenario';
import { firstCaption, meta } from './catalog';
import { accepted, byWorlds, clock, describeWithDetail, firstFinishedAfter, firstFinishedInBoth, perWorld, plural, times } from './outcomes';

// Requests go out at x.5 s (one a second per user); everything else happens on whole seconds.
const BROWSE_FROM_MS = 1_500;
const REQUESTS = 41; // 1.5 s .. 41.5 s
const OUTAGE_1 = { downAtMs: 8_000, upAtMs: 14_000 }; // 6 requests per user inside
const DENYLIST_ON_AT_MS = 17_000;
const BOB_REVOKED_AT_MS = 19_000;
const OUTAGE_2 = { downAtMs: 24_000, openAtMs: 30_000, upAtMs: 36_000 }; // 6 fail-closed + 6 fail-open requests per user
const PER_WINDOW = 6;

export const storeOutage: Scenario = {
  ...meta('store-outage'),
  summary: 'The session store fails: every session request fails with it. JWTs carry on, until a denylist makes them depend on the store too: fail closed or fail open?',
  seed: 5,
  speed: 4,
  options: () => ({
    servers: 3,
    tokenTtlMs: 5 * 60_000,
    denylistFailMode: 'closed',
    clients: [
      ...browsers('alice', 'bob'),
    ],
  }),
  timeline: (mode) => {
    const session = mode === 'session';
    const steps: TimelineStep[] = [
      { atMs: 0, action: { type: 'login', clientId: 'alice' }, caption: firstCaption('store-outage', mode) },
      { atMs: 200, action: { type: 'login', clientId: 'bob' } },
      browse('alice', BROWSE_FROM_MS, 1_000, REQUESTS),
      browse('bob', BROWSE_FROM_MS + 100, 1_000, REQUESTS),
      {
        atMs: OUTAGE_1.downAtMs,
        action: { type: 'storeDown' },
        caption: session ? 'The shared store goes down: no server can tell who a session id belongs to, so everyone is refused.' : 'The shared store goes down: the JWT servers never ask it, so nobody notices.',
      },
      { atMs: OUTAGE_1.upAtMs, action: { type: 'storeUp' }, caption: 'The store is back.' },
      {
        atMs: BOB_REVOKED_AT_MS,
        action: { type: 'logoutEverywhere', userId: 'bob' },
        caption: session ? 'Bob logs out everywhere; his browser keeps sending the old cookie and is refused.' : 'Bob logs out everywhere: the denylist takes his id; his browser resends his token and is refused.',
      },
      { atMs: OUTAGE_2.downAtMs, action: { type: 'storeDown' }, caption: session ? 'The store goes down a second time: everyone is refused again.' : 'The store goes down again: the denylist cannot be read, and the servers fail closed: everyone is refused.' },
      { atMs: OUTAGE_2.upAtMs, action: { type: 'storeUp' }, caption: 'The store is back.' },
    ];
    if (!session)
      steps.push(
        { atMs: DENYLIST_ON_AT_MS, action: { type: 'setOptions', patch: { denylist: true } }, caption: 'The JWT servers turn the denylist on (fail closed): every valid token now costs a store lookup.' },
        {
          atMs: OUTAGE_2.openAtMs,
          action: { type: 'setOptions', patch: { denylistFailMode: 'open' } },
          caption: 'Still down; the operators switch to fail open: users get in again, and so does Bob\u2019s revoked token.',
        },
      );
    return steps.sort((a, b) => a.atMs - b.atMs);
  },
  durationMs: 42_000,
  questions: [
    {
      id: 'store-outage-down',
      atMs: OUTAGE_1.downAtMs + 100,
      modes: ['session', 'jwt'],
      prompt: 'The shared store has just gone down. Alice\u2019s next request\u2026',
      choices: [
        { id: 'neither', text: 'is refused in both worlds: nobody can check a login without the store' },
        { id: 'jwt-only', text: 'is refused with the session (no server can look it up), accepted with the JWT' },
        { id: 'both', text: 'is accepted in both worlds: the servers remember who she is' },
        { id: 'session-only', text: 'is accepted with the session, refused with the JWT' },
      ],
      outcome: (worlds) => {
        const pair = firstFinishedInBoth(worlds, 'alice', OUTAGE_1.downAtMs + 100);
        if (!pair) return null;
        const { session, jwt } = pair;
        const choiceId = byWorlds(accepted(session), accepted(jwt));
        const jwtHow = jwt.storeLookups === 0 && accepted(jwt) ? ', checking the signature without asking the store' : '';
        // In the servers' own words: the reason's general ones said "to look up a session or check the denylist" of a world with no denylist (learner review).
        return { choiceId, why: `At ${clock(session.sentAtMs)}, the session request got ${describeWithDetail(session)}; the JWT request got ${describeWithDetail(jwt)}${jwtHow}.` };
      },
    },
    {
      id: 'store-outage-denylist',
      atMs: OUTAGE_2.downAtMs + 100,
      modes: ['jwt'],
      prompt: 'The store is down again, and the JWT servers now check a denylist kept there (failing closed). Alice\u2019s next request in the JWT world\u2026',
      choices: [
        { id: 'accepted', text: 'is accepted: a JWT never needs the store' },
        { id: 'unavailable', text: 'is refused (503): the server cannot read the denylist, so it refuses everyone' },
        { id: 'revoked', text: 'is refused (401): the outage revoked her token' },
      ],
      outcome: (worlds) => {
        const r = worlds.jwt && firstFinishedAfter(worlds.jwt, 'alice', OUTAGE_2.downAtMs + 100);
        if (!r) return null;
        const choiceId = accepted(r) ? 'accepted' : r.reason === 'store_unavailable' ? 'unavailable' : 'revoked';
        return { choiceId, why: `Her request at ${clock(r.sentAtMs)} got ${describeWithDetail(r)}${accepted(r) ? ': her signature was valid and nothing blocked it' : ''}.` };
      },
    },
  ],
  takeaway: (reports) =>
    perWorld(reports, {
      session: (r) => `${plural(apiCount(r, 'store_unavailable'), 'session request')} ${apiCount(r, 'store_unavailable') === 1 ? 'was' : 'were'} refused while the store was down`,
      jwt: (r) =>
        `${plural(apiCount(r, 'store_unavailable'), 'JWT request')} ${apiCount(r, 'store_unavailable') === 1 ? 'was' : 'were'} refused as the store was down, only once the servers depended on the denylist, and failing open let Bob\u2019s revoked token back in ${times(r.revocation?.acceptedAfter ?? 0)}`,
    }),
  expect: (run) => {
    const f: string[] = [];
    const unavailable = count(run, 'store_unavailable');
    if (run.mode === 'session') {
      const down = 2 * (PER_WINDOW + 2 * PER_WINDOW); // two users; the second outage lasts twice as long
      check(f, unavailable === down, `every request while the store is down should fail with store_unavailable (${down}), got ${unavailable}`);
      check(f, run.revocation?.acceptedAfter === 0, `nothing may be accepted after Bob\u2019s logout-everywhere, got ${run.revocation?.acceptedAfter}`);
    } else {
      check(f, countFor(run, 'alice', 'store_unavailable') === PER_WINDOW, `Alice should be refused only while the denylist is down and the servers fail closed (${PER_WINDOW}), got ${countFor(run, 'alice', 'store_unavailable')}`);
      check(f, countFor(run, 'alice', 'ok') === 1 + REQUESTS - PER_WINDOW, `the first outage should not touch Alice at all, got ${countFor(run, 'alice', 'ok')} accepted of ${1 + REQUESTS}`);
      check(f, unavailable === 2 * PER_WINDOW, `fail closed should refuse both users for the whole window (${2 * PER_WINDOW}), got ${unavailable}`);
      check(f, run.revocation?.acceptedAfter === PER_WINDOW, `fail open should let Bob\u2019s revoked token in for the whole window (${PER_WINDOW}), got ${run.revocation?.acceptedAfter}`);
      check(f, countFor(run, 'bob', 'token_revoked') > PER_WINDOW, `with the store up, Bob\u2019s revoked token should be refused, got ${countFor(run, 'bob', 'token_revoked')}`);
    }
    return f;
  },
};

export default storeOutage;
