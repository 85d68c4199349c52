// compareRows is pure: snapshots of a real run in, display strings out.
import { describe, expect, it } from 'vitest';
import { revocation } from '../../src/scenarios/revocation';
import { loadScenario } from '../../src/scenarios/run';
import type { Mode } from '../../src/sim/types';
import { snapshot, type WorldSnapshot } from '../../src/store/snapshot';
import { compareRows, NOT_LOADED, type CompareRow } from '../../src/ui/compare/compareRows';

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
    expect(row(rows, 'revocation').measured.jwt).toMatch(/^exposure \d+\.\d s: \d+ requests accepted after it$/);
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
    expect(row(rows, 'failure').measured.jwt).toBe('no failures so far');
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
    expect(row(rows, 'where-data-lives').measured.session).toMatch(/^\d+ session records? in 3 servers' memory$/);

    const jwt = await world('jwt', 3_000);
    const denying: WorldSnapshot = {
      ...jwt,
      options: { ...jwt.options, denylist: true },
      store: { ...jwt.store, denylist: [{ jti: 'a', expMs: 1 }] },
      report: { ...jwt.report, revocation: { acceptedAfter: 0, exposureMs: 0 } },
    };
    const jrows = compareRows({ jwt: denying });
    expect(row(jrows, 'state').measured.jwt).toBe('0 records per user; denylist: 1 entry');
    expect(row(jrows, 'revocation').measured.jwt).toBe('immediate: 0 requests accepted after it');
  });
});
