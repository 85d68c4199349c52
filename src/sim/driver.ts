// The async shell around the pure core: pops events in (timeMs, seq) order, performs the crypto
// effects with real WebCrypto (through src/auth/tokens), and feeds the results back as events at
// the time and seq the core reserved for them, so the outcome never depends on how fast crypto is.
import { createKey, signToken, verifyToken, type KeyMaterial } from '../auth/tokens';
import { heapPeek, heapPush } from './queue';
import { createSim, scheduleAction, stepNext } from './step';
import type { Action, Effect, SimEvent, SimOptions, SimState } from './types';

/** Keys live outside the JSON state (a CryptoKey cannot be cloned into a link), found by kid. */
export type KeyRegistry = Map<string, KeyMaterial>;

interface PendingEffect {
  dueTimeMs: number;
  promise: Promise<void>;
}

/** Events a single runUntil may process before it yields; a runaway script cannot hang the tab. */
const MAX_EVENTS_PER_RUN = 2_000_000;

export class SimDriver {
  state: SimState;
  readonly keys: KeyRegistry;
  private pending: PendingEffect[] = [];
  eventsProcessed = 0;

  private constructor(state: SimState, keys: KeyRegistry) {
    this.state = state;
    this.keys = keys;
  }

  static async create(options: SimOptions, keys: KeyRegistry = new Map()): Promise<SimDriver> {
    const { state, effects } = createSim(options);
    const driver = new SimDriver(state, keys);
    driver.start(effects);
    await driver.flush();
    return driver;
  }

  /** Restores a checkpoint (a structuredClone'd state) with the same key registry. */
  static fromState(state: SimState, keys: KeyRegistry): SimDriver {
    return new SimDriver(structuredClone(state), keys);
  }

  dispatch(action: Action, atMs?: number): void {
    scheduleAction(this.state, action, atMs);
  }

  /**
   * Processes every event up to and including `untilMs`, then sets the clock there. If its event
   * budget runs out first, the clock stays at the last event processed (never past one still due)
   * and it returns false: call again to go on.
   */
  async runUntil(untilMs: number, budget = MAX_EVENTS_PER_RUN): Promise<boolean> {
    const s = this.state;
    for (;;) {
      const next = heapPeek(s.queue);
      const minDue = this.pending.reduce((min, p) => Math.min(min, p.dueTimeMs), Infinity);
      if (this.pending.length > 0 && (next === undefined || minDue <= next.timeMs)) {
        await this.flush();
        continue;
      }
      if (next === undefined || next.timeMs > untilMs) break;
      if (budget-- <= 0) {
        await this.flush();
        return false;
      }
      const { effects } = stepNext(s);
      this.eventsProcessed++;
      this.start(effects);
    }
    await this.flush();
    if (Number.isFinite(untilMs)) s.timeMs = Math.max(s.timeMs, untilMs);
    return true;
  }


  private start(effects: Effect[]): void {
    for (const effect of effects) this.pending.push({ dueTimeMs: effect.dueTimeMs, promise: this.perform(effect) });
  }

  private async flush(): Promise<void> {
    while (this.pending.length > 0) {
      const batch = this.pending;
      this.pending = [];
      await Promise.all(batch.map((p) => p.promise));
    }
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
        }
        return this.deliver(effect, { type: 'keyCreated', kid: effect.kid, publicJwk: key.publicJwk });
      }
      case 'sign': {
        const key = this.keys.get(effect.kid);
        if (!key) throw new Error(`driver: no key ${effect.kid} to sign with`);
        const token = await signToken(effect.claims, key);
        return this.deliver(effect, { type: 'signed', requestId: effect.requestId, token });
      }
      case 'verify': {
        const known = new Set(effect.knownKids);
        const result = await verifyToken(effect.token, {
          resolveKey: (kid) => (kid !== undefined && known.has(kid) ? this.keys.get(kid) : undefined),
          algorithms: effect.algorithms,
          issuer: effect.issuer,
          audience: effect.audience,
          nowMs: effect.serverNowMs,
          clockToleranceMs: effect.clockToleranceMs,
        });
        return this.deliver(effect, { type: 'verified', requestId: effect.requestId, outcome: result });
      }
    }
  }
}
