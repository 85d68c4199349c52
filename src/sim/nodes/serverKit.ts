// What every auth model's server code shares: refusing, asking the store, counting lookups and
// reading the request. The one way a server's answer is built is `respondTo` (respond.ts).
import { serializeSetCookie } from '../../auth/cookies';
import { cookieValue, firstRequestHeader } from '../http';
import { describeReason, statusFor, type ReasonCode } from '../../reasons';
import type { RequestRecord, RequestStage, ServerCheck, SimState, StoreOp, StoreResult } from '../types';
import { linkLatency, log, revocationCovering, send, shortId } from '../world';
import type { Handling } from '../schemes/scheme';
import { respondTo } from './respond';
import { Remembered } from '../remembered';

// "The token…" reads "the token…" mid-sentence; "JWT…" and ids stay as they are.
const lowerFirst = (text: string) => (/^[A-Z][a-z]/.test(text) ? text.charAt(0).toLowerCase() + text.slice(1) : text);

/** The value of one cookie a request carries, as a server parsing its Cookie header reads it. */
export const cookieOf = (req: RequestRecord, name: string): string | undefined => cookieValue(firstRequestHeader(req.httpRequest, 'cookie') ?? '', name);

/** The request body as JSON; a body that is not JSON reads as empty. */
export function bodyJson(req: RequestRecord): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(req.httpRequest.body || '{}');
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** The check that decided this request, which the server's chip and inspector show: passed when its reason is 'ok'. */
export function noteCheck({ t, server, req }: Handling, kind: ServerCheck['kind'], reason: ReasonCode): void {
  server.lastCheck = { requestId: req.id, kind, ok: reason === 'ok', atMs: t.s.timeMs, reason };
}

export function reject({ t, server, req }: Handling, reason: ReasonCode, detail?: string): void {
  const { s } = t;
  req.reason = reason;
  req.detail = detail ?? describeReason(reason);
  req.decidedAtMs = s.timeMs;
  // A revoked credential tried and refused: what lets the table say "immediate" only once it was tried.
  // A forgery made from it (its jti kept) is another credential: refused for its signature, not the revocation.
  if (s.revocations.length && req.kind === 'api' && !req.forged && revocationCovering(s, req, s.timeMs)) s.metrics.refusedAfterRevocation++;
  respondTo(s, req, server.id, statusFor(reason), [], JSON.stringify({ error: reason }));
  // Whose request, as the send and answer lines say: "server-1 rejects GET /api/profile: token_expired"
  // two seconds after Bob's ban read as the ban biting, and it was Alice's token expiring.
  log(s, 'server', `${server.id} rejects ${req.clientId}'s ${req.method} ${req.path}: ${reason} (${lowerFirst(req.detail.replace(/\.$/, ''))}).`, { requestId: req.id, nodeId: server.id, reason, ok: false });
}

/** A 200 that completes the request (login, refresh, logout). */
export function answerOk({ t, server, req }: Handling, headers: [string, string][], body: string): void {
  req.reason = 'ok';
  req.decidedAtMs = t.s.timeMs;
  respondTo(t.s, req, server.id, 200, headers, body);
}

/** Dot labels of session lookups, by session id: a browser's every request asks for the same one. A real id is 22 characters; a forged cookie's may be long, and is not kept. */
const lookupLabels = new Remembered((sid) => `GET ${shortId(sid)}`, undefined, 64);

export function storeQuery({ t, server, req }: Handling, op: StoreOp, stage: RequestStage): void {
  const { s } = t;
  req.stage = stage;
  const label = op.op === 'session-get' ? lookupLabels.of(op.key) : op.op === 'deny-check' ? 'denylist?' : op.op;
  send(s, { id: 0, sendTimeMs: 0, recvTimeMs: 0, requestId: req.id, kind: 'store-query', from: server.id, to: 'store', credential: req.credential, label, ok: null, reason: null, storeOp: op }, linkLatency(s, s.options.latency.serverToStoreMs));
}

/** An authentication lookup in the shared store, counted per request, per server and per run. */
export function countLookup({ t, server, req }: Handling): void {
  const { s } = t;
  req.storeLookups++;
  server.storeLookups++;
  s.metrics.storeLookups++;
  if (req.kind === 'api') s.metrics.apiStoreLookups++;
  else if (req.kind === 'refresh') s.metrics.refreshStoreLookups++;
}

export type Unreachable = 'store_unavailable' | 'overloaded';

/** The store's non-answer, if any: down, or its queue full. */
export const unreachable = (result: StoreResult): Unreachable | null => ('unavailable' in result ? 'store_unavailable' : 'overloaded' in result ? 'overloaded' : null);

/** The request needed the store, which did not answer: refused with the store's reason. */
export const refuseStoreUnreachable = (h: Handling, reason: Unreachable): void => reject(h, reason, `The session store is unreachable${queueFull(h.t.s, reason)}.`);

/** What to add when the store turned a query away for a full queue. */
export const queueFull = (s: SimState, reason: Unreachable): string => (reason === 'overloaded' ? ` (its queue is full: ${s.options.storeQueueMax} queries wait)` : '');

/** A reply that arrived at a stage expecting none: said, never dropped in silence. */
export function unexpectedReply({ t, server, req }: Handling, what: string): void {
  log(t.s, 'note', `${server.id} got ${what} for request #${req.id} at stage ${req.stage}, which expects none: ignored.`, { requestId: req.id, nodeId: server.id, ok: false });
}

/** A Set-Cookie that deletes the browser's copy of a cookie (logout). */
export const clearCookie = (name: string): [string, string] => ['Set-Cookie', serializeSetCookie({ name, value: '', path: '/', secure: true, httpOnly: true, sameSite: 'Lax', maxAgeSec: 0 })];

/** The logout is done: clear what the browser holds and say what the logout achieved. */
export function loggedOut(h: Handling, headers: [string, string][], effect: string): void {
  const { t, server, req } = h;
  answerOk(h, headers, JSON.stringify({ loggedOut: true }));
  log(t.s, 'server', `${server.id} logs ${req.subjectUserId} out and ${effect}.`, { requestId: req.id, nodeId: server.id, ok: true, reason: 'ok' });
}
