// Nothing is dropped in silence: a reply, a response or a crypto result that comes back after its
// request timed out is said in the log, with the timeout as its reason.
import { describe, expect, it } from 'vitest';
import { run } from './support/run';

describe('late events', () => {
  it.each(['session', 'jwt'] as const)('a %s store reply after the timeout is logged, not lost', async (mode) => {
    const d = await run({ mode, denylist: true, requestTimeoutMs: 2_000 }, [
      [0, { type: 'login', clientId: 'alice' }],
      [1_000, { type: 'storeSlow', factor: 100_000 }],
      [1_500, { type: 'request', clientId: 'alice' }],
    ], 60_000);
    const late = d.state.log.entries.filter((e) => /arrives after that request timed out/.test(e.text));
    expect(late.length).toBeGreaterThan(0);
    expect(late.every((e) => e.reason === 'timeout' && e.ok === false)).toBe(true);
    expect(d.state.metrics.timedOut).toBe(1);
  });
});
