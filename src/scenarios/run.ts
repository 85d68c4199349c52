// Runs a scenario headless: the same code path the app uses, minus the drawing.
import { SimDriver } from '../sim/driver';
import { withOptions } from '../sim/options';
import { violatedInvariants } from '../sim/invariants';
import { modeRun, type ModeRun, type RunReport } from '../sim/report';
import { scheduleAction } from '../sim/step';
import type { TimedAction } from '../sim/parseAction';
import type { Mode, SimOptions } from '../sim/types';
import type { Scenario } from './scenario';

export function scenarioOptions(scenario: Scenario, mode: Mode, seed = scenario.seed, patch: Partial<SimOptions> = {}): SimOptions {
  return withOptions({ ...scenario.options(mode), ...patch, mode, seed });
}

/** A driver with the scenario's whole timeline scheduled, at time 0. */
export async function loadScenario(scenario: Scenario, mode: Mode, seed = scenario.seed, patch: Partial<SimOptions> = {}): Promise<SimDriver> {
  const driver = await SimDriver.create(scenarioOptions(scenario, mode, seed, patch));
  for (const step of scenario.timeline(mode)) scheduleAction(driver.state, step.action, step.atMs);
  return driver;
}

/** A finished run broke one of the model's promises (src/sim/invariants.ts). */
export class InvariantViolation extends Error {
  constructor(
    readonly invariant: string,
    detail: string,
  ) {
    super(`invariant ${invariant} violated: ${detail}`);
  }
}

/** A variation of a lesson: interventions at their times (validated by parseInterventions), and how long to run. */
export interface RunVariation {
  actions?: readonly TimedAction[];
  /** Run until here if it is past the script's end (the script's steady traffic goes on). */
  untilMs?: number | null;
}

/** Runs the timeline (and the variation's interventions), then lets every request still in flight finish (or time out). */
export async function runScenarioMode(scenario: Scenario, mode: Mode, seed = scenario.seed, variation: RunVariation = {}): Promise<{ run: ModeRun; driver: SimDriver }> {
  const driver = await loadScenario(scenario, mode, seed);
  for (const { atMs, action } of variation.actions ?? []) scheduleAction(driver.state, action, atMs);
  const endMs = Math.max(scenario.durationMs, variation.untilMs ?? 0);
  // A long run (--until) may take several event budgets.
  while (!(await driver.runUntil(endMs)));
  while (!(await driver.runUntil(endMs + driver.state.options.requestTimeoutMs + 1)));
  const violated = violatedInvariants(driver.state)[0];
  if (violated) throw new InvariantViolation(violated.name, `${scenario.id} (${mode}, seed ${seed}): ${violated.problems.slice(0, 3).join('; ')}`);
  return { run: modeRun(driver.state), driver };
}

export async function runScenario(scenario: Scenario, modes: Mode[], seed = scenario.seed, variation: RunVariation = {}): Promise<RunReport> {
  const runs: ModeRun[] = [];
  for (const mode of modes) runs.push((await runScenarioMode(scenario, mode, seed, variation)).run);
  return { scenario: scenario.id, seed, runs };
}
