// Drives one or two simulated worlds on one clock: the requestAnimationFrame loop, step, step back,
// seek and user actions. Async work is serialised on one promise chain, so a click during an
// advance waits its turn and is recorded at an exact virtual time (which makes replays exact).
import type { History, RecordedAction } from '../sim/history';
import type { Action, Message, Mode, SimOptions, SimState } from '../sim/types';
import type { Scenario } from '../scenarios/scenario';
import { hopRate, idleRate } from './clock';
import { dwellAtSpeed, landsOnQuestion, NO_PACING, type Pacing, type QuestionStop } from './pacing';
import { asksAbout, keepsBack } from './lesson';
import type { WorldSnapshot } from './snapshot';
import { browserPause } from './yieldToBrowser';

export type Worlds = Partial<Record<Mode, WorldSnapshot>>;

export interface PlayerHooks {
  /** New snapshots after events were processed (not every frame). */
  publish(worlds: Worlds, timeMs: number): void;
  /** Playback stopped by itself (the run has nothing left to do). */
  ended(): void;
  /** Something failed; the message is for the user. */
  failed(message: string): void;
  /** Playback reached a question and paused itself. */
  ask(questionId: string): void;
  /** Playback holds so a caption can be read (true), or flows again (false). */
  holding(on: boolean): void;
}

type FrameListener = (timeMs: number) => void;

/**
 * The simulation engine (with jose and WebCrypto) arrives in its own chunk, fetched while the
 * first scenario loads: the page's first paint needs only the shell.
 */
async function loadEngine() {
  const [{ History }, { loadScenario }, snapshots] = await Promise.all([import('../sim/history'), import('../scenarios/run'), import('./snapshot')]);
  snapshot = snapshots.snapshot;
  return { History, loadScenario };
}

/** The engine fetched before a lesson asks for it: a link page's, while its parser comes (src/main.tsx). */
export const prefetchEngine = () => void loadEngine().catch(() => {});

/** What the UI may draw of a world (./snapshot.ts, which reads the engine's report): set with the engine, before any world exists. */
let snapshot: (state: SimState) => WorldSnapshot;

const REDUCED_MOTION_STEP_MS = 700;
/** The least share of the dots' pace of virtual time reduced motion keeps, where logged moments crowd. */
const REDUCED_MOTION_PACE_FLOOR = 0.6;
const MAX_FRAME_MS = 100;
const MAX_EVENTS_PER_STEP = 200;
const PUBLISH_EVERY_MS = 100;
/** A held caption waits this far (virtual ms) before the next one's moment, so it is not yet replaced. */
const HOLD_BEFORE_MS = 0.01;

export class Player {
  private histories: Partial<Record<Mode, History>> = {};
  /** One pause for every world: the time since the browser's last turn counts across them. */
  private readonly slicePause = browserPause();
  private chain: Promise<void> = Promise.resolve();
  private busy = false;
  /** Work queued so far (a count), and the seek queued that has not begun, if any. */
  private queued = 0;
  private waitingSeek: { target: number; queuedAs: number; done: Promise<void> } | null = null;
  private rafId: number | null = null;
  private lastFrameAt: number | null = null;
  private idle: { rate: number; until: number } | null = null;
  private sinceStep = 0;
  private frameListeners = new Set<FrameListener>();
  private published = -1;
  private publishedAt = -Infinity;
  private pacing: Pacing = NO_PACING;
  /** The caption on screen (the last one whose moment has passed; read, not written, outside), and how long it has been read. */
  captionIndex = -1;
  private captionShownMs = 0;
  private nextQuestion = 0;
  private isHolding = false;
  timeMs = 0;
  endMs = 0;
  speed = 1;
  playing = false;
  reducedMotion = false;

  constructor(private readonly hooks: PlayerHooks) {}

  get modes(): Mode[] {
    return Object.keys(this.histories) as Mode[];
  }

  load(scenario: Scenario, modes: Mode[], seed: number, overrides: Partial<SimOptions>, actions: readonly RecordedAction[] = []): Promise<void> {
    this.pause();
    return this.enqueue(async () => {
      const { History, loadScenario } = await loadEngine();
      this.histories = {};
      for (const mode of modes) {
        const history = new History(await loadScenario(scenario, mode, seed, overrides), this.slicePause);
        // Interventions from a link: History re-applies recorded actions as time reaches them.
        history.adopt(actions);
        this.histories[mode] = history;
      }
      this.timeMs = 0;
      this.endMs = scenario.durationMs;
      this.idle = null;
      // An intervention at the very start shows at once, as it did when it was made.
      if (actions.some((a) => a.atMs <= 0)) await this.advanceAll(0);
      this.syncPacing();
      this.published = -1;
      // The first drawing of the worlds is a long render of its own, as after a seek.
      await this.publishJump();
    });
  }

  /** The lesson's reading pace and questions (see pacing.ts); applies from the current moment. */
  setPacing(pacing: Pacing): void {
    this.pacing = pacing;
    this.syncPacing();
  }

  /** Let a held caption go: the learner has read it ("Next"). */
  release(): void {
    this.captionShownMs = Infinity;
    this.setHolding(false);
  }

  /** The caption on screen was seen for `ms` while paused (an embed's, src/host/visibility.ts): read for that long. */
  creditSeen(ms: number): void {
    this.captionShownMs += ms;
  }

  /** Resolves once the work queued so far (advances, seeks, actions) is done. */
  settled(): Promise<void> {
    return this.chain;
  }

  onFrame(listener: FrameListener): () => void {
    this.frameListeners.add(listener);
    return () => this.frameListeners.delete(listener);
  }

  play(): void {
    if (this.playing) return;
    this.playing = true;
    this.lastFrameAt = null;
    this.rafId = requestAnimationFrame(this.frame);
  }

  pause(): void {
    this.playing = false;
    if (this.rafId !== null) cancelAnimationFrame(this.rafId);
    this.rafId = null;
  }

  /**
   * Paused by the learner (or a host): what the publish throttle held back is drawn, after the
   * advance under way. Undrawn, the stage and log stayed up to PUBLISH_EVERY_MS of real time behind
   * the paused clock (1.6 s of the load lesson at 16x), and a link shared there opened on a moment
   * the page never showed (teacher review).
   */
  pauseHere(): void {
    // Paused already, all is drawn (an advance publishes at once then); queued work would also stop
    // a host's pause-then-seek scrubbing from retargeting its waiting seek (`seek`).
    if (!this.playing) return;
    this.pause();
    void this.enqueue(async () => {
      this.publishedAt = -Infinity;
      this.publish(false);
    });
  }

  /** To the next moment something is logged: every Step changes what the caption says. */
  step(): Promise<void> {
    return this.enqueue(async () => {
      // A hold is playback's: a step moves on past it (its bar and border stayed over the next caption).
      this.setHolding(false);
      await this.advanceToNextLogged();
      // Passed first: the next question is then none behind the clock.
      this.passStops(null);
      await this.askIfLandedAtQuestion();
      this.publish(true);
    });
  }

  /** The user's interventions so far, for a link that replays them. */
  recordedActions(): readonly RecordedAction[] {
    return (this.histories.session ?? this.histories.jwt)?.actions ?? [];
  }

  private messagesInFlight(): Message[] {
    return Object.values(this.histories).flatMap((h) => [...h.driver.state.messages.values()]);
  }

  /**
   * To the next logged moment, never past a question still to come, as playback stops there: Step
   * back from the ban's question, then Step, went on past it unasked. Stopped at the question, it
   * leaves that moment's publish to the ask (the callers ask there), as playback does.
   */
  private async advanceToNextLogged(): Promise<void> {
    const stopAtMs = this.pacing.questions[this.nextQuestion]?.atMs ?? Infinity;
    const to = (timeMs: number) => this.advanceAll(Math.min(timeMs, stopAtMs), timeMs < stopAtMs);
    const logged = this.loggedTotal();
    for (let i = 0; i < MAX_EVENTS_PER_STEP && this.loggedTotal() === logged && this.timeMs < stopAtMs; i++) {
      const next = this.nextEventMs();
      // Nothing left to happen: the last step goes to the lesson's end, where playback would end it.
      if (next === undefined) {
        if (this.timeMs < this.endMs) await to(this.endMs);
        break;
      }
      await to(Math.max(next, this.timeMs));
    }
  }

  /** The lesson's end is on screen: its last moment reached and nothing left to happen (where playback ends). */
  get atEnd(): boolean {
    return this.endMs > 0 && this.timeMs >= this.endMs && this.nextEventMs() === undefined;
  }

  /** Back to the previous logged moment in any world (Step's moments in reverse): restore a checkpoint, replay up to it. */
  stepBack(): Promise<void> {
    return this.seekFrom((now) => {
      const earlier = Object.values(this.histories).map((h) => h.driver.state.log.entries.findLast((e) => e.timeMs < now)?.timeMs ?? 0);
      return Math.max(0, ...earlier);
    }, false);
  }

  /**
   * A seek to where `target` says from the time reached when its turn comes (none: stay), not from
   * the time at the press: presses in quick succession (Step back, Next key moment) each go one
   * further (worked out at the press, they all aimed at the same place).
   */
  seekFrom(target: (nowMs: number) => number | undefined, toQuestion = true): Promise<void> {
    return this.enqueue(async () => {
      const to = target(this.timeMs);
      if (to !== undefined) await this.jumpTo(to, toQuestion);
    });
  }

  seek(timeMs: number): Promise<void> {
    // A seek asked for while the last queued work is a seek not yet begun retargets that one: a host
    // page posting 3,000 seeks in a loop held the frame for ~10 s, each replayed in turn.
    const waiting = this.waitingSeek;
    if (waiting && waiting.queuedAs === this.queued) {
      waiting.target = timeMs;
      return waiting.done;
    }
    const seek = { target: timeMs, queuedAs: 0, done: Promise.resolve() };
    seek.done = this.enqueue(() => {
      if (this.waitingSeek === seek) this.waitingSeek = null;
      return this.jumpTo(seek.target, true);
    });
    seek.queuedAs = this.queued;
    this.waitingSeek = seek;
    return seek.done;
  }

  /** `toQuestion`: a seek (a link's, a host's, the timeline's and its keys, Next and Previous key moment) goes on to a question it lands just before; Step back does not, or it could never get past one. */
  private async jumpTo(timeMs: number, toQuestion: boolean): Promise<void> {
    const histories = Object.values(this.histories);
    let target = Math.max(0, timeMs);
    for (const h of histories) await h.seek(target);
    // Past the lesson's end, only as far as the run goes on there (traffic an intervention added):
    // a link's moment of a day opened basic at 16 s, its timeline stretched past its 6 s end, and
    // never ended there as playback does. So the clock goes back to the run's last moment.
    if (target > this.endMs && this.nextEventMs() === undefined) {
      const last = Math.max(this.endMs, ...histories.map((h) => h.driver.state.log.entries.at(-1)?.timeMs ?? 0));
      if (last < target) {
        target = last;
        for (const h of histories) await h.seek(target);
      }
    }
    // The clock moves with the drawing: a frame in between would draw the old moment's dots at the new time.
    await this.publishJump(() => {
      this.timeMs = target;
      this.idle = null;
      this.syncPacing();
    });
    if (toQuestion) await this.askIfLandedAtQuestion();
  }

  /**
   * Landed on a question's moment, or after the caption it keeps back and before it (a link to the
   * ban at 5000, asked at 5100; a Step onto the ban): it is asked there, as playback reaching it
   * would. Unasked, its caption stayed kept back over a stage that had moved on ("Alice logs in."
   * over the ban done). One only jumped over is not asked. The next question is never behind the clock here.
   */
  private async askIfLandedAtQuestion(): Promise<void> {
    const question = this.pacing.questions[this.nextQuestion];
    if (landsOnQuestion(this.pacing, question, this.timeMs)) {
      await this.advanceAll(question.atMs);
      this.passStops(question);
    }
  }

  /** A user action, applied to every world at the current time (after any advance in progress). */
  dispatch(action: Action): Promise<void> {
    return this.enqueue(async () => {
      // On a whole millisecond: playback's clock is fractional, and a link read "atMs":12345.678900000001.
      if (this.timeMs % 1) await this.advanceAll(Math.ceil(this.timeMs));
      for (const h of Object.values(this.histories)) {
        h.truncateFuture();
        h.dispatch(action);
      }
      // Run the instant of the action so its immediate effects (a log line, a deleted session) show.
      await this.advanceAll(this.timeMs);
      this.publish(true);
    });
  }


  private frame = (now: number): void => {
    if (!this.playing) return;
    const dt = this.lastFrameAt === null ? 16 : Math.min(MAX_FRAME_MS, now - this.lastFrameAt);
    this.lastFrameAt = now;
    if (!this.busy) void this.enqueue(() => this.tick(dt));
    for (const listener of this.frameListeners) listener(this.timeMs);
    this.rafId = requestAnimationFrame(this.frame);
  };

  private async tick(dtRealMs: number): Promise<void> {
    // What the last advance left unpublished (within the throttle) goes out now: a tick that holds
    // for a caption's reading time advances nothing, and scale-out's stage showed the balancer
    // "sticky" and server-3 down for 10 s under "routing is plain round-robin again" (review).
    this.publish(false);
    // That publish may have paused playback (a question's verdict decided by it): this tick advances no further.
    if (!this.playing) return;
    const next = this.nextEventMs();
    if (next === undefined && this.timeMs >= this.endMs) {
      // The last caption gets its reading time too before the takeaway takes its place.
      const last = this.pacing.captions[this.captionIndex];
      if (last !== undefined && this.captionShownMs < dwellAtSpeed(last.dwellMs, this.speed)) {
        this.captionShownMs += dtRealMs;
        this.setHolding(true);
        return;
      }
      this.setHolding(false);
      this.pause();
      // The last events may have come within the publish throttle: the end shows (and reports) the final state.
      this.publish(true);
      this.hooks.ended();
      return;
    }
    this.captionShownMs += dtRealMs;
    if (this.reducedMotion) {
      // No travelling dots: jump from event to event at a readable pace.
      this.sinceStep += dtRealMs * this.speed;
      if (this.sinceStep < REDUCED_MOTION_STEP_MS) return;
      // But while messages travel, never at less than REDUCED_MOTION_PACE_FLOOR of the dots' pace: one logged moment a
      // beat took the load lesson, ~5,000 of them, about 7 minutes at 16x, its question 1.7 (learner
      // review). Across an idle gap a beat is its next moment, as the dots' pace would pass it anyway.
      const gapEnd = next ?? this.endMs;
      const rate = hopRate(this.messagesInFlight(), this.timeMs, this.speed);
      const floor = rate === null ? gapEnd : Math.min(this.timeMs + (REDUCED_MOTION_STEP_MS / this.speed) * rate * REDUCED_MOTION_PACE_FLOOR, Math.max(this.endMs, this.timeMs));
      this.sinceStep = 0;
      const paced = this.paced(Math.max(gapEnd, floor));
      if (paced.held) return;
      let { ask } = paced;
      // One logged moment per beat (a request sent, a check, an answer), as Step does, where they are far enough apart.
      if (ask || next === undefined || paced.target > next) await this.advanceAll(paced.target, ask === null);
      else {
        await this.advanceToNextLogged();
        // Stopped at a question still to come (advanceToNextLogged goes no further): asked now, not a beat later.
        const question = this.pacing.questions[this.nextQuestion];
        if (question?.atMs === this.timeMs) ask = question;
      }
      this.passStops(ask);
      return;
    }
    if (next !== undefined && next <= this.timeMs) {
      await this.advanceAll(this.timeMs); // events due now: run them before choosing a pace
      return;
    }
    const rate = hopRate(this.messagesInFlight(), this.timeMs, this.speed);
    const gapEnd = next ?? this.endMs;
    if (rate !== null) this.idle = null;
    // A gap's pace is set at its start, for that gap only: an event that sends nothing (a signed-out
    // browser's skipped beat) kept a pace set 1 ms before it, and refresh-tokens crawled 0.7 s short of its end.
    else if (this.idle?.until !== gapEnd) this.idle = { rate: idleRate(gapEnd - this.timeMs, this.speed), until: gapEnd };
    let wanted = this.timeMs + dtRealMs * (rate ?? this.idle!.rate);
    // Never glide past the next event while idle: it may start a message we want to see leave; nor
    // past the lesson's end when nothing is left (the clock ran on to 43-45 s of a 42 s lesson).
    if (rate === null) wanted = Math.min(wanted, next ?? Math.max(this.endMs, this.timeMs));
    const { target, ask, held } = this.paced(wanted);
    if (held && target <= this.timeMs) return;
    // Reaching a question, passStops asks it, then publishes: published here first, the moment stood without its card.
    await this.advanceAll(target, ask === null);
    this.passStops(ask);
  }

  /**
   * How far playback may go toward `wanted`: up to a question's moment (then it asks), and not
   * into the next caption's moment while the current one has not been on screen long enough.
   */
  private paced(wanted: number): { target: number; ask: QuestionStop | null; held: boolean } {
    let target = wanted;
    let ask: QuestionStop | null = null;
    const question = this.pacing.questions[this.nextQuestion];
    if (question && question.atMs <= target) {
      target = Math.max(this.timeMs, question.atMs);
      ask = question;
    }
    const shown = this.pacing.captions[this.captionIndex];
    const upcoming = this.pacing.captions[this.captionIndex + 1];
    const unread = shown !== undefined && this.captionShownMs < dwellAtSpeed(shown.dwellMs, this.speed);
    // A question takes the place of the caption on screen ("Your prediction first…"), so it waits
    // for it to be read as the next caption does (scale-out's "Traffic grows…", 1.4 s before its
    // question, showed for ~0.1 s at 16x; basic's first caption, 400 ms before its question, for
    // 2.5 s of its 11); not for one it keeps back unseen (lesson.ts stepsSoFar).
    const askStop = ask && shown !== undefined && !keepsBack(ask.atMs, shown) ? ask.atMs : Infinity;
    const stop = Math.min(upcoming !== undefined && upcoming.atMs <= target ? upcoming.atMs : Infinity, askStop);
    const held = unread && stop !== Infinity;
    if (held) {
      target = Math.max(this.timeMs, stop - HOLD_BEFORE_MS);
      if (ask && ask.atMs > target) ask = null;
    }
    this.setHolding(held);
    return { target, ask, held };
  }

  /** After an advance: the caption now on screen, and the question reached (which pauses). */
  private passStops(ask: QuestionStop | null): void {
    const captions = this.pacing.captions;
    while (captions[this.captionIndex + 1] !== undefined && captions[this.captionIndex + 1]!.atMs <= this.timeMs) {
      this.captionIndex++;
      this.captionShownMs = 0;
    }
    if (ask && this.timeMs >= ask.atMs) {
      // A caption the question keeps back unseen (lesson.ts stepsSoFar) is first shown after the
      // answer: its reading time starts then (key-rotation's "Bob logs in…" went after 1.07 s).
      const shown = captions[this.captionIndex];
      if (shown && keepsBack(ask.atMs, shown)) this.captionShownMs = 0;
      this.nextQuestion++;
      this.pause();
      this.setHolding(false);
      // Asked, then drawn at its moment: published first, the store stood at the moment unasked, and
      // a host back before a question asked already heard the caption it keeps back before it.
      this.hooks.ask(ask.id);
      this.publish(true);
    }
    // Questions that a step jumped over are not asked afterwards.
    while ((this.pacing.questions[this.nextQuestion]?.atMs ?? Infinity) < this.timeMs) this.nextQuestion++;
  }

  /**
   * A prediction made on the question asked at `atMs`: the caption it asks about shows from now in
   * place of the one on screen (Caption.tsx), so no hold waits for that one's reading time (a link
   * to microservices' question held the clock 9.5 s at 24.9 under "The HS256 key is withdrawn…",
   * the services still holding it). Skipped, the one on screen stays, and keeps its reading time.
   */
  predicted(atMs: number): void {
    const shown = this.pacing.captions[this.captionIndex];
    if (shown && !keepsBack(atMs, shown) && asksAbout(atMs, this.pacing.captions[this.captionIndex + 1])) this.captionShownMs = Infinity;
  }

  /** After a jump (load, seek): the caption on screen counts as just shown; questions from this moment on are still to come. */
  private syncPacing(): void {
    const captions = this.pacing.captions;
    this.captionIndex = captions.findLastIndex((c) => c.atMs <= this.timeMs);
    this.captionShownMs = 0;
    const next = this.pacing.questions.findIndex((q) => q.atMs >= this.timeMs);
    this.nextQuestion = next === -1 ? this.pacing.questions.length : next;
    this.setHolding(false);
  }

  private setHolding(on: boolean): void {
    if (on === this.isHolding) return;
    this.isHolding = on;
    this.hooks.holding(on);
  }

  /**
   * How much of the caption's reading time has passed, 0 to 1: the bar of a hold (Caption.tsx), drawn
   * each frame from what the hold waits for, so a change of speed or a slow frame moves it as it moves
   * the hold (a CSS timer set as the hold began ran apart from it).
   */
  holdProgress(): number {
    const shown = this.pacing.captions[this.captionIndex];
    return !shown ? 1 : Math.min(1, this.captionShownMs / dwellAtSpeed(shown.dwellMs, this.speed));
  }

  /** `publish` false: the caller publishes this moment itself (a question asked there is put to the store first). */
  private async advanceAll(timeMs: number, publish = true): Promise<void> {
    for (const h of Object.values(this.histories)) await h.advanceTo(timeMs);
    this.timeMs = timeMs;
    // Paused while this advance awaited its checks: the world is here now, and the page must say so at once.
    if (publish) this.publish(!this.playing);
  }

  /** When the next event of any loaded world is due (none: undefined). */
  nextEventMs(): number | undefined {
    const times = Object.values(this.histories)
      .map((h) => h.nextEventMs())
      .filter((t): t is number => t !== undefined);
    return times.length ? Math.min(...times) : undefined;
  }

  private loggedTotal(): number {
    return Object.values(this.histories).reduce((n, h) => n + h.driver.state.log.total, 0);
  }

  /**
   * A new moment after a jump (a seek, a loaded lesson): its snapshots are copied in a fresh task
   * and drawn in the next one. Drawing it is a long render of its own (the whole page changes),
   * and the copies (an hour into the load lesson, ms a world) made that task longer still.
   * `arrive` moves the clock there just before the drawing.
   */
  private async publishJump(arrive?: () => void): Promise<void> {
    await this.slicePause(true);
    const worlds = this.snapshots();
    await this.slicePause(true);
    arrive?.();
    this.publish(true, worlds);
  }

  private snapshots(): Worlds {
    const worlds: Worlds = {};
    for (const [mode, h] of Object.entries(this.histories) as [Mode, History][]) worlds[mode] = snapshot(h.driver.state);
    return worlds;
  }

  /** Snapshots only when events were processed since the last one (or when forced). `worlds`: taken just now. */
  private publish(force: boolean, worlds?: Worlds): void {
    const processed = Object.values(this.histories).reduce((n, h) => n + h.driver.eventsProcessed + h.driver.state.log.total, 0);
    if (!force && processed === this.published) return;
    // While playing, at most PUBLISH_EVERY_MS apart: copying a busy cluster every frame would
    // cost more than the frame. Dots keep moving in between (their times are in the messages).
    const now = performance.now();
    if (!force && now - this.publishedAt < PUBLISH_EVERY_MS) return;
    this.publishedAt = now;
    this.published = processed;
    this.hooks.publish(worlds ?? this.snapshots(), this.timeMs);
  }

  private enqueue(work: () => Promise<void>): Promise<void> {
    const run = async () => {
      this.busy = true;
      try {
        await work();
      } catch (e) {
        this.pause();
        this.hooks.failed(e instanceof Error ? e.message : String(e));
      } finally {
        this.busy = false;
      }
    };
    this.queued++;
    this.chain = this.chain.then(run);
    return this.chain;
  }
}
