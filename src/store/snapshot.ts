// What the UI draws of one world, copied out of the live simulation state after each batch of
// events (never per frame). Plain data, so React compares it cheaply and tests build it from a seed.
import { copyJson } from '../sim/copyJson';
import { refreshTokenHeld } from '../sim/nodes/browser';
import { modeRun, type ModeRun } from '../sim/report';
import type { AppServer, Client, KeyInfo, LogEntry, Message, Mode, RequestRecord, Served, SessionRecord, SimOptions, SimState, User } from '../sim/types';

export interface WorldSnapshot {
  mode: Mode;
  timeMs: number;
  options: SimOptions;
  users: User[];
  clients: Client[];
  servers: AppServer[];
  store: { up: boolean; slowFactor: number; queued: number; ops: number; sessions: SessionRecord[]; denylist: { jti: string; expMs: number }[]; revokedUsers: { userId: string; cutOffMs: number }[]; refreshFamilies: number; revokedFamilies: number; /** Clients whose refresh token's family is revoked: they hold a dead one. */ revokedRefreshHolders: string[] };
  /** `made`: how many keys the issuer has made so far, withdrawn ones too (a rotation is still the news once k1 is gone). */
  keys: { activeKid: string | null; keys: KeyInfo[]; made: number };
  /** Access tokens signed so far in this run. */
  tokensIssued: number;
  messages: Message[];
  /** In flight first, then the most recent finished ones, newest last. */
  requests: RequestRecord[];
  log: LogEntry[];
  logTotal: number;
  /**
   * What this world served for every finished request of the run (the newest few thousand), oldest
   * first. The entries are never mutated once recorded, so they are shared, not copied: a publish
   * copies an array of references only.
   */
  served: readonly Served[];
  report: ModeRun;
}

/**
 * Log lines a world shows (the box shows ~12; the rest is scrollback). After a seek every line is
 * new, so this is what React mounts and the browser lays out at once: 300 a world made a seek's
 * last frame 100-190 ms on a 2-core laptop.
 */
const LOG_TAIL = 120;
const RECENT_REQUESTS = 60;
const IN_FLIGHT_REQUESTS = 120;

/**
 * The requests a world shows, and what a prediction's outcome reads: the most recent finished
 * ones, then the newest in flight (under heavy load, copying hundreds per publish costs frames).
 */
export function shownRequests(s: SimState): RequestRecord[] {
  return [...s.recent.slice(-RECENT_REQUESTS), ...[...s.requests.values()].slice(-IN_FLIGHT_REQUESTS)];
}

/**
 * A world as the UI may draw it. What the engine writes once and never changes (messages, log
 * lines, finished requests, served outcomes, cookie jars, which are replaced, never edited, and the
 * options, which a settings change replaces) is shared; what it changes in place is copied, and
 * only as deep as it is changed: a request in flight has its fields set, never its HTTP parts,
 * claims or pending work, so a copy of its fields is enough (a deep copy of 120 in-flight requests
 * was two thirds of a busy page's publish). test/unit/snapshot.test.ts holds every lesson's
 * snapshots unchanged as the run goes on.
 */
/** Whether the refresh token `c` holds belongs to a family the store revoked. */
function holdsRevokedRefresh(s: SimState, c: Client): boolean {
  const family = s.store.refreshTokens[refreshTokenHeld(c) ?? '']?.familyId;
  return family !== undefined && family in s.store.revokedFamilies;
}

export function snapshot(s: SimState): WorldSnapshot {
  const finished = s.recent.slice(-RECENT_REQUESTS);
  const inFlight = [...s.requests.values()].slice(-IN_FLIGHT_REQUESTS).map((r) => ({ ...r }));
  return {
    mode: s.options.mode,
    timeMs: s.timeMs,
    options: s.options,
    users: Object.values(s.users).map((u) => ({ ...u })),
    clients: Object.values(s.clients).map((c) => ({ ...c, storage: { ...c.storage } })),
    // Each server's local sessions and key cache are edited in place: copied whole (a few servers).
    servers: copyJson(s.servers),
    store: {
      up: s.store.up,
      slowFactor: s.store.slowFactor,
      queued: s.store.queued,
      ops: s.store.ops,
      sessions: Object.values(s.store.sessions).map((r) => ({ ...r })),
      denylist: Object.entries(s.store.denylist).map(([jti, expMs]) => ({ jti, expMs })),
      revokedUsers: Object.entries(s.store.revokedUsers).map(([userId, cutOffMs]) => ({ userId, cutOffMs })),
      refreshFamilies: new Set(Object.values(s.store.refreshTokens).map((r) => r.familyId)).size,
      revokedFamilies: Object.keys(s.store.revokedFamilies).length,
      revokedRefreshHolders: Object.values(s.clients).filter((c) => holdsRevokedRefresh(s, c)).map((c) => c.id),
    },
    // A key is made not ready and marked ready once its pair is generated.
    keys: { activeKid: s.keys.activeKid, keys: s.keys.keys.map((k) => ({ ...k })), made: s.keys.nextKeyNumber - 1 },
    tokensIssued: s.metrics.tokensIssued,
    messages: [...s.messages.values()],
    requests: [...finished, ...inFlight],
    log: s.log.entries.slice(-LOG_TAIL),
    logTotal: s.log.total,
    served: s.served.entries.slice(),
    report: modeRun(s),
  };
}
