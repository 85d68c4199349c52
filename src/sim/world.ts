// Primitives every node uses: scheduling, sending a message, logging and closing a request.
// A handler receives a Tick: the state it updates in place plus the effects it asks the driver for.
import { addLatency } from './latency';
import { scheduleBacklog, scheduleStoreWork } from './agenda';
import { heapPush } from './queue';
import { nextFloat } from './rng';
import type { AppServer, Effect, LogEntry, Message, OutgoingMessage, RequestRecord, Revocation, Served, SimEvent, SimState } from './types';
import type { ReasonCode } from '../reasons';

export interface Tick {
  s: SimState;
  effects: Effect[];
}

/** Tokens carry wall-clock-looking times; the model maps virtual ms 0 to this instant. */
export const VIRTUAL_EPOCH_MS = Date.UTC(2026, 0, 5, 9, 0, 0);

/** A JWT NumericDate (seconds since 1970) as virtual ms of the run. */
export const fromNumericDate = (sec: number): number => sec * 1000 - VIRTUAL_EPOCH_MS;

export const wallMs = (s: SimState, skewMs = 0): number => VIRTUAL_EPOCH_MS + s.timeMs + skewMs;

/** Where the browsers' cookie jars are asked from: the cluster's host, over HTTPS, at the virtual wall clock. */
export const cookieContext = (s: SimState, path = '/') => ({ host: s.options.host, path, secure: true, nowMs: wallMs(s) });

export function schedule(s: SimState, atMs: number, event: SimEvent): void {
  heapPush(s.queue, { timeMs: Math.max(atMs, s.timeMs), seq: s.seq++, event });
}

/**
 * `schedule` for what a busy core finishes at `atMs`: an app server's answer, or the store's next
 * query; it may wait in the agenda's lane for that core's work.
 */
export function scheduleAfterWork(s: SimState, atMs: number, event: SimEvent, core: 'server' | 'store' = 'server'): void {
  const item = { timeMs: Math.max(atMs, s.timeMs), seq: s.seq++, event };
  if (core === 'store') scheduleStoreWork(s, item);
  else scheduleBacklog(s, item);
}

/** A seq taken now for a result the driver will deliver later, so the order never depends on it. */
export const reserveSeq = (s: SimState): number => s.seq++;

export function log(s: SimState, kind: LogEntry['kind'], text: string, extra: Partial<LogEntry> = {}): void {
  keep(s, written, { seq: s.log.total, timeMs: s.timeMs, kind, text, ...extra });
}

/**
 * A line as it is read, made from values taken when it was logged (strings and numbers only, never
 * a record that changes later): `logLater` keeps the function and the values, and the entry (its
 * words above all) is made only if the line is still in the log when someone reads it.
 */
export type LineOf = (seq: number, timeMs: number, a: any, b: any, c: any, d: any, e: any, f: any, g: any) => LogEntry; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * `log` for the lines every request makes (sent, checked, accepted, answered): the same entry, made
 * where it is read. A lab row logs ~400,000 lines and keeps 50; making each line's words and entry
 * was a sixth of its time.
 */
export function logLater(s: SimState, line: LineOf, a?: unknown, b?: unknown, c?: unknown, d?: unknown, e?: unknown, f?: unknown, g?: unknown): void {
  keep(s, line, a, b, c, d, e, f, g);
}

/** The line of an entry made at once (`log`). */
const written: LineOf = (_seq, _timeMs, entry: LogEntry) => entry;

/** A log whose newest lines may wait to be made: its `entries` makes them before anyone reads the list. */
interface LazyLog {
  /** The lines made, oldest first, then the waiting ones: together the log's entries. */
  list: LogEntry[];
  /** Lines not made yet, in a ring of `lines` lines of STRIDE slots (LineOf, its seven values): `size` of them from line `head`. */
  ring: unknown[];
  /** Each ring line's seq and time: numbers kept in a list of numbers are not boxed one by one (a time is seldom whole). */
  stamps: Float64Array;
  /** The log's capacity when the ring was sized: its bound (a capacity never changes mid-run: setOptions may not touch it). */
  cap: number;
  lines: number;
  head: number;
  size: number;
}

const STRIDE = 8;
const LAZY = Symbol('lazy log');
type LogBook = SimState['log'] & { [LAZY]?: LazyLog };

/**
 * The log's hidden side, made once per log: `entries` becomes an accessor (enumerable, so JSON,
 * copyJson and structuredClone see the plain list, every line made) over the lines kept here.
 */
function lazyLog(s: SimState): LazyLog {
  const book: LogBook = s.log;
  if (book === lastBook) return lastLazy!;
  const known = book[LAZY];
  if (known) return remember(book, known);
  const cap = s.options.logCapacity;
  // The most lines the log holds at once, and one more (the ring's bound is checked after a push).
  const lines = cap + Math.ceil(cap / 4) + 1;
  const lazy: LazyLog = { list: book.entries, ring: new Array<unknown>(lines * STRIDE).fill(undefined), stamps: new Float64Array(lines * 2), cap, lines, head: 0, size: 0 };
  Object.defineProperty(book, LAZY, { value: lazy, enumerable: false });
  Object.defineProperty(book, 'entries', {
    enumerable: true,
    configurable: true,
    get: () => made(lazy),
    set: (list: LogEntry[]) => {
      made(lazy);
      lazy.list = list;
    },
  });
  return remember(book, lazy);
}

/**
 * The log last written to and its hidden side: a run writes every line to one log, and reading the
 * symbol off it each time was 1.7% of the engine bench (it keeps that one log alive, no more).
 */
let lastBook: LogBook | null = null;
let lastLazy: LazyLog | null = null;

function remember(book: LogBook, lazy: LazyLog): LazyLog {
  lastBook = book;
  lastLazy = lazy;
  return lazy;
}

function made(lazy: LazyLog): LogEntry[] {
  const { ring, stamps, list } = lazy;
  for (let k = 0; k < lazy.size; k++) {
    const line = (lazy.head + k) % lazy.lines;
    const i = line * STRIDE;
    list.push((ring[i] as LineOf)(stamps[2 * line]!, stamps[2 * line + 1]!, ring[i + 1], ring[i + 2], ring[i + 3], ring[i + 4], ring[i + 5], ring[i + 6], ring[i + 7]));
  }
  lazy.head = 0;
  lazy.size = 0;
  return list;
}

function keep(s: SimState, line: LineOf, a?: unknown, b?: unknown, c?: unknown, d?: unknown, e?: unknown, f?: unknown, g?: unknown): void {
  const lazy = lazyLog(s);
  const ring = lazy.ring;
  const at = (lazy.head + lazy.size) % lazy.lines;
  lazy.stamps[2 * at] = s.log.total++;
  lazy.stamps[2 * at + 1] = s.timeMs;
  const i = at * STRIDE;
  ring[i] = line;
  ring[i + 1] = a;
  ring[i + 2] = b;
  ring[i + 3] = c;
  ring[i + 4] = d;
  ring[i + 5] = e;
  ring[i + 6] = f;
  ring[i + 7] = g;
  lazy.size++;
  // A bounded ring: drop the oldest quarter at once so the cost stays amortised O(1).
  const cap = lazy.cap;
  const length = lazy.list.length + lazy.size;
  if (length <= cap + Math.ceil(cap / 4)) return;
  const drop = length - cap;
  const fromList = Math.min(drop, lazy.list.length);
  if (fromList > 0) lazy.list.splice(0, fromList);
  // Lines dropped before anyone read them are never made.
  lazy.head = (lazy.head + drop - fromList) % lazy.lines;
  lazy.size -= drop - fromList;
}

/** A link's latency: its base plus seeded jitter, so no two dots move in lockstep. */
export function linkLatency(s: SimState, baseMs: number): number {
  const jitter = s.options.latency.jitterMs * nextFloat(s.rng);
  return Math.round((baseMs + jitter) * 1000) / 1000;
}

/** `delayMs`: the sender's core is busy that long before the message leaves (respond.ts). */
export function send(s: SimState, m: OutgoingMessage, latencyMs: number, delayMs = 0): Message {
  const sendTimeMs = s.timeMs + delayMs;
  // The node's fresh literal becomes the message itself (every caller builds one per send): no copy
  // on the engine's busiest path.
  const message = m as Message;
  message.id = s.nextMessageId++;
  message.sendTimeMs = sendTimeMs;
  message.recvTimeMs = sendTimeMs + latencyMs;
  s.messages.set(message.id, message);
  if (delayMs > 0) scheduleAfterWork(s, message.recvTimeMs, { type: 'arrive', messageId: message.id });
  else schedule(s, message.recvTimeMs, { type: 'arrive', messageId: message.id });
  return message;
}

export function recordOutcome(s: SimState, req: RequestRecord, reason: ReasonCode, status: number): void {
  req.stage = 'done';
  req.reason = reason;
  req.status = status;
  req.finishedAtMs = s.timeMs;
  const m = s.metrics;
  m.total++;
  m.byReason[reason] = (m.byReason[reason] ?? 0) + 1;
  const mine = (m.byClient[req.clientId] ??= {});
  mine[reason] = (mine[reason] ?? 0) + 1;
  if (req.serverId !== null) {
    const theirs = (m.byServer[req.serverId] ??= {});
    theirs[reason] = (theirs[reason] ?? 0) + 1;
  }
  if (req.kind === 'api') {
    m.apiByReason[reason] = (m.apiByReason[reason] ?? 0) + 1;
    const apiMine = (m.apiByClient[req.clientId] ??= {});
    apiMine[reason] = (apiMine[reason] ?? 0) + 1;
    if (reason === 'ok') m.apiAccepted++;
  }
  if (reason === 'ok') m.accepted++;
  else if (reason === 'timeout') m.timedOut++;
  else m.rejected++;
  if (reason !== 'timeout') addLatency(m.latencies, s.timeMs - req.sentAtMs);
  s.requests.delete(req.id);
  keepRecent(s, req);
  recordServed(s, req, reason, status);
}

/**
 * The newest finished requests, at least `recentRequestsCapacity` of them once there are that many:
 * the oldest quarter goes at once, so the cost stays amortised O(1) (a shift per request moved the
 * whole list: 1.75% of the engine bench). Readers take the newest they show (snapshot.ts).
 */
function keepRecent(s: SimState, req: RequestRecord): void {
  const list = s.recent;
  list.push(req);
  const cap = s.options.recentRequestsCapacity;
  if (list.length > cap + Math.ceil(cap / 4)) list.splice(0, list.length - cap);
}

/**
 * How many Served entries a world keeps: a whole lesson's worth (the load lesson finishes ~1,400
 * requests per world), so the strip covers the run. Every checkpoint clones them, like the log, so
 * the cap stays at the log's size; the strip's tracker reads each entry as it arrives, so a longer
 * run is still compared whole while it plays.
 */
export const SERVED_CAPACITY = 2_000;

function recordServed(s: SimState, req: RequestRecord, reason: ReasonCode, status: number): void {
  const ok = reason === 'ok';
  const exp = ok ? Number(req.claims?.exp) : NaN;
  const entry: Served = {
    seq: s.served.total++,
    requestId: req.id,
    clientId: req.clientId,
    kind: req.kind,
    method: req.method,
    path: req.path,
    sentAtMs: req.sentAtMs,
    finishedAtMs: s.timeMs,
    status,
    reason,
    userId: ok ? req.subjectUserId : null,
    role: ok ? req.actedAsRole : null,
    expMs: Number.isFinite(exp) ? fromNumericDate(exp) : null,
    failedOpen: ok && req.failedOpen,
    forged: req.forged,
  };
  const list = s.served.entries;
  list.push(entry);
  // Like the log: drop the oldest fifth at once, so the cost stays amortised O(1).
  if (list.length > SERVED_CAPACITY + SERVED_CAPACITY / 5) list.splice(0, list.length - SERVED_CAPACITY);
}

export const shortId = (id: string): string => (id.length > 8 ? `${id.slice(0, 6)}…` : id);


/** A record's own entry: an id from outside ("toString", "__proto__") must never reach Object.prototype. */
export function own<T>(record: Record<string, T>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

/**
 * A message or a result for a request that has already ended (it timed out): nothing waits for it,
 * so it goes nowhere, and the log says so rather than dropping it in silence.
 */
export function arrivesLate(s: SimState, requestId: number, what: string, nodeId?: string): void {
  // Made where it is read, like every request's lines: a lab row on one overloaded server has a late
  // verdict or answer for most of its ~77,000 timed-out requests, and keeps 50 lines.
  logLater(s, lateLine, requestId, what, nodeId);
}

const lateLine = (seq: number, timeMs: number, requestId: number, what: string, nodeId: string | undefined): LogEntry => ({
  seq,
  timeMs,
  kind: 'timeout',
  text: `The ${what} for request #${requestId} arrives after that request timed out: nothing waits for it.`,
  requestId,
  reason: 'timeout',
  ok: false,
  ...(nodeId ? { nodeId } : {}),
});

/** The server of that id, if any (a loop, not `find` with a closure: it runs several times per request). */
export function serverById(s: SimState, id: string | null): AppServer | undefined {
  for (const sv of s.servers) if (sv.id === id) return sv;
  return undefined;
}

/**
 * The revocation, made before `atMs`, that covers the credential a request presents: its own (a
 * session id, a jti), or every credential its user was issued up to a ban or a logout everywhere.
 */
export function revocationCovering(s: SimState, req: RequestRecord, atMs: number): Revocation | undefined {
  return s.revocations.find((r) => r.atMs < atMs && (r.credentialId === null ? r.userId === req.subjectUserId && (req.credentialIssuedAtMs ?? 0) <= r.atMs : r.credentialId === req.credentialId));
}
