import { responseText } from '../../src/sim/http';
// The store's queue is bounded: under any load, queries past storeQueueMax are turned away at once
// (503 overloaded) instead of waiting without end, and every request still gets one outcome.
import { describe, expect, it } from 'vitest';
import { eachRequestOneOutcome } from '../../src/sim/invariants';
import type { Action, ClientSpec } from '../../src/sim/types';
import { requestsOf, run } from './support/run';

describe('store queue', () => {
  it('turns away what does not fit, and serves the rest', async () => {
    const clients: ClientSpec[] = Array.from({ length: 30 }, (_, i) => ({ id: `u${i}`, userId: `u${i}`, kind: 'browser' }));
    const script: [number, Action][] = clients.flatMap((c, i): [number, Action][] => [[i, { type: 'login', clientId: c.id }], [2_000, { type: 'request', clientId: c.id }]]);
    const d = await run({ mode: 'session', clients, storeCapacityOpsPerSec: 100, storeQueueMax: 5, requestTimeoutMs: 10_000 }, script, 15_000);
    const api = requestsOf(d.state, undefined, 'api');
    const overloaded = api.filter((r) => r.reason === 'overloaded');
    expect(overloaded.length).toBeGreaterThan(0);
    expect(api.some((r) => r.reason === 'ok')).toBe(true);
    expect(responseText(overloaded[0]!.httpResponse!)).toMatch(/^HTTP\/1\.1 503 /);
    expect(d.state.store.queued).toBe(0);
    expect(eachRequestOneOutcome(d.state)).toEqual([]);
  });
});

describe('a full store queue and the denylist', () => {
  it.each([
    ['open', 'ok'],
    ['closed', 'overloaded'],
  ] as const)('follows the denylist\'s fail mode (%s)', async (failMode, expected) => {
    const clients: ClientSpec[] = Array.from({ length: 30 }, (_, i) => ({ id: `u${i}`, userId: `u${i}`, kind: 'browser' }));
    const script: [number, Action][] = clients.flatMap((c, i): [number, Action][] => [[i * 50, { type: 'login', clientId: c.id }], [3_000, { type: 'request', clientId: c.id }]]);
    const d = await run({ mode: 'jwt', clients, denylist: true, denylistFailMode: failMode, storeCapacityOpsPerSec: 100, storeQueueMax: 5, requestTimeoutMs: 10_000 }, script, 15_000);
    const turnedAway = requestsOf(d.state, undefined, 'api').filter((r) => d.state.log.entries.some((e) => e.requestId === r.id && /its queue is full/.test(e.text)));
    expect(turnedAway.length).toBeGreaterThan(0);
    expect(new Set(turnedAway.map((r) => r.reason))).toEqual(new Set([expected]));
  });
});
