// Runs a scenario headless: the same code path the app uses, minus the drawing.
import { SimDriver, type Verification } from '../sim/driver';
import { withOptions } from '../sim/options';
import { violatedInvariants } from '../sim/invariants';
import { modeRun, type ModeRun, type RunReport } from '../sim/report';
import { scheduleAction } from '../sim/step';
import { ACTION_LIMITS, type TimedAction } from '../sim/parseAction';
import type { Mode, SimOptions } from '../sim/types';
import type { Scenario } from './scenario';

export function scenarioOptions(scenario: Scenario, mode: Mode, seed = scenario.seed, patch: Partial<SimOptions> = {}): SimOptions {
  return withOptions({ ...scenario.options(mode), ...patch, mode, seed });
}

type Step = ReturnType<Scenario['timeline']>[number];

/** When a traffic action sends its last request. */
const lastSendMs = (step: Step): number => (step.action.type === 'traffic' ? step.atMs + (step.action.count - 1) * step.action.everyMs : -Infinity);

/**
 * The timeline with its steady traffic lasting `extraMs` longer (the runner's --until past the
 * script's end): the traffic still running when the script's traffic ends goes on; traffic the
 * script stops earlier (one user handing over to another) stops where it did.
 */
function withSteadyTraffic(steps: Step[], extraMs: number): Step[] {
  if (extraMs <= 0) return steps;
  const end = Math.max(...steps.map(lastSendMs));
  return steps.map((step) => {
    const a = step.action;
    if (a.type !== 'traffic' || lastSendMs(step) + a.everyMs <= end) return step;
    return { ...step, action: { ...a, count: Math.min(ACTION_LIMITS.trafficCount, a.count + Math.floor(extraMs / a.everyMs)) } };
  });
}

/** A driver with the scenario's whole timeline scheduled, at time 0; its steady traffic may be made to last longer. */
export async function loadScenario(scenario: Scenario, mode: Mode, seed = scenario.seed, patch: Partial<SimOptions> = {}, extraTrafficMs = 0, verification?: Verification): Promise<SimDriver> {
  const driver = await SimDriver.create(scenarioOptions(scenario, mode, seed, patch), new Map(), verification);
  for (const step of withSteadyTraffic(scenario.timeline(mode), extraTrafficMs)) scheduleAction(driver.state, step.action, step.atMs);
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
  /** Run until here if it is past the script's end: the script's steady traffic (what still runs when its traffic ends) lasts that much longer. */
  untilMs?: number | null;
  /** How signature checks run (real by default; the lab's modelled checks give the same outcome). */
  verification?: Verification;
  /** Told between event budgets of a long run: the world, and the virtual time reached of the time to run. */
  onProgress?: (mode: Mode, reachedMs: number, endMs: number) => void;
  /** Events between two `onProgress` calls (default: the driver's budget, 2 million). */
  eventsPerProgress?: number;
}

/** Runs the timeline (and the variation's interventions), then lets every request still in flight finish (or time out). */
export async function runScenarioMode(scenario: Scenario, mode: Mode, seed = scenario.seed, variation: RunVariation = {}): Promise<{ run: ModeRun; driver: SimDriver }> {
  const endMs = Math.max(scenario.durationMs, variation.untilMs ?? 0);
  const driver = await loadScenario(scenario, mode, seed, {}, endMs - scenario.durationMs, variation.verification);
  for (const { atMs, action } of variation.actions ?? []) driver.dispatch(action, atMs);
  // A long run (--until) may take several event budgets.
  while (!(await driver.runUntil(endMs, variation.eventsPerProgress))) variation.onProgress?.(mode, driver.state.timeMs, endMs);
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
