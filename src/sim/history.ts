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

export class History {
  driver: SimDriver;
  readonly actions: RecordedAction[] = [];
  private checkpoints: Checkpoint[] = [];

  constructor(driver: SimDriver) {
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
    let lastCheckpoint = this.checkpoints.at(-1)?.timeMs ?? 0;
    // Run in checkpoint-sized slices so a long jump still leaves places to come back to; run at
    // least once, since events may be due at exactly the current time.
    do {
      const sliceEnd = Math.min(timeMs, lastCheckpoint + CHECKPOINT_EVERY_MS);
      await this.driver.runUntil(sliceEnd);
      if (sliceEnd - lastCheckpoint >= CHECKPOINT_EVERY_MS) {
        this.checkpoint();
        lastCheckpoint = sliceEnd;
      }
    } while (s.timeMs < timeMs);
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
    this.checkpoints.push({ timeMs: this.timeMs, state: structuredClone(this.driver.state) });
    if (this.checkpoints.length > MAX_CHECKPOINTS) {
      // Thin out evenly, keeping the first: older history stays reachable, just coarser.
      // The newest stays too: replay after it must not re-apply actions it already holds.
      const last = this.checkpoints.length - 1;
      this.checkpoints = this.checkpoints.filter((_, i) => i === 0 || i === last || i % 2 === 1);
    }
  }
}
