import { describe, expect, it } from 'vitest';
import { SimDriver } from '../../src/sim/driver';
import { withOptions } from '../../src/sim/options';
import { latencyPercentile } from '../../src/sim/latency';
import { modeRun } from '../../src/sim/report';
import type { Action, ClientSpec, RequestRecord, SimState } from '../../src/sim/types';
import { run, type Script, requestsOf, reasons } from './support/run';

// The shared session store node: session timeouts, outages, slowness and its throughput limit.

const latency = (r: RequestRecord) => r.finishedAtMs! - r.sentAtMs;

function requestsAt(clientId: string, times: number[]): Script {
  return [[0, { type: 'login', clientId }], ...times.map((t): [number, Action] => [t, { type: 'request', clientId }])];
}

describe('session store: timeouts', () => {
  it('an idle session expires after sessionIdleMs and the store drops it', async () => {
    const d = await run({ mode: 'session', sessionIdleMs: 2_000 }, requestsAt('alice', [1_000, 5_000, 6_000]), 8_000);
    const s = d.state;
    const api = requestsOf(s, 'alice', 'api');
    // 1 s after login: fine. 4 s of silence: expired. After that the id points at nothing.
    expect(reasons(api)).toEqual(['ok', 'session_expired', 'session_unknown']);
    expect(api[1]).toMatchObject({ status: 401, storeLookups: 1 });
    expect(s.store.sessions).toEqual({});
    expect(s.log.entries.some((e) => e.nodeId === 'store' && /Session .* has timed out; the store drops it/.test(e.text))).toBe(true);
  });

  it('every use pushes the idle expiry out (sliding), so steady traffic stays logged in', async () => {
    const times = [1_000, 2_500, 4_000, 5_500, 7_000, 8_500];
    const d = await run({ mode: 'session', sessionIdleMs: 2_000 }, requestsAt('alice', times), 10_000);
    const s = d.state;
    expect(reasons(requestsOf(s, 'alice', 'api'))).toEqual(Array(6).fill('ok'));
    const record = Object.values(s.store.sessions)[0]!;
    expect(record.lastSeenAtMs).toBeGreaterThan(8_500);
    expect(record.expiresAtMs).toBe(record.lastSeenAtMs + 2_000);
    expect(record.createdAtMs).toBeLessThan(100);
  });

  it('the absolute timeout ends even a busy session', async () => {
    // Idle 3 s would never trigger at one request a second; the 5.5 s absolute limit does.
    const times = [1_000, 2_000, 3_000, 4_000, 5_000, 6_000, 7_000];
    const d = await run({ mode: 'session', sessionIdleMs: 3_000, sessionAbsoluteMs: 5_500 }, requestsAt('alice', times), 9_000);
    const s = d.state;
    expect(reasons(requestsOf(s, 'alice', 'api'))).toEqual(['ok', 'ok', 'ok', 'ok', 'ok', 'session_expired', 'session_unknown']);
  });

  it('logout deletes the session: a stolen copy of the cookie is worthless afterwards', async () => {
    const script: Script = [
      [0, { type: 'login', clientId: 'alice' }],
      [500, { type: 'steal', fromClientId: 'alice', attackerId: 'mallory' }],
      [1_000, { type: 'request', clientId: 'mallory' }],
      [2_000, { type: 'logout', clientId: 'alice' }],
      [3_000, { type: 'request', clientId: 'mallory' }],
    ];
    const d = await run({ mode: 'session' }, script, 5_000);
    const s = d.state;
    expect(reasons(requestsOf(s, 'mallory'))).toEqual(['ok', 'session_unknown']);
    expect(s.store.sessions).toEqual({});
    expect(s.revocations).toHaveLength(1);
    expect(s.metrics.acceptedAfterRevocation).toBe(0);
  });
});

describe('session store: outages', () => {
  it('store down: every authenticated request fails with 503 store_unavailable until it is back', async () => {
    const script: Script = [
      ...requestsAt('alice', [1_000, 3_000, 4_000, 6_000]),
      [2_000, { type: 'storeDown' }],
      [5_000, { type: 'storeUp' }],
    ];
    const d = await run({ mode: 'session' }, script, 8_000);
    const s = d.state;
    const api = requestsOf(s, 'alice', 'api');
    expect(api.map((r) => [r.reason, r.status])).toEqual([
      ['ok', 200],
      ['store_unavailable', 503],
      ['store_unavailable', 503],
      ['ok', 200],
    ]);
    // A down store refuses at once: no timeout, no queueing.
    expect(latency(api[1]!)).toBeLessThan(150);
    expect(s.metrics.timedOut).toBe(0);
  });

  it("a lookup the down store cannot answer is the server's last check, failed (no chip kept the last good lookup's ✓)", async () => {
    const d = await run({ mode: 'session', servers: 1 }, [...requestsAt('alice', [1_000, 3_000]), [2_000, { type: 'storeDown' }]], 3_900);
    const refused = requestsOf(d.state, 'alice', 'api')[1]!;
    expect(refused.reason).toBe('store_unavailable');
    expect(d.state.servers[0]!.lastCheck).toMatchObject({ requestId: refused.id, kind: 'lookup', ok: false, reason: 'store_unavailable' });
  });

  it('store down: a new login cannot be stored either', async () => {
    const d = await run({ mode: 'session' }, [[0, { type: 'storeDown' }], [10, { type: 'login', clientId: 'alice' }]], 2_000);
    expect(requestsOf(d.state, 'alice', 'login')[0]).toMatchObject({ reason: 'store_unavailable', status: 503 });
    expect(d.state.clients.alice!.jar.cookies).toEqual([]);
    expect(d.state.store.sessions).toEqual({});
  });

  it('a slow store adds its service time to every request', async () => {
    const script: Script = [...requestsAt('alice', [1_000, 2_000, 4_000, 5_000]), [3_000, { type: 'storeSlow', factor: 500 }]];
    const d = await run({ mode: 'session' }, script, 8_000);
    const api = requestsOf(d.state, 'alice', 'api');
    expect(reasons(api)).toEqual(Array(4).fill('ok'));
    // 0.2 ms x 500 = 100 ms per store operation.
    const fast = Math.max(latency(api[0]!), latency(api[1]!));
    expect(latency(api[2]!)).toBeGreaterThan(fast + 90);
    expect(latency(api[3]!)).toBeGreaterThan(fast + 90);
    expect(d.state.store.slowFactor).toBe(500);
  });
});

describe('session store: capacity', () => {
  const clients: ClientSpec[] = Array.from({ length: 40 }, (_, i) => ({ id: `c${i}`, userId: `u${i}`, kind: 'browser' }));
  const script: Script = clients.flatMap((c, i): Script => [
    [i * 7, { type: 'login', clientId: c.id }],
    [1_000 + i * 3, { type: 'traffic', clientId: c.id, everyMs: 200, count: 10 }],
  ]);

  async function load(storeCapacityOpsPerSec: number) {
    const driver = await SimDriver.create(withOptions({ mode: 'session', clients, storeCapacityOpsPerSec, logCapacity: 100_000, recentRequestsCapacity: 100_000 }));
    for (const [atMs, action] of script) driver.dispatch(action, atMs);
    let maxQueued = 0;
    for (let t = 0; t <= 8_000; t += 5) {
      await driver.runUntil(t);
      maxQueued = Math.max(maxQueued, driver.state.store.queued);
    }
    return { s: driver.state, maxQueued };
  }

  it('over capacity, store operations queue and the tail latency grows', async () => {
    // 40 browsers x 5 requests/s = 200 lookups/s: fine at 5000 ops/s, far over at 100 ops/s.
    const roomy = await load(5_000);
    const tight = await load(100);
    for (const { s } of [roomy, tight]) {
      expect(s.metrics.accepted).toBe(440);
      expect(s.store.ops).toBe(440);
    }
    expect(roomy.maxQueued).toBeLessThan(5);
    expect(tight.maxQueued).toBeGreaterThan(50);
    const p99 = (s: SimState) => modeRun(s).latencyMs.p99;
    expect(p99(roomy.s)).toBeLessThan(150);
    expect(p99(tight.s)).toBeGreaterThan(1_000);
    expect(latencyPercentile(tight.s.metrics.latencies, 50)).toBeGreaterThan(latencyPercentile(roomy.s.metrics.latencies, 50) * 3);
    // The queue drains once the burst is over.
    expect(tight.s.store.queued).toBe(0);
  });
});
