// Shared by the question tests: play a scenario's worlds headless to a question's moment, then on
// until the run has decided its outcome, reading it through the same request window the UI's snapshot shows.
import type { SimDriver } from '../../../src/sim/driver';
import type { Mode, SimOptions } from '../../../src/sim/types';
import { loadScenario } from '../../../src/scenarios/run';
import type { Question, Scenario, WorldView, WorldViews } from '../../../src/scenarios/scenario';
import { modeRun } from '../../../src/sim/report';
import type { SimState } from '../../../src/sim/types';
import { shownRequests } from '../../../src/store/snapshot';

export type Patches = Partial<Record<Mode, Partial<SimOptions>>>;

export interface Asked {
  /** The outcome at the question's moment, before the learner answered (should be null). */
  atAsk: ReturnType<Question['outcome']>;
  /** API requests already sent at or after the question's moment, when it was asked (should be 0). */
  sentAfterAsk: number;
  outcome: { choiceId: string; why: string } | null;
  /** Virtual time at which the outcome was first decided. */
  decidedAtMs: number | null;
}

const STEP_MS = 50;
export const GIVE_UP_AFTER_MS = 15_000;

/** A world as the UI's snapshot shows it to a question (the same request window), without copying. */
export function worldViewOf(state: SimState): WorldView {
  return { mode: state.options.mode, timeMs: state.timeMs, options: state.options, requests: shownRequests(state), served: state.served.entries, report: modeRun(state) };
}

export function viewsOf(drivers: Partial<Record<Mode, SimDriver>>): WorldViews {
  const views: WorldViews = {};
  for (const [mode, d] of Object.entries(drivers) as [Mode, SimDriver][]) views[mode] = worldViewOf(d.state);
  return views;
}

export async function ask(scenario: Scenario, q: Question, patches: Patches = {}, seed = scenario.seed): Promise<Asked> {
  const drivers: Partial<Record<Mode, SimDriver>> = {};
  for (const mode of q.modes) drivers[mode] = await loadScenario(scenario, mode, seed, patches[mode] ?? {});
  const runAll = async (t: number) => {
    for (const d of Object.values(drivers)) await d.runUntil(t);
  };
  await runAll(q.atMs);
  const views = viewsOf(drivers);
  const atAsk = q.outcome(views, q.atMs);
  const sentAfterAsk = Object.values(views).reduce((n, v) => n + v.requests.filter((r) => r.sentAtMs >= q.atMs).length, 0);
  for (let t = q.atMs + STEP_MS; t <= q.atMs + GIVE_UP_AFTER_MS; t += STEP_MS) {
    await runAll(t);
    const outcome = q.outcome(viewsOf(drivers), q.atMs);
    if (outcome) return { atAsk, sentAfterAsk, outcome, decidedAtMs: t };
  }
  return { atAsk, sentAfterAsk, outcome: null, decidedAtMs: null };
}
