// Helpers for questions' outcomes and lessons' takeaways: read what a run did (its recent
// requests, its report) and say it in words a learner reads, with the numbers.
//
// Outcomes see only a world's most recent finished requests (the UI snapshot keeps about 60) plus
// those in flight, so a question asks about requests sent soon after it is asked.
import type { ModeRun } from '../sim/report';
import { clockTime, plural } from '../format';
import { describeReason, type ReasonCode } from '../reasons';
import type { Mode, RequestKind, RequestRecord } from '../sim/types';
import { firstRequestHeader, STATUS_TEXT } from '../sim/http';
import { cookieOf } from '../sim/nodes/serverKit';
import { JWT_COOKIE } from '../sim/cookieNames';
import { fromNumericDate } from '../sim/world';
import type { WorldView, WorldViews } from './scenario';

// ---- words and numbers: src/format.ts, plus a moment "00:05.5" as the caption reads it -------

export { formatNumber, plural } from '../format';
export { times } from '../formatSpans';
export { duration } from '../formatSpans';

/** A moment of the run to the tenth of a second: "00:05.5". */
export const clock = (ms: number): string => clockTime(ms, 1);

/** Upper-cases the first letter. */
export const sentenceCase = (s: string): string => (s ? s[0]!.toUpperCase() + s.slice(1) : s);

/** Joins the non-empty parts of a takeaway with "; " and makes a sentence of them. */
export function sentence(parts: (string | null | undefined | false)[]): string {
  const text = parts.filter((p): p is string => typeof p === 'string' && p.length > 0).join('; ');
  if (!text) return '';
  const s = sentenceCase(text);
  return /[.!?]$/.test(s) ? s : `${s}.`;
}

/**
 * A takeaway's parts, one per world shown, in the order session then JWT; after an intervention (a learner's or a link's),
 * what each world then did with its API requests: the takeaway tells the lesson as written, and
 * basic slowed 100,000x by a link still read "9 requests cost 9 store lookups" over 9 timeouts.
 */
export function perWorld(reports: Partial<Record<Mode, ModeRun>>, say: Partial<Record<Mode, (run: ModeRun) => string | null>>): string {
  const parts: (string | null)[] = [];
  for (const mode of ['session', 'jwt'] as const) {
    const run = reports[mode];
    const fn = say[mode];
    if (run && fn) parts.push(fn(run));
  }
  if (!Object.values(reports).some((r) => r && r.interventions > 0)) return sentence(parts);
  const after = (['session', 'jwt'] as const).flatMap((mode) => {
    const run = reports[mode];
    return run ? [`${mode === 'jwt' ? 'JWT' : 'session'}: ${apiAnswers(run)}`] : [];
  });
  return `${sentence(parts)} With the interventions in this run, ${after.join('; ')}.`;
}

/** "1 of 10 requests accepted, 9 timeout": what became of a world's API requests, failures by reason, most first. */
function apiAnswers(run: ModeRun): string {
  if (run.apiRequests === 0) return 'no requests';
  return [`${run.apiOutcomes.accepted} of ${plural(run.apiRequests, 'request')} accepted`, ...failuresByReason(run.apiOutcomes.byReason).map(([reason, n]) => `${n} ${reason}`)].join(', ');
}

/** The failures among counts by reason, most first. */
export function failuresByReason(counts: Partial<Record<ReasonCode, number>>): [ReasonCode, number][] {
  return (Object.entries(counts) as [ReasonCode, number][]).filter(([reason, n]) => reason !== 'ok' && n > 0).sort((a, b) => b[1] - a[1]);
}

// ---- reading requests ---------------------------------------------------------------------

export const isFinished = (r: RequestRecord): boolean => r.finishedAtMs !== null && r.reason !== null;
export const accepted = (r: RequestRecord): boolean => r.reason === 'ok';

/** The view's requests, one per id (a finished copy wins), in the order they were sent. */
export function requestsOf(view: WorldView, clientId?: string, kind?: RequestKind): RequestRecord[] {
  const byId = new Map<number, RequestRecord>();
  for (const r of view.requests) {
    if (clientId !== undefined && r.clientId !== clientId) continue;
    if (kind !== undefined && r.kind !== kind) continue;
    const seen = byId.get(r.id);
    if (!seen || (!isFinished(seen) && isFinished(r))) byId.set(r.id, r);
  }
  return [...byId.values()].sort((a, b) => a.sentAtMs - b.sentAtMs || a.id - b.id);
}

/** The first request of a client (of `kind`) sent at or after `afterMs`, finished or not. */
export function firstSentAfter(view: WorldView, clientId: string, afterMs: number, kind: RequestKind = 'api'): RequestRecord | null {
  return requestsOf(view, clientId, kind).find((r) => r.sentAtMs >= afterMs) ?? null;
}

/**
 * The first request of a client (of `kind`) sent at or after `afterMs`, once it has finished;
 * null while it has not been sent or is still in flight.
 */
export function firstFinishedAfter(view: WorldView, clientId: string, afterMs: number, kind: RequestKind = 'api'): RequestRecord | null {
  const r = firstSentAfter(view, clientId, afterMs, kind);
  return r && isFinished(r) ? r : null;
}

/**
 * The first `n` requests (of one client, or of every client when `clientId` is null) sent at or
 * after `afterMs`, once all of them have finished; null until then.
 */
export function firstNFinishedAfter(view: WorldView, clientId: string | null, afterMs: number, n: number, kind: RequestKind = 'api'): RequestRecord[] | null {
  const rs = requestsOf(view, clientId ?? undefined, kind).filter((r) => r.sentAtMs >= afterMs).slice(0, n);
  return rs.length === n && rs.every(isFinished) ? rs : null;
}

/** The JWT a request carried, as a server reads it: its bearer line, else its JWT cookie (null: none). */
export function carriedJwt(r: RequestRecord): string | null {
  const auth = firstRequestHeader(r.httpRequest, 'authorization');
  if (auth?.startsWith('Bearer ')) return auth.slice(7);
  return cookieOf(r, JWT_COOKIE) ?? null;
}

/** What a request got, for a learner: "200 OK", "401 session_unknown (no session with this id exists)". */
export function describe(r: RequestRecord): string {
  if (!isFinished(r)) return 'no answer yet';
  if (r.reason === 'timeout') return 'no answer (it timed out)';
  if (r.reason === 'ok') return `${r.status ?? 200} ${STATUS_TEXT[r.status ?? 200] ?? 'OK'}`;
  // One level of brackets: "(the token is not valid yet, nbf or iat in the future)".
  const words = describeReason(r.reason as ReasonCode).replace(/ \(([^)]*)\)/g, ', $1');
  return `${r.status ?? ''} ${r.reason} (${words})`.trim();
}

/** What a request got and from whom, in the server's own words when it gave some: "503 store_unavailable from server-1: the denylist is unreachable and the server fails closed". */
export function describeWithDetail(r: RequestRecord): string {
  const detail = r.detail.trim().replace(/\.$/, '');
  if (!isFinished(r) || r.reason === 'ok' || r.reason === 'timeout' || !detail) return `${describe(r)} from ${where(r)}`;
  return `${r.status ?? ''} ${r.reason} from ${where(r)}: ${detail[0]!.toLowerCase()}${detail.slice(1)}`.trim();
}

/** Who answered: "server-2", or "the load balancer" when no server took it. */
export const where = (r: RequestRecord): string => r.serverId ?? 'the load balancer';

/** "Her request at 00:05.5 got 200 OK from server-2" (the subject is the caller's). */
export const happened = (r: RequestRecord): string => `at ${clock(r.sentAtMs)} got ${describe(r)} from ${where(r)}`;

/** The role a JWT request was served with (its claim), or null for a session or a refusal. */
export const servedRole = (r: RequestRecord): string | null => (r.claims && typeof r.claims.role === 'string' ? r.claims.role : null);

/** A token claim (exp, iat) as a moment of the run, or null when the request carried none. */
export function claimMoment(r: RequestRecord, claim: 'exp' | 'iat'): number | null {
  const v = r.claims?.[claim];
  return typeof v === 'number' ? fromNumericDate(v) : null;
}

/** The first request of a client sent at or after `afterMs` in both worlds, once both have finished. */
export function firstFinishedInBoth(worlds: WorldViews, clientId: string, afterMs: number, kind: RequestKind = 'api'): { session: RequestRecord; jwt: RequestRecord } | null {
  if (!worlds.session || !worlds.jwt) return null;
  const session = firstFinishedAfter(worlds.session, clientId, afterMs, kind);
  const jwt = firstFinishedAfter(worlds.jwt, clientId, afterMs, kind);
  return session && jwt ? { session, jwt } : null;
}

/** The choice id of a two-world question, from which worlds accepted: 'both', 'session-only', 'jwt-only' or 'neither'. */
export function byWorlds(sessionOk: boolean, jwtOk: boolean): 'both' | 'session-only' | 'jwt-only' | 'neither' {
  if (sessionOk && jwtOk) return 'both';
  if (sessionOk) return 'session-only';
  if (jwtOk) return 'jwt-only';
  return 'neither';
}

/** A list for a sentence: "a", "a and b", "a, b and c". */
export function list(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
