import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { readSweep } from '../../src/lab/reading';
import { DEFAULT_SWEEP, parseSweepSettings, sweepWindow, type SweepSettings } from '../../src/lab/settings';
import { loginGroup, runRow, runSweep } from '../../src/lab/sweep';

// A small sweep that still shows both stories: 500 req/s offered, a store serving 300 ops/s.
const SMALL: SweepSettings = { ...DEFAULT_SWEEP, serversFrom: 1, serversTo: 3, users: 100, ratePerUser: 5, requests: 2_000, storeCapacityOpsPerSec: 300 };

describe('the load lab sweep', () => {
  it('replays: the same settings give the same rows', async () => {
    const settings = { ...SMALL, serversTo: 2 };
    expect(await runSweep(settings)).toEqual(await runSweep(settings));
    // Eight real rows: ~2 s alone, over 5 s on this 2-core host while a browser test runs beside it.
  }, 30_000);

  it('sessions level off at the store, JWTs grow with servers until they carry the offered load', async () => {
    const { rows } = await runSweep(SMALL);
    const session = rows.filter((r) => r.mode === 'session');
    const jwt = rows.filter((r) => r.mode === 'jwt');
    expect(session.map((r) => r.servers)).toEqual([1, 2, 3]);
    for (const r of session) {
      expect(r.throughputRps).toBeLessThanOrEqual(300 * 1.01);
      expect(r.storeUtilisation).toBeGreaterThan(0.95);
      expect(r.signatureVerificationsPerSec).toBe(0);
    }
    // One server's core (2 ms a request + the check) carries under 500 req/s; two carry them all.
    expect(jwt[0]!.throughputRps).toBeLessThan(jwt[0]!.offeredRps * 0.95);
    expect(jwt[0]!.serverCpuUtilisation).toBe(1);
    expect(jwt[1]!.throughputRps).toBeGreaterThan(jwt[1]!.offeredRps * 0.98);
    expect(jwt[2]!.latencyMs.p99).toBeLessThan(session[2]!.latencyMs.p50);
    for (const r of jwt) {
      expect(r.storeOpsPerSec).toBe(0);
      expect(r.verifications.mismatches).toBe(0);
      expect(r.verifications.modelled).toBeGreaterThan(r.verifications.real);
      expect(r.verifyCpuMsPerSec).toBeCloseTo(r.signatureVerificationsPerSec * SMALL.verifyCostMs, 1);
    }
    const [sessionWords, jwtWords] = readSweep({ sweep: SMALL, rows });
    expect(sessionWords).toBe('Session: throughput is 300 req/s from 1 server on and stays there up to 3: the store serves ~300 ops/s (its capacity is 300 ops/s), and every request waits on it. With 1 to 3 servers requests came faster than they ended: of each 100 sent in the window, ~60 ended in it (answered or failed), the rest still queued. So their latency depends on how long a row runs: a row of more requests shows a higher p50 and p99, up to the 5 s request timeout, past which requests fail instead.');
    expect(jwtWords).toMatch(/^JWT: throughput grows from \d+ req\/s with 1 server to 500 req\/s with 2 and stays there up to 3, which is all the 500 req\/s offered\./);
  });

  it('a store of more than 5,000 ops/s serves what its capacity says (the lessons\u2019 0.2 ms an operation held it there)', async () => {
    // 6,000 req/s offered on 16 servers (they carry ~8,000), a store of 20,000 ops/s: every request carried, the store under a third busy.
    const row = (await runRow({ ...SMALL, modes: ['session'], users: 1_200, ratePerUser: 5, requests: 12_000, storeCapacityOpsPerSec: 20_000 }, 'session', 16))!;
    expect(row.throughputRps).toBeGreaterThan(row.offeredRps * 0.98);
    expect(row.storeOpsPerSec).toBeGreaterThan(5_500);
    expect(row.storeUtilisation).toBeGreaterThan(0.25);
    expect(row.storeUtilisation).toBeLessThan(0.35);
  }, 30_000);

  it('with the denylist on, every JWT request asks the store too, and JWTs level off there', async () => {
    const { rows, sweep } = await runSweep({ ...SMALL, modes: ['jwt'], denylist: true, serversFrom: 3 });
    expect(rows[0]!.storeUtilisation).toBeGreaterThan(0.95);
    expect(rows[0]!.throughputRps).toBeLessThanOrEqual(300 * 1.01);
    expect(readSweep({ sweep, rows })[0]).toMatch(/^JWT: 300 req\/s with 3 servers: the store serves ~300 ops\/s \(its capacity is 300 ops\/s\), and every request waits on it\./);
  });

  it('logs users in by groups the store serves within 20 ms, every one before its traffic starts', async () => {
    for (const storeCapacityOpsPerSec of [10, 37, 300, 1_000, 1_000_000]) {
      const group = loginGroup({ ...SMALL, storeCapacityOpsPerSec });
      expect(group).toBeGreaterThanOrEqual(1);
      expect(group).toBeLessThanOrEqual(16);
      // One login is one login, however slow the store; a group is never slower than 20 ms.
      if (group > 1) expect((group / storeCapacityOpsPerSec) * 1000).toBeLessThanOrEqual(20);
    }
    // 16 a group at 1,000 ops/s: no API request of the window finds a user without a token.
    const settings = { ...SMALL, modes: ['jwt' as const], users: 160, storeCapacityOpsPerSec: 1_000, serversFrom: 4, serversTo: 4 };
    expect(loginGroup(settings)).toBe(16);
    const [row] = (await runSweep(settings)).rows;
    expect(Object.keys(row!.byReason)).toEqual(['ok']);
    expect(row!.throughputRps).toBeGreaterThan(row!.offeredRps * 0.98);
  });

  it('a costlier signature check takes more of each server', async () => {
    const cheap = await runSweep({ ...SMALL, modes: ['jwt'], serversFrom: 2, serversTo: 2, verifyCostMs: 0.02 });
    const dear = await runSweep({ ...SMALL, modes: ['jwt'], serversFrom: 2, serversTo: 2, verifyCostMs: 2 });
    expect(dear.rows[0]!.serverCpuUtilisation).toBeGreaterThan(cheap.rows[0]!.serverCpuUtilisation + 0.3);
    expect(dear.rows[0]!.throughputRps).toBeLessThan(cheap.rows[0]!.throughputRps);
  });

  it('tells its progress from the logins on, not only once the measured window starts', async () => {
    // 2,000 users log in at half the store's 300 ops/s: about 13 s of logins before 7 s of window.
    const settings = { ...SMALL, users: 2_000, ratePerUser: 0.5, requests: 7_000 };
    const { startMs, windowMs } = sweepWindow(settings);
    const shares: number[] = [];
    await runRow(settings, 'jwt', 1, (share) => shares.push(share));
    // The share told is the row's virtual time run so far: the logins move the bar, a twentieth at a time.
    const loginShare = startMs / (startMs + windowMs);
    expect(loginShare).toBeGreaterThan(0.6);
    expect(shares.slice(0, 20).map((share) => share / loginShare)).toEqual(Array.from({ length: 20 }, (_, i) => expect.closeTo((i + 1) / 20, 9)));
    expect(shares).toEqual([...shares].sort((a, b) => a - b));
    expect(shares.at(-1)).toBe(1);
  });

  it('stops between slices when asked, keeping the rows done', async () => {
    let rowsDone = 0;
    const report = await runSweep(SMALL, { onRow: () => rowsDone++, stopped: () => rowsDone >= 2 });
    expect(report.rows).toHaveLength(2);
  });
});

describe('sweep settings', () => {
  it('names every bad field and never passes a hostile key through', () => {
    const parsed = parseSweepSettings({ users: 0, serversTo: 17, alg: 'none', modes: ['session', 'toString'], ratePerUser: 'x', denylist: 'yes', __proto__: { users: 5 } });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.problems).toEqual(
      expect.arrayContaining([expect.stringMatching(/^Users must be a whole number from 1 to 10000/), expect.stringMatching(/^Servers to must be/), expect.stringMatching(/algorithm must be one of/), expect.stringMatching(/^Models must be/), expect.stringMatching(/^Requests per user per second/), expect.stringMatching(/denylist must be on or off/)]),
    );
  });

  it('quotes text that reads as a number or a flag, so a sentence never says 16 is not 16', () => {
    const parsed = parseSweepSettings({ serversTo: '16', denylist: 'true', users: '12abc' });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.problems).toEqual([
      'Servers to must be a whole number from 1 to 16 (got "16").',
      'Users must be a whole number from 1 to 10000 (got 12abc).',
      'The denylist must be on or off (got "true").',
    ]);
    expect(Object.keys(parsed.fields)).toEqual(['serversTo', 'users', 'denylist']);
    expect(parsed.fields.users).toBe('Users must be a whole number from 1 to 10000 (got 12abc).');
  });

  it('quotes a long value in part, and names a list or an object (5,000 typed digits made the page 55,000 px wide)', () => {
    const parsed = parseSweepSettings({ users: '9'.repeat(5_000), serversTo: [[[1]]], ratePerUser: ' ', storeCapacityOpsPerSec: { n: 1 } });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.problems).toEqual([
      'Servers to must be a whole number from 1 to 16 (got a list).',
      `Users must be a whole number from 1 to 10000 (got ${'9'.repeat(24)}…).`,
      'Requests per user per second must be from 0.1 to 50 (got nothing).',
      'Store capacity must be from 10 to 1000000 (got an object).',
    ]);
  });

  it('names an offered load over the limit beside the other problems, not after they are fixed', () => {
    // 10,000 users at 50 a second, servers 16 to 1: only the servers were named, the load came next.
    const parsed = parseSweepSettings({ users: 10_000, ratePerUser: 50, serversFrom: 16, serversTo: 1 });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.problems).toEqual([expect.stringMatching(/^Servers from \(16\) must not be more than servers to \(1\)/), expect.stringMatching(/^10000 users at 50 a second offer 500000 req\/s; the lab offers at most/)]);
  });

  it('judges servers from against servers to only when both were read', () => {
    const parsed = parseSweepSettings({ serversFrom: 10, serversTo: 'nothing' });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(Object.keys(parsed.fields)).toEqual(['serversTo']);
    expect(parsed.problems.some((p) => /must not be more than/.test(p))).toBe(false);
  });

  it('names a model listed twice, not the models there are', () => {
    expect(parseSweepSettings({ modes: ['jwt', 'jwt'] })).toEqual({ ok: false, problems: ['Models must name each model once (jwt is listed twice).'], fields: { modes: 'Models must name each model once (jwt is listed twice).' } });
    expect(parseSweepSettings({ modes: ['session', 'jwt', 'session', 'session'] })).toEqual({ ok: false, problems: ['Models must name each model once (session is listed 3 times).'], fields: { modes: 'Models must name each model once (session is listed 3 times).' } });
    expect(parseSweepSettings({ modes: ['jwt', 'session'] }).ok).toBe(true);
  });

  it('refuses an offered load that could only fill memory (10,000 users x 50 a second)', () => {
    const flood = parseSweepSettings({ users: 10_000, ratePerUser: 50 });
    expect(flood.ok || flood.problems.join(' ')).toMatch(/offer 500000 req\/s; the lab offers at most 50000/);
    expect(parseSweepSettings({ users: 10_000, ratePerUser: 5 }).ok).toBe(true);
  });

  it('refuses a window longer than an hour and a backwards server range', () => {
    const slow = parseSweepSettings({ users: 1, ratePerUser: 0.1, requests: 1_000 });
    expect(slow.ok || slow.problems.join(' ')).toMatch(/take more than an hour/);
    // The offered rate as a person writes it, not 0.30000000000000004 (code review).
    const floats = parseSweepSettings({ users: 3, ratePerUser: 0.1, requests: 200_000 });
    expect(floats.ok || floats.problems.join(' ')).toMatch(/^200000 requests at 0\.3 a second take more than an hour/);
    const backwards = parseSweepSettings({ serversFrom: 5, serversTo: 2 });
    expect(backwards.ok || backwards.problems.join(' ')).toMatch(/must not be more than servers to/);
  });
});

describe('npm run sim -- --sweep', () => {
  const sim = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/sim.ts', ...args], { encoding: 'utf8' });

  it('prints the same rows as runSweep, as one JSON object', async () => {
    const r = sim('--sweep', 'servers=2..3', '--users', '60', '--requests', '600', '--store-capacity', '200', '--mode', 'both', '--seed', '4', '--json');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const printed = JSON.parse(r.stdout);
    const settings = { ...DEFAULT_SWEEP, serversFrom: 2, serversTo: 3, users: 60, requests: 600, storeCapacityOpsPerSec: 200, seed: 4 };
    expect(printed).toEqual(await runSweep(settings));
    // A child process that compiles the CLI: seconds on a shared 2-core machine.
  }, 30_000);

  it('exits 2 with one line naming a bad value', () => {
    const r = sim('--sweep', 'servers=1..40', '--json');
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/Servers to must be a whole number from 1 to 16 \(got 40\)/);
  }, 30_000);
});

describe('a sweep row measures API requests over a steady window', () => {
  it('tokens outlive a long window without refresh tokens: no expiry is counted as a failure', async () => {
    const { rows } = await runSweep({ ...DEFAULT_SWEEP, modes: ['jwt'], serversFrom: 2, serversTo: 2, users: 20, ratePerUser: 1, requests: 1_600 });
    expect(rows[0]!.windowMs).toBeGreaterThan(60_000);
    expect(Object.keys(rows[0]!.byReason)).toEqual(['ok']);
  });

  it('counts API requests only: refreshes are not throughput', async () => {
    const { rows } = await runSweep({ ...DEFAULT_SWEEP, modes: ['jwt'], serversFrom: 2, serversTo: 2, users: 20, ratePerUser: 1, requests: 1_600, refreshTokens: true });
    expect(rows[0]!.throughputRps).toBeLessThanOrEqual(rows[0]!.offeredRps);
    expect(Object.values(rows[0]!.byReason).reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(rows[0]!.requests + 20);
  });
});
