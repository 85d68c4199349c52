// Where the two worlds disagree, over the whole run: what each world *served* for the same user
// action (status, reason, and who and which role the server acted as), paired by who sent what
// when. Both worlds run the same seeded script, so a request sent by the same client at the same
// moment, carrying the same (un)forged credential, is the same action in both. A request only one
// world received (a token refresh, an attack scripted in one world only) is not a disagreement.
//
// Incremental: a DiffTracker reads only the Served entries it has not seen yet, so a publish every
// 100 ms costs the new requests, not the whole run.
import { plural } from '../format';
import { seconds } from '../formatSpans';
import type { Served } from '../sim/types';
import type { WorldSnapshot } from './snapshot';

/** Both worlds' answers to one user action. */
export interface ServedPair {
  key: string;
  clientId: string;
  sentAtMs: number;
  session: Served;
  jwt: Served;
  /** null when both worlds served the same; else what differs, the grouping signature. */
  difference: string | null;
}

/** A run of one client's consecutive requests that differed the same way. */
export interface DiffGroup {
  clientId: string;
  /** Requests that differed, out of `of` requests of this client between the first and the last. */
  count: number;
  of: number;
  first: ServedPair;
  last: ServedPair;
  /** "5.5–29.5 s, alice, 25 requests: session refused (401 session_unknown); JWT accepted as alice (role user), token valid until exp at 30.0 s" */
  text: string;
}

/**
 * How two answers to one action differ: accepted in one world only; in neither, each world refusing
 * for its own reason (revocation's Bob after logout: 401 session_unknown and 401 token_revoked); or
 * in both, as a different user or role (stale-claims). Counted apart, as "45 answered differently"
 * read as 45 accepted in one world and refused in the other.
 */
export type DifferenceKind = 'oneWorld' | 'neither' | 'both';

const kindOf = (p: Pick<ServedPair, 'session' | 'jwt'>): DifferenceKind => {
  const inSession = p.session.reason === 'ok';
  const inJwt = p.jwt.reason === 'ok';
  return inSession !== inJwt ? 'oneWorld' : inSession ? 'both' : 'neither';
};

export interface OutcomeDiffs {
  /** Requests both worlds received and answered. */
  compared: number;
  /** How many of them got a different answer. */
  differing: number;
  /** `differing`, by how the answers differ. */
  byKind: Record<DifferenceKind, number>;
  /** The first request the worlds answered differently, pinned. */
  first: { pair: ServedPair; text: string } | null;
  /** Runs of the same difference, in time order. */
  groups: DiffGroup[];
  /** Finished requests only one world received (left out of the comparison). */
  oneWorldOnly: number;
}

const NO_KINDS: Record<DifferenceKind, number> = { oneWorld: 0, neither: 0, both: 0 };

export const EMPTY_DIFFS: OutcomeDiffs = { compared: 0, differing: 0, byKind: NO_KINDS, first: null, groups: [], oneWorldOnly: 0 };

const KIND_WORDS: Record<DifferenceKind, string> = { oneWorld: 'accepted in one world only', neither: 'accepted in neither, for different reasons', both: 'accepted in both, as a different user or role' };

/** "45 answered differently (25 accepted in one world only; 20 accepted in neither, for different reasons)". */
export function differingText({ differing, byKind }: Pick<OutcomeDiffs, 'differing' | 'byKind'>): string {
  const kinds = (Object.keys(KIND_WORDS) as DifferenceKind[]).filter((k) => byKind[k] > 0);
  const parts = kinds.length === 1 ? [KIND_WORDS[kinds[0]!]] : kinds.map((k) => `${byKind[k]} ${KIND_WORDS[k]}`);
  return `${differing} answered differently${parts.length ? ` (${parts.join('; ')})` : ''}`;
}

// ---------------------------------------------------------------------------------------------
// What one world served, in words

/** A request's pairing key: who sent what, when, and whether (and how) its credential was forged. */
const keyOf = (e: Served): string => `${e.clientId}|${e.kind}|${e.method} ${e.path}|${e.sentAtMs}|${e.forged ?? ''}`;

/** What the server did, as compared across worlds (the exp of a token is not: only one world has one). */
const servedAs = (e: Served): string => (e.reason === 'ok' ? `ok as ${e.userId ?? '?'} role ${e.role ?? '?'}` : e.reason);

/** "accepted as alice (role user)", "refused (401 session_unknown)", "timed out". */
function servedText(e: Served, untilExp = false): string {
  if (e.reason === 'timeout') return 'timed out (no answer)';
  if (e.reason !== 'ok') return `refused (${e.status} ${e.reason})`;
  const who = e.kind === 'api' || e.kind === 'logout' ? ` as ${e.userId ?? 'nobody'} (role ${e.role ?? 'none'})` : '';
  // Let through unchecked, a token's exp is not why it got in: a revoked one got in too.
  const exp = !untilExp ? '' : e.failedOpen ? ' without a denylist check: the store was down and the server failed open' : e.expMs !== null ? `, token valid until exp at ${seconds(e.expMs)}` : '';
  return `accepted${who}${exp}`;
}

export function differenceOf(session: Served, jwt: Served): string | null {
  const a = servedAs(session);
  const b = servedAs(jwt);
  // A token let through unchecked is a run of its own: a group is said in its last request's words.
  return a === b ? null : `${a} / ${b}${jwt.failedOpen ? ' unchecked' : ''}`;
}

const range = (from: number, to: number): string => (from === to ? `at ${seconds(from)}` : `${(from / 1000).toFixed(1)}–${seconds(to)}`);
const what = (e: Served): string => (e.kind === 'api' ? 'request' : e.kind);

function groupText(g: Omit<DiffGroup, 'text'>): string {
  const n = g.of > g.count ? `${g.count} of ${plural(g.of, what(g.first.jwt))}` : plural(g.count, what(g.first.jwt));
  // The JWT side tells how long a token stays good: its exp, read from the last request of the run.
  return `${range(g.first.sentAtMs, g.last.sentAtMs)}, ${g.clientId}, ${n}: session ${servedText(g.last.session)}; JWT ${servedText(g.last.jwt, true)}`;
}

function firstText(p: ServedPair): string {
  const e = p.jwt;
  return `First difference at ${seconds(p.sentAtMs)}: ${p.clientId}'s ${e.method} ${e.path} (request ${p.session.requestId} in the session world, ${e.requestId} in the JWT world): session ${servedText(p.session)}; JWT ${servedText(p.jwt, true)}.`;
}

type OpenGroup = Omit<DiffGroup, 'text'> & { difference: string; agreeing: number };

/**
 * Groups each client's differing requests into runs of the same difference, in time order. A run
 * ends at a different difference or at two agreeing requests in a row; a single agreeing request
 * (round-robin landing on the one server that knows the session) stays inside the run as "7 of 9".
 */
export function groupDiffs(pairs: readonly ServedPair[]): DiffGroup[] {
  const open = new Map<string, OpenGroup>();
  const done: OpenGroup[] = [];
  const close = (clientId: string) => {
    const g = open.get(clientId);
    if (g) done.push(g);
    open.delete(clientId);
  };
  for (const p of pairs) {
    const current = open.get(p.clientId);
    if (p.difference === null) {
      if (current && ++current.agreeing >= 2) close(p.clientId);
      continue;
    }
    if (current && current.difference === p.difference) {
      current.count++;
      current.of += current.agreeing + 1;
      current.agreeing = 0;
      current.last = p;
      continue;
    }
    close(p.clientId);
    open.set(p.clientId, { clientId: p.clientId, count: 1, of: 1, first: p, last: p, difference: p.difference, agreeing: 0 });
  }
  done.push(...open.values());
  return done
    .sort((a, b) => a.first.sentAtMs - b.first.sentAtMs || a.first.session.requestId - b.first.session.requestId)
    .map(({ difference: _d, agreeing: _a, ...g }) => ({ ...g, text: groupText(g) }));
}

// ---------------------------------------------------------------------------------------------
// The tracker: pairs new entries as they finish, keeps the pairs in time order

/** Pairs kept at most (agreeing ones included); the first difference stays pinned beyond it. */
const MAX_PAIRS = 20_000;

interface Side {
  /** The last entry read, by identity: a replay (step back, seek) makes new entries, so we start over. */
  last: Served | null;
  waiting: Map<string, Served>;
}

export class DiffTracker {
  private session: Side = { last: null, waiting: new Map() };
  private jwt: Side = { last: null, waiting: new Map() };
  private pairs: ServedPair[] = [];
  private firstPair: ServedPair | null = null;
  private dropped = 0;
  private result: OutcomeDiffs = EMPTY_DIFFS;
  private dirty = true;
  /** Requests sent before this are settled (see update). */
  private settled = -Infinity;

  update(session: WorldSnapshot, jwt: WorldSnapshot): OutcomeDiffs {
    if (!this.continues(this.session, session.served) || !this.continues(this.jwt, jwt.served)) this.reset();
    this.read(this.session, this.jwt, session.served, 'session');
    this.read(this.jwt, this.session, jwt.served, 'jwt');
    // A request one world answered is that world's alone once its twin can no longer come: after
    // the timeout, or at once when neither world has a request in flight (the lesson's end).
    const timeout = Math.max(session.options.requestTimeoutMs, jwt.options.requestTimeoutMs);
    const idle = session.report.unfinishedRequests === 0 && jwt.report.unfinishedRequests === 0;
    const settled = idle ? Infinity : Math.min(session.timeMs, jwt.timeMs) - timeout - 1;
    if (!this.dirty && settled === this.settled) return this.result;
    this.settled = settled;
    const gone = (side: Side) => [...side.waiting.values()].filter((e) => e.sentAtMs < settled).length;
    const oneWorldOnly = gone(this.session) + gone(this.jwt);
    if (this.dirty) {
      this.dirty = false;
      const groups = groupDiffs(this.pairs);
      const byKind = { ...NO_KINDS };
      // A group is one difference throughout, so one kind.
      for (const g of groups) byKind[kindOf(g.first)] += g.count;
      this.result = {
        compared: this.pairs.length + this.dropped,
        differing: byKind.oneWorld + byKind.neither + byKind.both,
        byKind,
        first: this.firstPair ? { pair: this.firstPair, text: firstText(this.firstPair) } : null,
        groups,
        oneWorldOnly,
      };
    } else if (oneWorldOnly !== this.result.oneWorldOnly) {
      // Only time moved: the pairs stand, the count of one-world requests may not.
      this.result = { ...this.result, oneWorldOnly };
    }
    return this.result;
  }

  private reset(): void {
    this.session = { last: null, waiting: new Map() };
    this.jwt = { last: null, waiting: new Map() };
    this.pairs = [];
    this.firstPair = null;
    this.dropped = 0;
    this.dirty = true;
    this.settled = -Infinity;
  }

  /** True when `served` extends what this side has read (the last entry read is still there, unchanged). */
  private continues(side: Side, served: readonly Served[]): boolean {
    if (side.last === null) return true;
    const newest = served[served.length - 1];
    if (!newest || newest.seq < side.last.seq) return false;
    const at = side.last.seq - (served[0]?.seq ?? 0);
    return at < 0 || served[at] === side.last;
  }

  private read(side: Side, other: Side, served: readonly Served[], mode: 'session' | 'jwt'): void {
    const lastSeq = side.last?.seq ?? -1;
    const from = Math.max(0, lastSeq + 1 - (served[0]?.seq ?? 0));
    for (let i = from; i < served.length; i++) {
      const e = served[i]!;
      const key = keyOf(e);
      const match = other.waiting.get(key);
      if (match) {
        other.waiting.delete(key);
        const s = mode === 'session' ? e : match;
        const j = mode === 'jwt' ? e : match;
        this.add({ key, clientId: e.clientId, sentAtMs: e.sentAtMs, session: s, jwt: j, difference: differenceOf(s, j) });
      } else {
        side.waiting.set(key, e);
      }
      side.last = e;
    }
  }

  private add(pair: ServedPair): void {
    this.dirty = true;
    // Finishing order is nearly sending order: insert from the end.
    let i = this.pairs.length;
    while (i > 0 && (this.pairs[i - 1]!.sentAtMs > pair.sentAtMs || (this.pairs[i - 1]!.sentAtMs === pair.sentAtMs && this.pairs[i - 1]!.session.requestId > pair.session.requestId))) i--;
    this.pairs.splice(i, 0, pair);
    if (pair.difference !== null && (this.firstPair === null || pair.sentAtMs < this.firstPair.sentAtMs)) this.firstPair = pair;
    if (this.pairs.length > MAX_PAIRS) {
      const cut = this.pairs.length - MAX_PAIRS;
      this.pairs.splice(0, cut);
      this.dropped += cut;
    }
  }
}

/** Every disagreement of the run so far, in one call (tests, and the first render). */
export function outcomeDiffs(session: WorldSnapshot, jwt: WorldSnapshot): OutcomeDiffs {
  return new DiffTracker().update(session, jwt);
}
