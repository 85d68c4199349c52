// A lesson ends when its story does: nothing is left to happen after its duration, or playback runs
// on past it with nothing told (key-rotation's k1 was withdrawn at 40 s of a 35 s lesson, the key set
// changing under the takeaway).
import { describe, expect, it } from 'vitest';
import { findScenario, SCENARIOS } from '../../src/scenarios';
import { loadScenario } from '../../src/scenarios/run';
import { peekEvent } from '../../src/sim/agenda';
import type { SimOptions } from '../../src/sim/types';

async function leftAfterEnd(id: string, mode: 'session' | 'jwt', patch: Partial<SimOptions> = {}): Promise<number | null> {
  const scenario = findScenario(id)!;
  const driver = await loadScenario(scenario, mode, scenario.seed, patch);
  await driver.runUntil(scenario.durationMs);
  return peekEvent(driver.state)?.timeMs ?? null;
}

describe('every lesson ends at its duration', () => {
  it.each(SCENARIOS.flatMap((s) => s.modes.map((mode) => [s.id, mode] as const)))('%s [%s]: no event is left after it', async (id, mode) => {
    expect(await leftAfterEnd(id, mode)).toBeNull();
  });

  it('and the check can fail: with the old 35 s key overlap, key-rotation withdraws k1 at 40 s', async () => {
    expect(await leftAfterEnd('key-rotation', 'jwt', { keyOverlapMs: 35_000 })).toBe(40_000);
  });
});
