import { describe, expect, it } from 'vitest';
import { SCENARIOS } from '../../src/scenarios';
import { runScenarioMode } from '../../src/scenarios/run';
import { DEFAULT_SWEEP } from '../../src/lab/settings';
import { rowOptions } from '../../src/lab/sweep';
import { SimDriver } from '../../src/sim/driver';
import { scheduleAction } from '../../src/sim/step';
import type { SimState } from '../../src/sim/types';

// The load lab's modelled signature checks must change nothing a learner could see: every lesson
// in the JWT world gives the same log and the same report with real and modelled checks, and the
// sample of real checks finds no disagreement.
describe('modelled signature checks', () => {
  for (const scenario of SCENARIOS.filter((s) => s.modes.includes('jwt'))) {
    it(`${scenario.id}: the same log and report as real checks, with most checks modelled`, async () => {
      const real = await runScenarioMode(scenario, 'jwt');
      const modelled = await runScenarioMode(scenario, 'jwt', scenario.seed, { verification: { kind: 'modelled', sampleEvery: 5 } });
      expect(modelled.run).toEqual(real.run);
      expect(modelled.driver.state.log.entries.map((e) => e.text)).toEqual(real.driver.state.log.entries.map((e) => e.text));
      const counts = modelled.driver.verifyMemo!.counts;
      expect(counts.mismatches).toBe(0);
      if (real.run.signatureVerifications > 20) expect(counts.modelled).toBeGreaterThan(counts.real);
    });
  }
});

describe('modelled checks, however the run is sliced', () => {
  /** A lab row's cluster, busy (4,000 req/s on one server) with a first check of each new token running while repeats arrive. */
  async function labRun(slice: { everyMs: number; budget: number } | null) {
    const settings = { ...DEFAULT_SWEEP, users: 100, ratePerUser: 40, requests: 12_000, storeCapacityOpsPerSec: 2_000, refreshTokens: true, verifyCostMs: 0.5 };
    const driver = await SimDriver.create(rowOptions(settings, 'jwt', 1), new Map(), { kind: 'modelled', sampleEvery: 7 });
    for (let i = 0; i < settings.users; i++) {
      scheduleAction(driver.state, { type: 'login', clientId: `user-${i + 1}` }, i);
      scheduleAction(driver.state, { type: 'traffic', clientId: `user-${i + 1}`, everyMs: 25, count: 120 }, 200 + i / 4);
    }
    const endMs = 9_000;
    if (!slice) while (!(await driver.runUntil(endMs)));
    else for (let t = slice.everyMs; t < endMs + slice.everyMs; t += slice.everyMs) while (!(await driver.runUntil(Math.min(t, endMs), slice.budget)));
    return driver;
  }
  /** The heap's array order depends on when results were pushed; what is queued, in order, does not. */
  const inOrder = (s: SimState) => ({ ...s, queue: [...s.queue].sort((a, b) => a.timeMs - b.timeMs || a.seq - b.seq) });

  it('counts the same real and modelled checks, and reaches the same state, whether it runs in one go or in small slices', async () => {
    const straight = await labRun(null);
    const sliced = await labRun({ everyMs: 13.7, budget: 37 });
    expect(inOrder(sliced.state)).toEqual(inOrder(straight.state));
    expect(sliced.verifyMemo!.counts).toEqual(straight.verifyMemo!.counts);
    expect(straight.verifyMemo!.counts.modelled).toBeGreaterThan(straight.verifyMemo!.counts.real);
  }, 60_000);
});
