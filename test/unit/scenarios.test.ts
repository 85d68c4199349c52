import { describe, expect, it } from 'vitest';
import { SCENARIOS } from '../../src/scenarios';
import { runScenarioMode } from '../../src/scenarios/run';

// Every scenario is a lesson; a scenario whose expectation fails is a broken lesson.
describe.each(SCENARIOS.map((s) => [s.id, s] as const))('scenario %s', (_id, scenario) => {
  it.each(scenario.modes)('teaches its lesson in %s mode', async (mode) => {
    const { run } = await runScenarioMode(scenario, mode);
    expect(scenario.expect(run)).toEqual([]);
    expect(run.unfinishedRequests).toBe(0);
  });
});
