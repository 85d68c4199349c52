// A lesson's expectation checks how its outcome came about, not only the totals: the same totals
// from the wrong mechanism must fail it (issue 9, item 8: clock-skew with its skews swapped).
import { expect, it } from 'vitest';
import { clockSkew } from '../../src/scenarios/clockSkew';
import { runScenarioMode } from '../../src/scenarios/run';
import type { Scenario } from '../../src/scenarios/scenario';

/** The lesson with each server's skew the other way round: server-2 20 s slow, server-3 20 s fast. */
const swapped: Scenario = {
  ...clockSkew,
  timeline: (mode) => clockSkew.timeline(mode).map((step) => (step.action?.type === 'setSkew' ? { ...step, action: { ...step.action, skewMs: -step.action.skewMs } } : step)),
};

it('clock-skew holds as written, and fails with the skews swapped though both kinds of refusal still happen', async () => {
  const { run } = await runScenarioMode(clockSkew, 'jwt');
  expect(clockSkew.expect(run)).toEqual([]);
  const { run: other } = await runScenarioMode(swapped, 'jwt');
  expect(other.requests.byReason.token_not_yet_valid ?? 0).toBeGreaterThanOrEqual(3);
  expect(other.requests.byReason.token_expired ?? 0).toBeGreaterThanOrEqual(3);
  expect(clockSkew.expect(other).join(' ')).toMatch(/server-3|server-2/);
});
