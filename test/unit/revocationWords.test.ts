// What the log says of a ban or a log-out-everywhere is what the run did (learner review of the
// interventions): "0 sessions deleted; the cookie's id now points at nothing" of a user with no
// cookie; "2 issued tokens stay valid for 298 s more" of one with 291 s left; a ban's refusal
// called "log-out-everywhere cut-off".
import { describe, expect, it } from 'vitest';
import { findScenario } from '../../src/scenarios';
import { loadScenario, runScenarioMode } from '../../src/scenarios/run';

const lines = (texts: { text: string }[], re: RegExp) => texts.filter((e) => re.test(e.text)).map((e) => e.text);

describe('revocation in words', () => {
  it('a ban of a user with no session says there was none to delete', async () => {
    const d = await loadScenario(findScenario('basic')!, 'session');
    d.dispatch({ type: 'banUser', userId: 'alice' }, 0);
    await d.runUntil(100);
    expect(lines(d.state.log.entries, /bans alice/)).toEqual([expect.stringMatching(/bans alice: no session of theirs to delete\.$/)]);
  });

  it('a revocation in the JWT world of a user holding no live token says what is true of the tokens, not that keeping no list made them invalid', async () => {
    const d = await loadScenario(findScenario('revocation')!, 'jwt');
    d.dispatch({ type: 'banUser', userId: 'bob' }, 8_000);
    await d.runUntil(8_100);
    expect(lines(d.state.log.entries, /bans bob/)).toEqual([expect.stringMatching(/bans bob: the servers keep no list of tokens, and no token has been issued to bob yet\.$/)]);
    // A log-out everywhere says the same words of its own, past every exp: no ban named.
    const basic = await loadScenario(findScenario('basic')!, 'jwt');
    basic.dispatch({ type: 'logoutEverywhere', userId: 'alice' }, 200_000);
    await basic.runUntil(200_100);
    const logout = lines(basic.state.log.entries, /alice logs out everywhere/);
    expect(logout).toEqual([expect.stringMatching(/: the servers keep no list of tokens, and every token issued to alice is already past its exp\.$/)]);
  });

  it('a log-out-everywhere over two live tokens says how long the longest stays valid, as "up to"', async () => {
    const d = await loadScenario(findScenario('basic')!, 'jwt');
    d.dispatch({ type: 'login', clientId: 'alice' }, 2_000);
    d.dispatch({ type: 'logoutEverywhere', userId: 'alice' }, 4_000);
    await d.runUntil(4_100);
    const live = Object.values(d.state.issued).filter((i) => i.userId === 'alice' && i.expiresAtMs > 4_000);
    expect(live.length).toBe(2);
    const longest = Math.round((Math.max(...live.map((i) => i.expiresAtMs)) - 4_000) / 1000);
    expect(lines(d.state.log.entries, /the servers keep no list of tokens/)).toEqual([expect.stringContaining(`2 issued tokens stay valid for up to ${longest} s more, until exp`)]);
  });

  it('a denylist refusal names the cut-off without calling a ban a log-out-everywhere', async () => {
    const { driver } = await runScenarioMode(findScenario('revocation')!, 'jwt');
    const refusals = lines(driver.state.log.entries, /cut-off for \w+ \(/);
    expect(refusals.length).toBeGreaterThan(0);
    for (const text of refusals) expect(text).toMatch(/up to the denylist's cut-off for \w+ \([\d:.]+, set by a ban or a log-out-everywhere\): the denylist refuses it/);
  });
});

describe('the comparison table on an untried revocation', () => {
  it('says where sessions live: with sessions in server memory, no server holds it any more (not "the store")', async () => {
    const { snapshot } = await import('../../src/store/snapshot');
    const { compareRows } = await import('../../src/ui/compare/compareRows');
    const d = await loadScenario(findScenario('basic')!, 'session', undefined, { sessionStorage: 'local' });
    d.dispatch({ type: 'banUser', userId: 'alice' }, 2_000);
    await d.runUntil(2_001);
    const cell = compareRows({ session: snapshot(d.state) }).find((r) => r.id === 'revocation')!.measured.session;
    expect(cell).toMatch(/^not tried yet: nobody has presented it since; no server holds it any more/);
  });
});

describe('a takeaway when an intervention turned the denylist on first', () => {
  const denylistOn = [{ atMs: 1_000, action: { type: 'setOptions' as const, patch: { denylist: true } } }];

  it('revocation: Alice\u2019s JWT is said to be refused after the ban, not "still accepted 0 times over 0 s, until it expired"', async () => {
    const s = findScenario('revocation')!;
    const { run } = await runScenarioMode(s, 'jwt', s.seed, { actions: denylistOn });
    expect(run.revocation?.acceptedAfter).toBe(0);
    const said = s.takeaway!({ jwt: run });
    expect(said).toContain(`Alice\u2019s JWT was accepted no more after the ban (${run.revocation!.refusedAfter} requests refused)`);
    expect(said).not.toMatch(/still accepted 0 times/);
  });

  it('stolen-credential: Mallory\u2019s copy is said never to get in, with its refusals by reason', async () => {
    const s = findScenario('stolen-credential')!;
    const { run } = await runScenarioMode(s, 'jwt', s.seed, { actions: denylistOn });
    const refused = run.apiOutcomes.byClient['mallory']!;
    expect(refused.ok ?? 0).toBe(0);
    const said = s.takeaway!({ jwt: run });
    expect(said).toContain(`Mallory\u2019s copy of the JWT never got in after Alice logged out (${refused.token_revoked} as token_revoked`);
    expect(said).not.toMatch(/got in 0 times/);
  });
});

it('refresh-tokens with refresh tokens turned off: the takeaway says no reuse was caught, not "caught 0 times and revoked the family"', async () => {
  const s = findScenario('refresh-tokens')!;
  const { run } = await runScenarioMode(s, 'jwt', s.seed, { actions: [{ atMs: 1_000, action: { type: 'setOptions', patch: { refreshTokens: false } } }] });
  const said = s.takeaway!({ jwt: run });
  expect(said).toContain('no reuse of a refresh token was caught, so no family was revoked');
  expect(said).not.toMatch(/caught 0 times/);
  // The lesson as written still says what its run did.
  const plain = (await runScenarioMode(s, 'jwt')).run;
  expect(s.takeaway!({ jwt: plain })).toMatch(/reusing the stolen refresh token was caught (once|\d+ times) and revoked the family/);
});

it('scale-out with the shared store switched off again: the takeaway names no scripted cause for the refusals', async () => {
  // Back to server memory at 40 s, in the shared-store phase: "looked logged out (round-robin, then the
  // crash)" blamed the lesson's causes for refusals the learner's switch made.
  const s = findScenario('scale-out')!;
  const { run } = await runScenarioMode(s, 'session', s.seed, { actions: [{ atMs: 40_000, action: { type: 'setOptions', patch: { sessionStorage: 'local' } } }] });
  const plain = (await runScenarioMode(s, 'session')).run;
  expect(run.apiOutcomes.byReason.session_unknown ?? 0).toBeGreaterThan(plain.apiOutcomes.byReason.session_unknown ?? 0);
  const said = s.takeaway!({ session: run });
  expect(said).toContain(`${run.apiOutcomes.byReason.session_unknown} of ${run.apiRequests} requests looked logged out, and`);
  expect(said).not.toContain('round-robin');
  expect(said).toContain(`, and the shared store cost ${run.storeLookups} lookups`);
  expect(s.takeaway!({ session: plain })).toContain('looked logged out (round-robin, then the crash)');
});
