// readSweep is pure: rows in, words out. Each sentence must agree with every row it speaks for:
// a cause is named only when every row it covers shows it, and a dip is told as a dip.
import { describe, expect, it } from 'vitest';
import { readSweep } from '../../src/lab/reading';
import { DEFAULT_SWEEP, referenceCostMs, type SweepSettings } from '../../src/lab/settings';
import { runSweep, type SweepRow } from '../../src/lab/sweep';
import type { ReasonCode } from '../../src/reasons';
import type { Mode } from '../../src/sim/types';

interface Shape {
  ok: number;
  cpu: number;
  store: number;
  storeOps?: number;
  checkMs?: number;
  fail?: Partial<Record<ReasonCode, number>>;
  /** Requests sent in the window; by default as many as were answered (none left queued). */
  sent?: number;
  /** Requests a second a signed-out app did not send. */
  skips?: number;
}

/** A row shaped like the sweep's own, with the figures a reading reads (counts over `windowMs`). */
function row(settings: SweepSettings, mode: Mode, servers: number, s: Shape): SweepRow {
  const windowMs = Math.ceil((settings.requests / (settings.users * settings.ratePerUser)) * 1000);
  const byReason = { ok: Math.round((s.ok * windowMs) / 1000), ...s.fail };
  return {
    mode,
    servers,
    requests: s.sent ?? Object.values(byReason).reduce((a, b) => a + b, 0),
    offeredRps: settings.users * settings.ratePerUser,
    throughputRps: s.ok,
    latencyMs: { p50: 100, p99: 200 },
    storeOpsPerSec: s.storeOps ?? s.store * settings.storeCapacityOpsPerSec,
    storeUtilisation: s.store,
    signatureVerificationsPerSec: (s.checkMs ?? 0) / settings.verifyCostMs,
    verifyCpuMsPerSec: s.checkMs ?? 0,
    serverCpuUtilisation: s.cpu,
    byReason,
    requestBytesMean: 117,
    wireBytesPerSec: 0,
    verifications: { real: 0, modelled: 0, mismatches: 0 },
    signedOutSkipsPerSec: s.skips ?? 0,
    windowMs,
  };
}

// The lab's default sweep at the reference laptop's cost, as the lab shows it.
const DEFAULT: SweepSettings = { ...DEFAULT_SWEEP, verifyCostMs: referenceCostMs(DEFAULT_SWEEP.alg) };
// 2,000 users at 5 a second (10,000 req/s offered), 1-16 servers, 2,000 requests: a 200 ms window.
const CROWD: SweepSettings = { ...DEFAULT, users: 2_000, requests: 2_000, serversTo: 16 };

describe('readSweep', () => {
  it('names the store alone for a plateau where the servers CPU falls from 100% to 25% (the default sweep)', () => {
    const cpu = [1, 1, 0.667, 0.5, 0.4, 0.333, 0.286, 0.25];
    const ok = [499.7, 999.7, 1000.7, 1000.3, 1000, 1000.3, 1000.7, 999.7];
    const rows = ok.map((n, i) => row(DEFAULT, 'session', i + 1, { ok: n, cpu: cpu[i]!, store: 1 }));
    const [words] = readSweep({ sweep: DEFAULT, rows });
    expect(words).toBe('Session: throughput grows from 500 req/s with 1 server to 1000 req/s with 2 and stays there up to 8: the store serves ~1000 ops/s (its capacity is 1000 ops/s), and every request waits on it.');
    expect(words).not.toMatch(/CPU/);
  });

  it('writes a rate under 10 a second to one decimal, as the table does', () => {
    // One user at 0.1 a second read "0 req/s, which is all the 0 req/s offered" beside a table's 0.1.
    const slow: SweepSettings = { ...DEFAULT, users: 1, ratePerUser: 0.1, requests: 10, serversFrom: 1, serversTo: 1 };
    expect(readSweep({ sweep: slow, rows: [row(slow, 'jwt', 1, { ok: 0.1, cpu: 0, store: 0 })] })[0]).toBe('JWT: 0.1 req/s with 1 server, which is all the 0.1 req/s offered.');
  });

  it('says when signed-out users sent nothing: fewer requests, and no failure to say why', () => {
    // A refused refresh signs a browser out, and the lab's users never log in again: its beats go unsent.
    const rows = [row(DEFAULT, 'jwt', 1, { ok: 500, cpu: 1, store: 0 }), row(DEFAULT, 'jwt', 2, { ok: 900, cpu: 1, store: 0, skips: 40 }), row(DEFAULT, 'jwt', 3, { ok: 1300, cpu: 1, store: 0, skips: 41 })];
    expect(readSweep({ sweep: DEFAULT, rows })[0]).toMatch(/ With 2 and 3 servers 40 to 41 requests a second were never sent: those users' refresh tokens were refused, and a signed-out app sends nothing until its user logs in again, which the lab's users do not\.$/);
    expect(readSweep({ sweep: DEFAULT, rows: rows.slice(0, 1) })[0]).not.toMatch(/never sent/);
  });

  it('names the servers CPU for a plateau only when every row of it is busy', () => {
    const rows = [row(DEFAULT, 'jwt', 1, { ok: 500, cpu: 1, store: 0 }), row(DEFAULT, 'jwt', 2, { ok: 501, cpu: 0.97, store: 0 }), row(DEFAULT, 'jwt', 3, { ok: 500, cpu: 0.96, store: 0 })];
    expect(readSweep({ sweep: DEFAULT, rows })[0]).toBe("JWT: throughput is 500 req/s from 1 server on and stays there up to 3: every server's CPU is busy all the time.");
    rows[2]!.serverCpuUtilisation = 0.9;
    expect(readSweep({ sweep: DEFAULT, rows })[0]).toBe('JWT: throughput is 500 req/s from 1 server on and stays there up to 3, short of the 2000 req/s offered.');
  });

  it('tells a dip as a dip, with the failures that grow there, and never says it grows throughout (2,000 users)', () => {
    const ok = [500, 110, 150, 195, 240, 290, 350, 405, 470, 515, 535, 600, 620, 690, 755, 805];
    const overloaded = [0, 177, 270, 360, 453, 547, 625, 718, 808, 898, 999, 1084, 1176, 1261, 1347, 1437];
    const rows = ok.map((n, i) => row(CROWD, 'session', i + 1, { ok: n, cpu: 1, store: 1, fail: overloaded[i] ? { overloaded: overloaded[i] } : {} }));
    const [words] = readSweep({ sweep: CROWD, rows });
    expect(words).toBe(
      "Session: throughput falls from 500 req/s with 1 server to 110 req/s with 2 as requests fail: overloaded 885/s (the session store's queue was full, so it turned the query away), then grows to 805 req/s with 16: " +
        "the store serves ~1000 ops/s (its capacity is 1000 ops/s) and every server's CPU is busy all the time; with 2 to 16 servers, requests fail: overloaded 885/s to 7185/s.",
    );
    expect(words).not.toMatch(/grows from 500/);
  });

  it('says when throughput grows back short of where it was before a dip', () => {
    const rows = [row(CROWD, 'session', 1, { ok: 500, cpu: 1, store: 0.5 }), row(CROWD, 'session', 2, { ok: 110, cpu: 1, store: 0.5, fail: { timeout: 40 } }), row(CROWD, 'session', 3, { ok: 300, cpu: 1, store: 0.5, fail: { timeout: 20 } })];
    expect(readSweep({ sweep: CROWD, rows })[0]).toBe(
      "Session: throughput falls from 500 req/s with 1 server to 110 req/s with 2 as requests fail: timeout 200/s (no response arrived in time), then grows to 300 req/s with 3, still below the 500 req/s with 1 server: every server's CPU is busy all the time; with 2 to 3 servers, requests fail: timeout 100/s to 200/s.",
    );
  });

  it('reads a series that grows throughout as growing, its cause from every row, its check cost from the last', () => {
    const ok = [380, 725, 1315, 1765, 2025, 2690, 3150, 3510, 4090, 4645, 4835, 5325, 5900, 6485, 6920, 7320];
    const checkMs = [205.5, 492, 435.75, 593.25, 782.25, 691.5, 777, 906.75, 793.5, 819.75, 1133.25, 1433.25, 1206.75, 1017, 1178.25, 1323.75];
    const rows = ok.map((n, i) => row(CROWD, 'jwt', i + 1, { ok: n, cpu: 1, store: 0, checkMs: checkMs[i]! }));
    expect(readSweep({ sweep: CROWD, rows })[0]).toBe("JWT: throughput grows from 380 req/s with 1 server to 7320 req/s with 16: every server's CPU is busy all the time. Checking signatures costs the cluster 1324 CPU ms a second with 16 servers.");
    rows[15]!.serverCpuUtilisation = 0.8;
    expect(readSweep({ sweep: CROWD, rows })[0]).toMatch(/^JWT: throughput grows from 380 req\/s with 1 server to 7320 req\/s with 16, short of the 10000 req\/s offered\./);
  });

  it('a growing stretch whose rows are held back by different limits says what holds its last row back, of that row alone', () => {
    // The lab with the denylist on, 1 to 3 servers: CPU-bound with 1, both with 2, store-bound with 3.
    const rows = [row(DEFAULT, 'jwt', 1, { ok: 430, cpu: 1, store: 0.946 }), row(DEFAULT, 'jwt', 2, { ok: 870, cpu: 1, store: 1 }), row(DEFAULT, 'jwt', 3, { ok: 998, cpu: 0.77, store: 1 })];
    expect(readSweep({ sweep: DEFAULT, rows })[0]).toBe('JWT: throughput grows from 430 req/s with 1 server to 998 req/s with 3, short of the 2000 req/s offered; with 3 servers the store serves ~1000 ops/s (its capacity is 1000 ops/s), and every request waits on it.');
  });

  it('gives a wandering plateau its range, not one figure', () => {
    const rows = [row(DEFAULT, 'jwt', 1, { ok: 1000, cpu: 0.5, store: 0 }), row(DEFAULT, 'jwt', 2, { ok: 1015, cpu: 0.5, store: 0 }), row(DEFAULT, 'jwt', 3, { ok: 1030, cpu: 0.5, store: 0 })];
    expect(readSweep({ sweep: DEFAULT, rows })[0]).toBe('JWT: throughput stays between 1000 req/s and 1030 req/s from 1 server to 3, short of the 2000 req/s offered.');
  });
});

describe('readSweep on real rows', () => {
  it('the default sweep at the reference cost: the session plateau is the store, whatever the servers CPU', async () => {
    const { rows, sweep } = await runSweep({ ...DEFAULT, modes: ['session'], serversTo: 3 });
    // What the QA pass saw: CPU busy at 2 servers, not at 3.
    expect(rows.map((r) => r.serverCpuUtilisation)).toEqual([1, 1, expect.closeTo(0.67, 2)]);
    const words = readSweep({ sweep, rows })[0]!;
    expect(words).toMatch(/^Session: throughput grows from 500 req\/s with 1 server to 1000 req\/s with 2 and stays there up to 3: the store serves ~1000 ops\/s/);
    const [cause, ...rest] = words.split('. ');
    expect(cause).not.toMatch(/CPU/);
    // 2,000 req/s offered: every row's queue grows, and with 1 server (CPU-bound at 500 req/s) the
    // store's 1,000 lookups a second outnumber the requests that ended, which the table alone leaves unexplained.
    expect(rows[0]!.storeOpsPerSec).toBeGreaterThan(rows[0]!.throughputRps * 1.5);
    expect(rest.join('. ')).toBe("With 1 to 3 servers requests came faster than they ended: of each 100 sent in the window, 25 to 50 ended in it (answered or failed), the rest still queued. So their latency depends on how long a row runs: a row of more requests shows a higher p50 and p99, up to the 5 s request timeout, past which requests fail instead. With 1 server the store was asked more often than requests ended: a server asks the store as soon as a request arrives, but the request's own work then waits in line behind all the work that came before it.");
  }, 30_000);

  it("tells the rows whose queue grew, and names the rows whose checks or store ops outnumber the requests that ended", () => {
    const calm = row(DEFAULT, 'jwt', 3, { ok: 1500, cpu: 0.8, store: 0, checkMs: 1500 * DEFAULT.verifyCostMs });
    expect(readSweep({ sweep: DEFAULT, rows: [calm] })[0]).not.toMatch(/faster than|more often than/);
    // 6,000 sent in the 3 s window, 1,200 and 3,000 ended; checks ran for 2,000/s and 1,000/s.
    const busy = [
      row(DEFAULT, 'jwt', 1, { ok: 400, cpu: 1, store: 0, checkMs: 2000 * DEFAULT.verifyCostMs, sent: 6000 }),
      row(DEFAULT, 'jwt', 2, { ok: 1000, cpu: 1, store: 0, checkMs: 1000 * DEFAULT.verifyCostMs, sent: 6000 }),
    ];
    expect(readSweep({ sweep: DEFAULT, rows: busy })[0]).toMatch(/ With 1 and 2 servers requests came faster than they ended: of each 100 sent in the window, 20 to 50 ended in it \(answered or failed\), the rest still queued\. So their latency depends on how long a row runs: a row of more requests shows a higher p50 and p99, up to the 5 s request timeout, past which requests fail instead\. With 1 server signatures were checked more often than requests ended: a server checks the token as soon as a request arrives, but the request's own work then waits in line behind all the work that came before it\.$/);
  });

  it('counts timeouts as ended: a queue that drains by timing out is told by its failures, not as still queued', () => {
    // 6,000 sent, 300 answered and 5,400 timed out in the window: 95 of each 100 ended.
    const timingOut = row(DEFAULT, 'session', 1, { ok: 100, cpu: 1, store: 1, fail: { timeout: 5400 }, sent: 6000 });
    const [words] = readSweep({ sweep: DEFAULT, rows: [timingOut] });
    expect(words).not.toMatch(/faster than they ended/);
    expect(words).toMatch(/requests fail: timeout ~1800\/s/);
    // Store ops (1,000/s) against the 1,833 that ended a second: they do not outnumber them.
    expect(words).not.toMatch(/more often than/);
  });

  it('writes one figure where a range would read "22 to 22"', () => {
    const rows = [row(DEFAULT, 'jwt', 1, { ok: 430, cpu: 1, store: 0, sent: 6000 }), row(DEFAULT, 'jwt', 2, { ok: 444, cpu: 1, store: 0, sent: 6000 })];
    expect(readSweep({ sweep: DEFAULT, rows })[0]).toMatch(/of each 100 sent in the window, ~22 ended in it/);
  });

  it('2,000 users: the dip at 2 servers is told with its overloaded store', async () => {
    const { rows, sweep } = await runSweep({ ...CROWD, modes: ['session'], serversTo: 3 });
    const [one, two, three] = rows as [SweepRow, SweepRow, SweepRow];
    expect(two.throughputRps).toBeLessThan(one.throughputRps);
    expect(three.throughputRps).toBeGreaterThan(two.throughputRps);
    const rps = (r: SweepRow) => `${Math.round(r.throughputRps)} req/s`;
    const overloaded = (r: SweepRow) => `${Math.round((r.byReason.overloaded! * 1000) / r.windowMs)}/s`;
    expect(readSweep({ sweep, rows })[0]).toMatch(
      new RegExp(`^Session: throughput falls from ${rps(one)} with 1 server to ${rps(two)} with 2 as requests fail: overloaded ${overloaded(two)} \\(.*\\), then grows to ${rps(three)} with 3, still below the ${rps(one)} with 1 server`),
    );
  }, 30_000);
});
