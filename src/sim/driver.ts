// The async shell around the pure core: pops events in (timeMs, seq) order, performs the crypto
// effects with real WebCrypto (through src/auth/tokens), and feeds the results back as events at
// the time and seq the core reserved for them, so the outcome never depends on how fast crypto is.
import { checkToken, createKey, signToken, type KeyMaterial, type TokenCheck, type VerifyResult } from '../auth/tokens';
import { REAL_SAMPLE_EVERY, VerifyMemo, type MemoRequest } from '../auth/verifyMemo';
import { peekEvent, tidyLane } from './agenda';
import { heapPush } from './queue';
import { createSim, scheduleAction, stepNext } from './step';
import type { Action, Effect, SimEvent, SimOptions, SimState } from './types';
import type { Tick } from './world';

/** Keys live outside the JSON state (a CryptoKey cannot be cloned into a link), found by kid. */
export type KeyRegistry = Map<string, KeyMaterial>;

interface PendingEffect {
  dueTimeMs: number;
  promise: Promise<void>;
}

/**
 * How signature checks run. 'real': every one through jose (the lessons). 'modelled': the load
 * lab's scale; new token bytes are checked for real once, repeats are judged from that verdict
 * (src/auth/verifyMemo.ts), and every `sampleEvery`-th check also runs jose, beside the run, to compare. The
 * outcome is the same either way; the servers charge each check's CPU cost in virtual time.
 */
export type Verification = { kind: 'real' } | { kind: 'modelled'; sampleEvery: number };

/** Events a single runUntil may process before it yields; a runaway script cannot hang the tab. */
const MAX_EVENTS_PER_RUN = 2_000_000;
/** How often runUntil offers its `pause` a turn: a few hundred microseconds of events in a lesson. */
const EVENTS_BETWEEN_PAUSES = 16;

/** How many times a key registry has had a key made or replaced: a remembered verdict holds only for the keys it was made with. */
const keyGenerations = new WeakMap<KeyRegistry, number>();
const keyGeneration = (keys: KeyRegistry): number => keyGenerations.get(keys) ?? 0;

export class SimDriver {
  readonly state: SimState;
  readonly keys: KeyRegistry;
  /** The one Tick every event of this run is applied with: its effects are started before the next event. */
  private readonly tick: Tick;
  private pending: PendingEffect[] = [];
  /** The earliest `dueTimeMs` in `pending` (Infinity when empty), kept as effects are started: a walk of them per event was 2% of a 10,000-user row. */
  private pendingDueMs = Infinity;
  /** Sampled real checks running beside the run: nothing waits for them until the run pauses. */
  private samples: Promise<void>[] = [];
  eventsProcessed = 0;
  private memo: VerifyMemo | null;

  private constructor(state: SimState, keys: KeyRegistry, verification: Verification = { kind: 'real' }) {
    this.state = state;
    this.keys = keys;
    this.tick = { s: state, effects: [] };
    this.memo = verification.kind === 'modelled' ? new VerifyMemo(verification.sampleEvery) : null;
  }

  /** The earliest time anything is due (an event queued, crypto under way); Infinity: only a new action can start anything. */
  get quietUntilMs(): number {
    return Math.min(this.pendingDueMs, peekEvent(this.state)?.timeMs ?? Infinity);
  }

  /** Present while checks are modelled: its counts say how many ran for real. */
  get verifyMemo(): VerifyMemo | null {
    return this.memo;
  }

  /**
   * Runs `jump` with checks modelled, as the lab does (each new token's bytes checked for real once,
   * repeats judged from that verdict, a sample compared), then checks every token for real again. A
   * seek recomputes a stretch of the run nobody watches: the outcome is the same, and an hour of the
   * load lesson's JWT world is ~300,000 checks.
   */
  async modelledWhile<T>(jump: () => Promise<T>, memo = new VerifyMemo(REAL_SAMPLE_EVERY)): Promise<T> {
    if (this.memo) return jump();
    // A memo kept from an earlier stretch (history.ts keeps one for its seeks) holds verdicts made
    // with the keys of that time: if a key was made or replaced since, they no longer hold.
    memo.keysAre(keyGeneration(this.keys));
    this.memo = memo;
    try {
      return await jump();
    } finally {
      this.memo = null;
    }
  }

  static async create(options: SimOptions, keys: KeyRegistry = new Map(), verification?: Verification): Promise<SimDriver> {
    const { state, effects } = createSim(options);
    const driver = new SimDriver(state, keys, verification);
    driver.start(effects);
    await driver.flush();
    return driver;
  }

  /** Runs on from a state that is its own (history.ts copies a checkpoint for it), with the same key registry. */
  static fromState(state: SimState, keys: KeyRegistry): SimDriver {
    return new SimDriver(state, keys);
  }

  /** An action from outside the lesson's script (its own come scheduled with it): counted when applied, so a takeaway can say what they did. */
  dispatch(action: Action, atMs?: number): void {
    scheduleAction(this.state, action, atMs, true);
  }

  /**
   * Processes every event up to and including `untilMs`, then sets the clock there. If its event
   * budget runs out first, the clock stays at the last event processed (never past one still due)
   * and it returns false: call again to go on. `pause`, if given, is awaited every few events.
   * `settle` false leaves sampled checks running when it returns (their counts are complete only
   * after a later call that settles): a lab row settles only where it reads its counters.
   */
  async runUntil(untilMs: number, budget = MAX_EVENTS_PER_RUN, pause?: () => Promise<void>, settle = true): Promise<boolean> {
    const s = this.state;
    for (let sincePause = 0; ; ) {
      // Between events the UI may yield to the browser (it decides when: the core knows no clock).
      // Crypto in flight stays in flight, and events keep their order, so the outcome is the same.
      if (pause && ++sincePause === EVENTS_BETWEEN_PAUSES) {
        sincePause = 0;
        await pause();
      }
      const next = peekEvent(s);
      if (this.pending.length > 0 && (next === undefined || this.pendingDueMs <= next.timeMs)) {
        await this.flush();
        continue;
      }
      if (next === undefined || next.timeMs > untilMs) break;
      if (budget-- <= 0) {
        await this.flush();
        await this.settleSamples();
        tidyLane(s);
        return false;
      }
      stepNext(this.tick, next);
      this.eventsProcessed++;
      if (this.tick.effects.length > 0) this.start(this.tick.effects);
    }
    await this.flush();
    if (settle) await this.settleSamples();
    tidyLane(s);
    if (Number.isFinite(untilMs)) s.timeMs = Math.max(s.timeMs, untilMs);
    return true;
  }


  private start(effects: Effect[]): void {
    for (const effect of effects) {
      if (effect.kind === 'verify' && this.memo) {
        const request = memoRequest(effect);
        // A check the memo can answer needs no await: delivered now, at the time and seq reserved for it.
        if (this.answerFromMemo(effect, request, this.memo)) continue;
        this.pending.push({ dueTimeMs: effect.dueTimeMs, promise: this.checkNewBytes(effect, request, this.memo) });
      } else {
        this.pending.push({ dueTimeMs: effect.dueTimeMs, promise: this.perform(effect) });
      }
      this.pendingDueMs = Math.min(this.pendingDueMs, effect.dueTimeMs);
    }
  }

  /**
   * Bytes the memo has no verdict for: after the first real check of them already running, if one
   * is (then from the memo), else for real, tracked so that repeats meanwhile wait for it.
   */
  private checkNewBytes(effect: Extract<Effect, { kind: 'verify' }>, request: MemoRequest, memo: VerifyMemo): Promise<void> {
    const underway = memo.underway(request);
    if (underway) return underway.then(() => (this.answerFromMemo(effect, request, memo) ? undefined : this.perform(effect)));
    const check = this.perform(effect);
    memo.track(request, check);
    return check;
  }

  /**
   * A verdict goes to the heap however it was made, as every crypto result does: in the agenda's
   * backlog lane, where it waits would depend on whether it came from the memo during a step or
   * from a real check's promise, so a seek (modelled) and a straight run (real) would differ.
   */
  private answerFromMemo(effect: Extract<Effect, { kind: 'verify' }>, request: MemoRequest, memo: VerifyMemo): boolean {
    const modelled = memo.recall(request);
    if (!modelled) return false;
    this.deliver(effect, { type: 'verified', requestId: effect.requestId, outcome: modelled });
    if (memo.sampled()) this.samples.push(this.sample(effect, request, modelled, memo));
    return true;
  }

  private async flush(): Promise<void> {
    while (this.pending.length > 0) {
      const batch = this.pending;
      this.pending = [];
      this.pendingDueMs = Infinity;
      await Promise.all(batch.map((p) => p.promise));
    }
  }

  /** Waits for the sampled checks still running: when runUntil returns, the counts are complete (and the same on every run). */
  private async settleSamples(): Promise<void> {
    while (this.samples.length > 0) {
      const batch = this.samples;
      this.samples = [];
      await Promise.all(batch);
    }
  }

  /** Runs a modelled check for real too (with the keys of this moment) and counts any disagreement. */
  private async sample(effect: Extract<Effect, { kind: 'verify' }>, request: MemoRequest, modelled: VerifyResult, memo: VerifyMemo): Promise<void> {
    memo.compare(modelled, (await this.verifyForReal(effect, request, new Map(this.keys))).result);
  }

  private verifyForReal(effect: Extract<Effect, { kind: 'verify' }>, request: MemoRequest, keys: KeyRegistry): Promise<TokenCheck> {
    const known = new Set(effect.knownKids);
    return checkToken(effect.token, { ...request.options, resolveKey: (kid) => (kid !== undefined && known.has(kid) ? keys.get(kid) : undefined) });
  }

  private deliver(effect: Effect, event: SimEvent): void {
    heapPush(this.state.queue, { timeMs: effect.dueTimeMs, seq: effect.seq, event });
  }

  private async perform(effect: Effect): Promise<void> {
    switch (effect.kind) {
      case 'createKey': {
        let key = this.keys.get(effect.kid);
        if (!key || key.alg !== effect.alg) {
          key = await createKey(effect.kid, effect.alg, Uint8Array.from(effect.seed));
          this.keys.set(effect.kid, key);
          keyGenerations.set(this.keys, keyGeneration(this.keys) + 1);
          this.memo?.keysAre(keyGeneration(this.keys));
        }
        return this.deliver(effect, { type: 'keyCreated', kid: effect.kid, publicJwk: key.publicJwk });
      }
      case 'sign': {
        const key = this.keys.get(effect.kid);
        if (!key) throw new Error(`driver: no key ${effect.kid} to sign with`);
        const generation = keyGeneration(this.keys);
        const token = await signToken(effect.claims, key);
        // Checks modelled: what was just signed needs no real check to be judged (the sample still makes some).
        this.memo?.signedHere(token, key.kid, key.alg, generation);
        return this.deliver(effect, { type: 'signed', requestId: effect.requestId, token });
      }
      case 'verify': {
        const request = memoRequest(effect);
        const check = await this.verifyForReal(effect, request, this.keys);
        this.memo?.remember(request, check);
        return this.deliver(effect, { type: 'verified', requestId: effect.requestId, outcome: check.result });
      }
    }
  }
}

function memoRequest(effect: Extract<Effect, { kind: 'verify' }>): MemoRequest {
  return {
    token: effect.token,
    knownKids: effect.knownKids,
    options: { algorithms: effect.algorithms, issuer: effect.issuer, audience: effect.audience, nowMs: effect.serverNowMs, clockToleranceMs: effect.clockToleranceMs },
  };
}
