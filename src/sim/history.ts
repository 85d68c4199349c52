// Time travel: checkpoints of the plain-JSON state plus deterministic replay. User actions are
// recorded with the virtual time at which they were dispatched (always between two runUntil calls),
// so "run to t, dispatch" replays them exactly, here and from a shared link.
import { SimDriver } from './driver';
import { REAL_SAMPLE_EVERY, VerifyMemo } from '../auth/verifyMemo';
import type { Action, SimState } from './types';
import { copyLane } from './agenda';
import { ById } from './byId';
import { copyJson } from './copyJson';
import { nextEventTime } from './step';

export interface RecordedAction {
  atMs: number;
  action: Action;
}

interface Checkpoint {
  timeMs: number;
  state: SimState;
  /** Its log and served lists were cut to short tails (it is far behind the newest). */
  thinned?: boolean;
}

const CHECKPOINT_EVERY_MS = 1_000;
/**
 * Past this many, each new checkpoint drops the one whose loss leaves the smallest gap, and the
 * next comes after (time so far) / MAX_CHECKPOINTS: the count stays constant, so memory stays flat
 * however long a run gets, and any moment stays within about two spacings of a checkpoint. At 60
 * simulated minutes that is a minute or two of replay, under a second of work for the load lesson.
 */
const MAX_CHECKPOINTS = 60;
/**
 * A checkpoint more than this far (simulated) behind the newest keeps only the tails of the log
 * and served lists (what a restored moment shows first), not whole windows: past an hour of the
 * load cluster those windows no longer overlap, and 60 of them doubled the memory of the run.
 * Every lesson is shorter than this, so its checkpoints stay whole.
 */
const WHOLE_RECORDS_MS = 120_000;
const THIN_LOG_ENTRIES = 150;
const THIN_SERVED_ENTRIES = 200;
/** A long run goes in slices this small (virtual ms, events), with a pause between: the page stays responsive. */
const SLICE_MS = 1_000;
const SLICE_EVENTS = 4_000;

/** Called between slices of a long run; the UI yields to the browser there (the core knows no clock). */
export type Pause = () => Promise<void>;

/**
 * A copy of the state to come back to. Finished requests, log lines, served outcomes, messages and
 * queued events are written once and never changed, so checkpoints share them (each keeps its own
 * lists of them) and clone the rest: a checkpoint costs the nodes' state, not the run's history.
 * Restoring copies a checkpoint the same way, so a restored run never writes into one.
 * test/unit/history.test.ts fails if anything shared is written to after the fact.
 */
function checkpointOf(s: SimState): SimState {
  const { log, served, recent, messages, queue, timers, repeats, backlog, storeWork, ...nodes } = s;
  return {
    ...copyJson(nodes),
    log: { entries: log.entries.slice(), total: log.total },
    served: { entries: served.entries.slice(), total: served.total },
    recent: recent.slice(),
    messages: new ById(messages),
    queue: queue.slice(),
    timers: copyLane(timers),
    repeats: copyLane(repeats),
    backlog: copyLane(backlog),
    storeWork: copyLane(storeWork),
  };
}

/** Token bytes a History's seek memo keeps at most (an hour of the load lesson has a few hundred). */
const SEEK_MEMO_MAX_TOKENS = 20_000;

export class History {
  driver: SimDriver;
  readonly actions: RecordedAction[] = [];
  private checkpoints: Checkpoint[] = [];
  /**
   * The verdicts a seek's modelled checks remember, kept from seek to seek: the tokens of a run
   * are mostly the same ones, and each new memo checked each of them for real again, one await at
   * a time (10% of a seek an hour into the load lesson). Forgotten when keys change (driver.ts).
   */
  private readonly verdicts = new VerifyMemo(REAL_SAMPLE_EVERY, SEEK_MEMO_MAX_TOKENS);

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
      // A quiet stretch is crossed at once: nothing left to happen (the run went quiet past its
      // end), the clock goes there; the next event far off, one slice goes to it (or to the next
      // checkpoint). Walked a second a slice, a link to the end of a key's 120 s overlap took so
      // long that the page clamped its seeks to 10 s past the lesson's end, and opened it elsewhere.
      const quietUntilMs = this.driver.quietUntilMs;
      if (quietUntilMs === Infinity) {
        await this.driver.runUntil(timeMs);
        return;
      }
      if (!first || timeMs - s.timeMs > SLICE_MS) await this.pause();
      const due = this.nextCheckpointMs();
      const sliceEnd = Math.min(timeMs, due, Math.max(s.timeMs + SLICE_MS, quietUntilMs));
      // A slice that spends its event budget stops before sliceEnd (at an event's time): go on from there.
      const finished = await this.driver.runUntil(sliceEnd, SLICE_EVENTS, this.pause);
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

  /** When the next checkpoint is due: (time so far) / MAX_CHECKPOINTS after the last, at least a second. */
  private nextCheckpointMs(): number {
    const last = this.checkpoints.at(-1)?.timeMs ?? 0;
    return last + Math.max(CHECKPOINT_EVERY_MS, Math.floor(last / MAX_CHECKPOINTS));
  }

  /** Applies a user action now and records it for replay. */
  dispatch(action: Action): void {
    // A checkpoint overdue here (the future was just forgotten, leaving a wide gap) is taken before
    // the action, as every checkpoint is: taken after it, a restore would apply the action twice.
    if (this.nextCheckpointMs() <= this.timeMs) this.checkpoint();
    this.actions.push({ atMs: this.timeMs, action });
    this.driver.dispatch(action);
  }

  /** Time of the next event still to happen, if any. */
  nextEventMs(): number | undefined {
    return nextEventTime(this.driver.state);
  }

  /**
   * Goes to any time: from the latest checkpoint at or before it when that is ahead of now or the
   * target is behind (checkpoints of this branch's future stay until a new action forgets them),
   * else by running on from here.
   */
  async seek(timeMs: number): Promise<void> {
    const from = [...this.checkpoints].reverse().find((c) => c.timeMs <= timeMs) ?? this.checkpoints[0]!;
    // The stretch a seek recomputes is not watched: its signature checks are modelled (driver.ts
    // modelledWhile), with the same outcomes; playing on from the target checks for real again.
    if (timeMs >= this.timeMs && from.timeMs <= this.timeMs) return this.driver.modelledWhile(() => this.advanceTo(timeMs), this.verdicts);
    // The same copy a checkpoint is taken with: the nodes' state copied, the written-once records
    // shared (structuredClone copied them all: ~120 ms a world an hour into the load lesson).
    this.driver = SimDriver.fromState(checkpointOf(from.state), this.driver.keys);
    // A checkpoint is taken before any action dispatched at its own instant, so replay those too.
    await this.driver.modelledWhile(() => this.advanceTo(timeMs, true), this.verdicts);
  }

  /** Forgets recorded actions and checkpoints after now: a new action after stepping back starts a new branch. */
  truncateFuture(): void {
    const now = this.timeMs;
    for (let i = this.actions.length - 1; i >= 0; i--) if (this.actions[i]!.atMs > now) this.actions.splice(i, 1);
    this.checkpoints = this.checkpoints.filter((c) => c.timeMs <= now);
  }

  private checkpoint(): void {
    const cps = this.checkpoints;
    cps.push({ timeMs: this.timeMs, state: checkpointOf(this.driver.state) });
    for (const c of cps) {
      if (this.timeMs - c.timeMs <= WHOLE_RECORDS_MS) break;
      if (c.thinned) continue;
      // Fresh arrays (the lists are the checkpoint's own), sharing the entries as before.
      c.state.log.entries = c.state.log.entries.slice(-THIN_LOG_ENTRIES);
      c.state.served.entries = c.state.served.entries.slice(-THIN_SERVED_ENTRIES);
      c.thinned = true;
    }
    if (cps.length <= MAX_CHECKPOINTS) return;
    // Drop the one whose neighbours are closest, never the first or the newest (replay after the
    // newest must not re-apply actions it holds): gaps stay even, and the count constant.
    let drop = 1;
    for (let i = 2; i < cps.length - 1; i++) if (cps[i + 1]!.timeMs - cps[i - 1]!.timeMs < cps[drop + 1]!.timeMs - cps[drop - 1]!.timeMs) drop = i;
    cps.splice(drop, 1);
  }
}
