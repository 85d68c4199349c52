// A restarted server is a new process: the work its old process had in hand is gone. A reply that
// comes back for it is not acted on; the browser times out, and the log says why.
import { describe, expect, it } from 'vitest';
import type { Action } from '../../src/sim/types';
import { requestsOf, run } from './support/run';

describe('a server restart', () => {
  it.each(['session', 'jwt'] as const)('loses the request its old process was working on (%s)', async (mode) => {
    const restartAll: [number, Action][] = ['server-1', 'server-2', 'server-3'].map((serverId) => [1_100, { type: 'restartServer', serverId }]);
    // A slow store (session) or a denylist on it (jwt) keeps the request waiting at 1.1 s.
    const d = await run({ mode, storeServiceMs: 1, denylist: mode === 'jwt', requestTimeoutMs: 2_000 }, [[0, { type: 'login', clientId: 'alice' }], [900, { type: 'storeSlow', factor: 100 }], [1_000, { type: 'request', clientId: 'alice' }], ...restartAll], 5_000);
    const [api] = requestsOf(d.state, 'alice', 'api');
    expect(api?.reason).toBe('timeout');
    expect(d.state.log.entries.some((e) => /restarted after taking request #\d+: that work is lost/.test(e.text))).toBe(true);
  });
});

describe('runUntil with its event budget spent', () => {
  it('never moves the clock past an event still due, and goes on where it stopped', async () => {
    const { SimDriver } = await import('../../src/sim/driver');
    const { withOptions } = await import('../../src/sim/options');
    const driver = await SimDriver.create(withOptions({ mode: 'session' }));
    driver.dispatch({ type: 'login', clientId: 'alice' }, 0);
    driver.dispatch({ type: 'traffic', clientId: 'alice', everyMs: 100, count: 50 }, 500);
    let calls = 0;
    while (!(await driver.runUntil(10_000, 20))) {
      calls++;
      const { peekEvent } = await import('../../src/sim/agenda');
      const next = peekEvent(driver.state);
      if (next) expect(driver.state.timeMs).toBeLessThanOrEqual(next.timeMs);
    }
    expect(calls).toBeGreaterThan(5);
    expect(driver.state.timeMs).toBe(10_000);
    expect(driver.state.metrics.total).toBe(51);
  });
});
