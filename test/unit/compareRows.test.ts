// compareRows is pure: snapshots of a real run in, display strings out.
import { describe, expect, it } from 'vitest';
import { findScenario } from '../../src/scenarios';
import { revocation } from '../../src/scenarios/revocation';
import { loadScenario, runScenarioMode } from '../../src/scenarios/run';
import type { Mode } from '../../src/sim/types';
import { snapshot, type WorldSnapshot } from '../../src/store/snapshot';
import { compareRows, NOT_LOADED, notInLesson, type CompareRow } from '../../src/ui/compare/compareRows';

async function world(mode: Mode, atMs: number): Promise<WorldSnapshot> {
  const driver = await loadScenario(revocation, mode, revocation.seed);
  await driver.runUntil(atMs);
  return snapshot(driver.state);
}

const row = (rows: CompareRow[], id: string): CompareRow => {
  const found = rows.find((r) => r.id === id);
  if (!found) throw new Error(`no row ${id}`);
  return found;
};

const IDS = ['where-data-lives', 'credential', 'state', 'lookups', 'bytes', 'revocation', 'failure', 'latency'];

describe('compareRows', () => {
  it('fills only the loaded world when one world is given', async () => {
    const rows = compareRows({ jwt: await world('jwt', 20_000) });
    expect(rows.map((r) => r.id)).toEqual(IDS);
    for (const r of rows) {
      expect(r.measured.session).toBeNull();
      expect(r.measured.jwt).toEqual(expect.any(String));
      expect(r.article.session.length).toBeGreaterThan(0);
      expect(r.article.jwt.length).toBeGreaterThan(0);
    }
    expect(row(rows, 'state').measured.jwt).toBe('0 records per user');
    expect(row(rows, 'lookups').measured.jwt).toMatch(/^0\.00 \(0 lookups \/ \d+ requests\), \d+ signature checks$/);
    expect(row(rows, 'revocation').measured.jwt).toMatch(/^\d+ requests accepted after it, the last \d+\.\d s after$/);
    expect(row(rows, 'where-data-lives').measured.jwt).toBe('in the token: sub, role, jti, iat, … (7 claims)');
    expect(NOT_LOADED).toBe('switch to side by side to measure');
  });

  it('measures a session world on its own', async () => {
    const rows = compareRows({ session: await world('session', 3_000) });
    for (const r of rows) expect(r.measured.jwt).toBeNull();
    expect(row(rows, 'where-data-lives').measured.session).toBe('1 session record in the store');
    expect(row(rows, 'credential').measured.session).toBe('a random id, 22 characters (128 bits)');
    expect(row(rows, 'lookups').measured.session).toMatch(/^1\.00 \((\d+) lookups \/ \1 requests\)$/);
    expect(row(rows, 'revocation').measured.session).toBe('nothing revoked yet');
  });

  it('says so when nothing has happened yet', async () => {
    const rows = compareRows({ session: await world('session', 0), jwt: await world('jwt', 0) });
    expect(row(rows, 'where-data-lives').measured.jwt).toBe('no token issued yet');
    expect(row(rows, 'credential').measured.jwt).toBe('no token issued yet');
    expect(row(rows, 'credential').measured.session).toBe('no session cookie yet');
    expect(row(rows, 'bytes').measured.session).toBe('no API requests yet');
    expect(row(rows, 'failure').measured.jwt).toBe('nothing failed so far');
  });

  it('words failures, local session storage and the denylist from the snapshot', async () => {
    const base = await world('session', 3_000);
    const failing: WorldSnapshot = {
      ...base,
      options: { ...base.options, sessionStorage: 'local' },
      report: { ...base.report, requests: { ...base.report.requests, timedOut: 2, byReason: { ok: 3, store_unavailable: 12 } } },
    };
    const rows = compareRows({ session: failing });
    expect(row(rows, 'failure').measured.session).toBe('12 rejected: store unavailable; 2 timed out');
    expect(row(rows, 'where-data-lives').measured.session).toMatch(/^\d+ session records? in the memory of 3 servers$/);

    const jwt = await world('jwt', 3_000);
    const denying: WorldSnapshot = {
      ...jwt,
      options: { ...jwt.options, denylist: true },
      store: { ...jwt.store, denylist: [{ jti: 'a', expMs: 1 }] },
      report: { ...jwt.report, revocation: { acceptedAfter: 0, exposureMs: 0, refusedAfter: 3 } },
    };
    const jrows = compareRows({ jwt: denying });
    expect(row(jrows, 'state').measured.jwt).toBe('0 records per user; denylist: 1 entry');
    expect(row(jrows, 'revocation').measured.jwt).toBe('immediate: 0 requests accepted after it, 3 requests refused');
  });

  const finished = async (id: string, mode: Mode) => snapshot((await runScenarioMode(findScenario(id)!, mode)).driver.state);

  it('names a crash nobody’s request noticed: scale-out’s server-3 in the JWT world', async () => {
    const jwt = await finished('scale-out', 'jwt');
    expect(jwt.report.failures.serverCrashes).toBe(1);
    expect(row(compareRows({ jwt }), 'failure').measured.jwt).toBe('1 server crash: 0 requests got a 503 or timed out');
    const session = await finished('store-outage', 'session');
    expect(row(compareRows({ session }), 'failure').measured.session).toMatch(/^2 store outages: \d+ rejected: store unavailable$/);
  });

  // Learner review: jwt-in-cookie's session cell said "immediate: 0 requests accepted after it" of a
  // session whose cookie the browser dropped at logout: nobody ever presented it again.
  it('says revocation is immediate only once the revoked credential was tried, and refused', async () => {
    const untried = await finished('jwt-in-cookie', 'session');
    expect(untried.report.revocation).toMatchObject({ acceptedAfter: 0, refusedAfter: 0 });
    expect(row(compareRows({ session: untried }), 'revocation').measured.session).toBe('not tried yet: nobody has presented it since; the store no longer holds it');
    // Revocation's ban: Alice's browser keeps sending the deleted session's id, refused each time.
    const tried = await finished('revocation', 'session');
    expect(tried.report.revocation!.refusedAfter).toBeGreaterThan(0);
    expect(row(compareRows({ session: tried }), 'revocation').measured.session).toBe(`immediate: 0 requests accepted after it, ${tried.report.revocation!.refusedAfter} requests refused`);
  });

  it('says why no token is held: a logout is not "no token issued yet", a dropped cookie neither', async () => {
    const loggedOut = await finished('jwt-in-cookie', 'jwt');
    expect(row(compareRows({ jwt: loggedOut }), 'credential').measured.jwt).toBe('no client holds a token now (1 token issued so far)');
    const session = await finished('jwt-in-cookie', 'session');
    expect(row(compareRows({ session }), 'credential').measured.session).toBe('no browser holds a session cookie now');
    const dropped = await finished('token-size', 'jwt');
    expect(row(compareRows({ jwt: dropped }), 'credential').measured.jwt).toBe('none held: the browser dropped 1 cookie over its size limit');
    // Learner review: beside "none held", "in the token: grp01… (43 claims)" read as a token still held.
    expect(row(compareRows({ jwt: dropped }), 'where-data-lives').measured.jwt).toMatch(/^in the last token accepted: grp01, grp02, grp03, grp04, … \(43 claims\)$/);
  });

  it('counts lookups per API request from API requests only: token-size’s logouts are said apart, not averaged in', async () => {
    const session = await finished('token-size', 'session');
    const text = row(compareRows({ session }), 'lookups').measured.session!;
    expect(text).toMatch(/^1\.00 \((\d+) lookups \/ \1 requests\); 4 more lookups by logouts$/);
    // Requests that made no store lookup are said apart: a server's own memory, or nothing to look up.
    const scale = row(compareRows({ session: await finished('scale-out', 'session') }), 'lookups').measured.session!;
    expect(scale).toMatch(/^0\.26 \(30 lookups \/ 117 requests\); 87 requests looked in a server’s own memory instead$/);
    const bare = row(compareRows({ session: await finished('jwt-in-cookie', 'session') }), 'lookups').measured.session!;
    expect(bare).toMatch(/; 1 request carried no credential to look up/);
  });

  it('counts what refresh tokens cost the store, and says a revoked family is a revocation (refresh-tokens)', async () => {
    // It said "0.00 (0 lookups / 34 requests)" and "nothing revoked yet" beside a store that had just revoked Alice's family.
    const driver = await loadScenario(findScenario('refresh-tokens')!, 'jwt');
    await driver.runUntil(16_000);
    const rows = compareRows({ jwt: snapshot(driver.state) });
    expect(row(rows, 'lookups').measured.jwt).toMatch(/^0\.00 \(0 lookups \/ \d+ requests\); (\d+) more lookups by refreshes, each reading its refresh token’s record; \d+ signature checks$/);
    // Every store lookup of this JWT world is a refresh's: its API requests look nothing up.
    expect(driver.state.metrics.refreshStoreLookups).toBeGreaterThan(0);
    expect(driver.state.metrics.refreshStoreLookups).toBe(driver.state.metrics.storeLookups);
    expect(row(rows, 'revocation').measured.jwt).toBe('no access token revoked; 1 refresh-token family revoked, so the store refuses its next refresh at once');
    // The store does keep records: the families' ("0 records per user" said otherwise).
    expect(row(rows, 'state').measured.jwt).toMatch(/^no record per access token; \d+ refresh-token famil(y|ies) in the store$/);
    // After Bob's ban the row measures that revocation, and still says the families'.
    await driver.runUntil(40_000);
    expect(row(compareRows({ jwt: snapshot(driver.state) }), 'revocation').measured.jwt).toMatch(/^\d+ requests accepted after it, the last [\d.]+ s after; 2 refresh-token families revoked, so the store refuses their next refresh at once$/);
  });

  it('does not suggest side by side for a lesson that has only one world', () => {
    expect(notInLesson('session')).toBe('this lesson has no session world');
    expect(notInLesson('jwt')).toBe('this lesson has no JWT world');
  });
});
