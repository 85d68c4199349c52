// Time travel: checkpoints of the plain-JSON state plus deterministic replay. User actions are
// recorded with the virtual time at which they were dispatched (always between two runUntil calls),
// so "run to t, dispatch" replays them exactly, here and from a shared link.
import { SimDriver } from './driver';
import type { Action, SimState } from './types';

export interface RecordedAction {
  atMs: number;
  action: Action;
}

interface Checkpoint {
  timeMs: number;
  state: SimState;
}

const CHECKPOINT_EVERY_MS = 1_000;
const MAX_CHECKPOINTS = 240;
/** A long run goes in slices this small (virtual ms, events), with a pause between: the page stays responsive. */
const SLICE_MS = 1_000;
const SLICE_EVENTS = 4_000;

/** Called between slices of a long run; the UI yields to the browser there (the core knows no clock). */
export type Pause = () => Promise<void>;

/**
 * A copy of the state to come back to. Finished requests, log lines, served outcomes, messages and
 * queued events are written once and never changed, so checkpoints share them (each keeps its own
 * lists of them) and clone the rest: a checkpoint costs the nodes' state, not the run's history.
 * Restoring clones it whole, so a restored run never writes into one. test/unit/history.test.ts
 * fails if anything shared is written to after the fact.
 */
function checkpointOf(s: SimState): SimState {
  const { log, served, recent, messages, queue, ...nodes } = s;
  return {
    ...structuredClone(nodes),
    log: { entries: log.entries.slice(), total: log.total },
    served: { entries: served.entries.slice(), total: served.total },
    recent: recent.slice(),
    messages: { ...messages },
    queue: queue.slice(),
  };
}

export class History {
  driver: SimDriver;
  readonly actions: RecordedAction[] = [];
  private checkpoints: Checkpoint[] = [];
  /** Checkpoints sit on multiples of this; it doubles when they are too many, so they stay evenly spread. */
  private spacingMs = CHECKPOINT_EVERY_MS;

  constructor(
    driver: SimDriver,
    private readonly pause: Pause = async () => {},
  ) {
    this.driver = driver;
    this.checkpoint();
  }

  get timeMs(): number {
    return this.driver.state.timeMs;
  }

  /** Runs forward to `timeMs`, re-applying recorded actions on the way (after a step back). */
  async advanceTo(timeMs: number, replayActionsAtNow = false): Promise<void> {
    const now = this.timeMs;
    const due = this.actions.filter((r) => (r.atMs > now || (replayActionsAtNow && r.atMs === now)) && r.atMs <= timeMs);
    for (const recorded of due) {
      await this.runTo(recorded.atMs);
      this.driver.dispatch(recorded.action);
    }
    await this.runTo(timeMs);
  }

  private async runTo(timeMs: number): Promise<void> {
    const s = this.driver.state;
    // Run in slices so a long jump leaves places to come back to and pauses between slices (and
    // before the first, when the jump is long); run at least once, since events may be due now.
    for (let first = true; ; first = false) {
      if (!first || timeMs - s.timeMs > SLICE_MS) await this.pause();
      const due = (Math.floor((this.checkpoints.at(-1)?.timeMs ?? 0) / this.spacingMs) + 1) * this.spacingMs;
      const sliceEnd = Math.min(timeMs, due, s.timeMs + SLICE_MS);
      // A slice that spends its event budget stops before sliceEnd (at an event's time): go on from there.
      const finished = await this.driver.runUntil(sliceEnd, SLICE_EVENTS);
      if (finished && s.timeMs >= due) this.checkpoint();
      if (finished && sliceEnd >= timeMs) return;
    }
  }

  /** Takes over actions recorded elsewhere (a link): those due now apply now, the rest on the way. */
  adopt(actions: readonly RecordedAction[]): void {
    for (const recorded of actions) {
      this.actions.push(recorded);
      if (recorded.atMs <= this.timeMs) this.driver.dispatch(recorded.action);
    }
  }

  /** Applies a user action now and records it for replay. */
  dispatch(action: Action): void {
    this.actions.push({ atMs: this.timeMs, action });
    this.driver.dispatch(action);
  }

  /** Time of the next event still to happen, if any. */
  nextEventMs(): number | undefined {
    return this.driver.state.queue[0]?.timeMs;
  }

  /** Goes to any time: back by restoring a checkpoint and replaying, forward by running. */
  async seek(timeMs: number): Promise<void> {
    if (timeMs >= this.timeMs) return this.advanceTo(timeMs);
    const from = [...this.checkpoints].reverse().find((c) => c.timeMs <= timeMs) ?? this.checkpoints[0]!;
    this.driver = SimDriver.fromState(from.state, this.driver.keys);
    this.checkpoints = this.checkpoints.filter((c) => c.timeMs <= from.timeMs);
    // A checkpoint is taken before any action dispatched at its own instant, so replay those too.
    await this.advanceTo(timeMs, true);
  }

  /** Forgets recorded actions after now: a new action after stepping back starts a new branch. */
  truncateFuture(): void {
    const now = this.timeMs;
    for (let i = this.actions.length - 1; i >= 0; i--) if (this.actions[i]!.atMs > now) this.actions.splice(i, 1);
  }

  private checkpoint(): void {
    this.checkpoints.push({ timeMs: this.timeMs, state: checkpointOf(this.driver.state) });
    while (this.checkpoints.length > MAX_CHECKPOINTS) {
      // Thin out evenly in time (every other multiple goes), keeping the first: any moment stays
      // within one spacing of a checkpoint. With each checkpoint bounded by the live state, their
      // total is bounded too. The newest stays: replay after it must not re-apply actions it holds.
      this.spacingMs *= 2;
      const last = this.checkpoints.length - 1;
      this.checkpoints = this.checkpoints.filter((c, i) => i === 0 || i === last || c.timeMs % this.spacingMs === 0);
    }
  }
}
