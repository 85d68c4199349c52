import { describe, expect, it } from 'vitest';
import { SCENARIOS } from '../../src/scenarios';
import { runScenarioMode } from '../../src/scenarios/run';

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
