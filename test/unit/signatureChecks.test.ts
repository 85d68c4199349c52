// A signature check is counted, and its CPU charged, only when jose worked the signature out: a
// token with a kid the server has no key for, or an algorithm it refuses, is turned away before.
// key-rotation's table read "57 signature checks" where 47 were made (learner review).
import { describe, expect, it } from 'vitest';
import { findScenario } from '../../src/scenarios';
import { runScenarioMode } from '../../src/scenarios/run';
import type { ReasonCode } from '../../src/reasons';
import { snapshot } from '../../src/store/snapshot';
import { compareRows } from '../../src/ui/compare/compareRows';

const refused = (byReason: Partial<Record<ReasonCode, number>>, reason: ReasonCode): number => byReason[reason] ?? 0;

describe('signature checks', () => {
  it.each([
    ['key-rotation', 'kid_unknown'],
    ['tampering', 'alg_not_allowed'],
  ] as const)('%s: a token refused as %s before any signature work is no check, and costs no CPU', async (id, reason) => {
    const { run, driver } = await runScenarioMode(findScenario(id)!, 'jwt');
    const turnedAway = refused(run.apiOutcomes.byReason, reason);
    expect(turnedAway).toBeGreaterThan(0);
    // Every other API request that carried a token had its signature worked out once.
    expect(run.apiSignatureVerifications).toBe(run.apiRequests - run.apiWithoutCredential - turnedAway);
    const o = driver.state.options;
    expect(driver.state.metrics.verifyCpuMs).toBeCloseTo(run.signatureVerifications * o.cryptoVerifyMs[o.alg], 6);
  });

  it('key-rotation: the comparison table counts the checks made, not the tokens presented', async () => {
    const { run, driver } = await runScenarioMode(findScenario('key-rotation')!, 'jwt');
    const lookups = compareRows({ jwt: snapshot(driver.state) }).find((r) => r.id === 'lookups')!;
    const made = run.apiRequests - refused(run.apiOutcomes.byReason, 'kid_unknown');
    expect(lookups.measured.jwt).toContain(` ${made} signature checks`);
    expect(made).toBeLessThan(run.apiRequests);
  });

  it('key-rotation: checks modelled from memory count the same as checks made by jose', async () => {
    const scenario = findScenario('key-rotation')!;
    const real = await runScenarioMode(scenario, 'jwt');
    const modelled = await runScenarioMode(scenario, 'jwt', scenario.seed, { verification: { kind: 'modelled', sampleEvery: 1 } });
    expect(modelled.run.signatureVerifications).toBe(real.run.signatureVerifications);
    expect(modelled.driver.verifyMemo!.counts.mismatches).toBe(0);
  });
});
