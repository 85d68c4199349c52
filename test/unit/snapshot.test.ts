// A snapshot shares what the engine writes once (messages, log lines, finished requests, jars) and
// copies the rest. If the engine ever wrote into something shared, a drawn moment would change
// under the UI's feet: here every lesson's snapshots are checked to stay as they were taken.
import { describe, expect, it } from 'vitest';
import { SCENARIOS } from '../../src/scenarios';
import { loadScenario } from '../../src/scenarios/run';
import { snapshot } from '../../src/store/snapshot';

describe('snapshot', () => {
  it.each(SCENARIOS.flatMap((sc) => sc.modes.map((mode) => [sc.id, mode] as const)))('%s (%s): what was published never changes as the run goes on', async (id, mode) => {
    const scenario = SCENARIOS.find((sc) => sc.id === id)!;
    const driver = await loadScenario(scenario, mode, scenario.seed);
    const taken: { snap: ReturnType<typeof snapshot>; json: string }[] = [];
    const step = Math.max(500, Math.round(scenario.durationMs / 12));
    for (let t = step; t <= scenario.durationMs; t += step) {
      await driver.runUntil(t);
      const snap = snapshot(driver.state);
      taken.push({ snap, json: JSON.stringify(snap) });
    }
    for (const { snap, json } of taken) expect(JSON.stringify(snap)).toBe(json);
  });
});
