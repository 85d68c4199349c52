// A long headless run (npm run sim -- --until ...) says how far it is, so it is not taken for a hang.
import { describe, expect, it } from 'vitest';
import { PROGRESS_EVERY_MS, progressReporter } from '../../src/cli/progress';
import { findScenario } from '../../src/scenarios';
import { runScenario } from '../../src/scenarios/run';

describe('the runner\'s progress', () => {
  it('is told between event budgets, further each time, and the run ends as it would in one go', async () => {
    const scenario = findScenario('scale-out')!;
    const untilMs = scenario.durationMs + 60_000;
    const told: [string, number, number][] = [];
    const split = await runScenario(scenario, ['session'], scenario.seed, { untilMs, eventsPerProgress: 500, onProgress: (...call) => told.push(call) });
    const whole = await runScenario(scenario, ['session'], scenario.seed, { untilMs });
    expect(told.length).toBeGreaterThan(3);
    expect(told.every(([mode, , endMs]) => mode === 'session' && endMs === untilMs)).toBe(true);
    const reached = told.map(([, at]) => at);
    expect(reached).toEqual([...reached].sort((a, b) => a - b));
    expect(reached.at(-1)!).toBeLessThanOrEqual(untilMs);
    expect(split).toEqual(whole);
  });

  it('writes a line at most every 2 s of wall time, with the world, the times and the share done', () => {
    let wall = 0;
    const lines: string[] = [];
    const tell = progressReporter((line) => lines.push(line), () => wall);
    tell('session', 1_000, 86_400_000);
    wall = PROGRESS_EVERY_MS - 1;
    tell('session', 2_000, 86_400_000);
    expect(lines).toEqual([]);
    wall = PROGRESS_EVERY_MS;
    tell('jwt', 43_200_000, 86_400_000);
    wall += 10;
    tell('jwt', 43_300_000, 86_400_000);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^sim: jwt at .+ of .+ simulated \(50%\)\n$/);
  });
});
