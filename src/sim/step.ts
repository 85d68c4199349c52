// The simulation core: createSim builds the initial state, step applies one event.
// Pure and synchronous: no clock, no I/O, no crypto. Crypto is returned as effects for the driver.
import { applyAction, newClient, newServer } from './actions';
import * as appServer from './nodes/appServer';
import * as browser from './nodes/browser';
import * as keySet from './nodes/keySet';
import * as loadBalancer from './nodes/loadBalancer';
import * as sessionStore from './nodes/sessionStore';
import { emptyLatencies } from './latency';
import { emptyLane, peekEvent, takeEvent } from './agenda';
import { ById } from './byId';
import { validateOptions } from './options';
import { seedRng } from './rng';
import type { Queued } from './queue';
import type { Action, Effect, SimEvent, SimOptions, SimState } from './types';
import { schemeOf } from './schemes';
import { log, schedule, type Tick } from './world';

export interface StepResult {
  state: SimState;
  effects: Effect[];
}

export function createSim(options: SimOptions): StepResult {
  const problems = validateOptions(options);
  if (problems.length) throw new RangeError(`These settings cannot run: ${problems.join(' ')}`);
  const s: SimState = {
    timeMs: 0,
    seq: 0,
    rng: seedRng(options.seed),
    options: structuredClone(options),
    users: {},
    clients: {},
    lb: { rrIndex: 0 },
    servers: [],
    nextServerNumber: 1,
    store: { up: true, slowFactor: 1, sessions: {}, denylist: {}, revokedUsers: {}, refreshTokens: {}, revokedFamilies: {}, busyUntilMs: 0, queued: 0, ops: 0 },
    keys: { activeKid: null, keys: [], nextKeyNumber: 1 },
    issued: {},
    issuedEarliestExpMs: null,
    requests: new ById(),
    recent: [],
    served: { entries: [], total: 0 },
    nextRequestId: 1,
    messages: new ById(),
    nextMessageId: 1,
    queue: [],
    timers: emptyLane(),
    repeats: emptyLane(),
    backlog: emptyLane(),
    storeWork: emptyLane(),
    revocations: [],
    lostSessions: {},
    log: { entries: [], total: 0 },
    metrics: { total: 0, accepted: 0, rejected: 0, timedOut: 0, byReason: {}, apiRequests: 0, apiRequestBytes: 0, apiCredentialBytes: 0, storeLookups: 0, signatureVerifications: 0, latencies: emptyLatencies(), tokensIssued: 0, acceptedAfterRevocation: 0, refusedAfterRevocation: 0, exposureMs: 0, cookiesDropped: 0, droppedCookieBytesMax: 0, apiCredentialBytesMax: 0, staleRoleAccepts: 0, roleChanges: 0, signingKeyHoldersMax: 0, interventions: 0, byClient: {}, byServer: {}, apiStoreLookups: 0, apiSignatureVerifications: 0, refreshStoreLookups: 0, apiWithoutCredential: 0, signedOutSkips: 0, apiMemoryLookups: 0, serverCrashes: 0, sessionsLost: 0, lostSessionRefusals: 0, storeOutages: 0, serverCpuMs: 0, verifyCpuMs: 0, apiAccepted: 0, apiByReason: {}, apiByClient: {} },
  };
  for (const spec of options.clients) {
    s.clients[spec.id] = newClient(spec.id, spec.userId, spec.kind);
    if (spec.kind === 'browser') s.users[spec.userId] ??= { id: spec.userId, role: 'user', banned: false, passwordVersion: 1, extraClaims: {} };
  }
  for (let i = 0; i < options.servers; i++) s.servers.push(newServer(s));
  const t: Tick = { s, effects: [] };
  schemeOf(s).start?.(t);
  return { state: s, effects: t.effects };
}

/**
 * Schedules an action at a virtual time (now if omitted): how scripts and the UI drive a run.
 * `intervention`: an action from outside the lesson's script, counted when it is applied (the report's `interventions`).
 */
export function scheduleAction(s: SimState, action: Action, atMs = s.timeMs, intervention = false): void {
  schedule(s, atMs, intervention ? { type: 'action', action, intervention } : { type: 'action', action });
}

export function nextEventTime(s: SimState): number | undefined {
  return peekEvent(s)?.timeMs;
}

/**
 * Pops and applies the next event (`next`: what peekEvent has just given, when the caller has it);
 * the effects it asks for are left in `t.effects` (empty when nothing is due). The driver owns one
 * Tick for its whole run and starts the effects before the next event, so no object is made per
 * event for them (a Tick and an array per event were 5% of a lab run's garbage).
 */
export function stepNext(t: Tick, next: Queued<SimEvent> | undefined = peekEvent(t.s)): void {
  const { s } = t;
  // Most events ask for no effect: writing an array's length costs even when it is already 0.
  if (t.effects.length !== 0) t.effects.length = 0;
  if (!next) return;
  takeEvent(s, next);
  s.timeMs = Math.max(s.timeMs, next.timeMs);
  step(t, next.event);
}

function step(t: Tick, event: SimEvent): void {
  const { s } = t;
  switch (event.type) {
    case 'action':
      if (event.intervention) t.s.metrics.interventions++;
      applyAction(t, event.action, event.checked);
      break;
    case 'arrive':
      arrive(t, event.messageId);
      break;
    case 'storeServe': {
      const msg = s.messages.get(event.messageId);
      if (msg?.kind === 'store-query') sessionStore.serve(t, msg);
      else log(s, 'note', `The store found no query #${event.messageId} to serve.`, { nodeId: 'store', ok: false });
      break;
    }
    case 'timeout':
      browser.onTimeout(t, event.requestId);
      break;
    case 'keyCreated':
      keySet.onKeyCreated(t, event.kid, event.publicJwk);
      break;
    case 'keyRetire':
      keySet.onKeyRetire(t, event.kid);
      break;
    case 'signed':
      appServer.onCryptoResult(t, event.requestId, { token: event.token });
      break;
    case 'verified':
      appServer.onCryptoResult(t, event.requestId, { outcome: event.outcome });
      break;
  }
}

/** A message reaches its destination node. */
function arrive(t: Tick, messageId: number): void {
  const { s } = t;
  const msg = s.messages.get(messageId);
  if (!msg) return log(s, 'note', `Message #${messageId} is due but no longer exists.`, { ok: false });
  // A store query stays in flight (as the store's queue) until it is served.
  if (msg.to !== 'store') s.messages.delete(messageId);
  if (msg.to === 'lb') return msg.kind === 'request' ? loadBalancer.onRequest(t, msg) : loadBalancer.onResponse(t, msg);
  if (msg.to === 'store' && msg.kind === 'store-query') return sessionStore.onQuery(t, msg);
  if (msg.to === 'jwks') return keySet.onFetch(t, msg);
  // Past the balancer, only a browser is sent a response (respond.ts); finding it among the clients
  // for every message was 1.7% of the engine bench.
  if (msg.kind === 'response') return browser.onResponse(t, msg);
  appServer.onMessage(t, msg);
}
