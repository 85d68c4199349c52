// The article's side-by-side table, each row filled with what the current run measured. Pure:
// snapshots in, display strings out. No simulation rules here, only counting and formatting.
import { holdingOf } from '../stage/nodeStatus';
import type { Mode, RequestRecord } from '../../sim/types';
import type { WorldSnapshot } from '../../store/snapshot';
import { plural } from '../../format';
import { millis, seconds } from '../../formatSpans';
import { SCHEME_WORDS } from '../../sim/schemes/names';

export interface CompareRow {
  id: string;
  label: string;
  /** What the article claims, per column. */
  article: { session: string; jwt: string };
  /** What this run measured; null when that world is not loaded. */
  measured: { session: string | null; jwt: string | null };
}

export type CompareWorlds = { session?: WorldSnapshot; jwt?: WorldSnapshot };

/** Shown in a column whose world is not loaded. */
export const NOT_LOADED = 'switch to side by side to measure';

/** Shown instead in the column of a world the lesson does not have (a JWT-only lesson): side by side cannot help. */
export const notInLesson = (missing: Mode): string => `this lesson has no ${SCHEME_WORDS[missing].world}`;


// ---------------------------------------------------------------------------------------
// Finding real credentials in a snapshot

/** The newest accepted request that carried verified claims (a JWT the server trusted). */
function lastAcceptedClaims(w: WorldSnapshot): Record<string, unknown> | null {
  let best: RequestRecord | null = null;
  for (const r of w.requests) {
    if (r.reason !== 'ok' || !r.claims) continue;
    if (!best || (r.decidedAtMs ?? -1) >= (best.decidedAtMs ?? -1)) best = r;
  }
  return best?.claims ?? null;
}

/** The first session id (or JWT) some client holds now, read as the stage's nodes read it. */
function heldValue(w: WorldSnapshot, kind: 'session' | 'jwt'): string | null {
  for (const c of w.clients) {
    const held = holdingOf(w, c.id);
    if (held.kind === kind && held.value) return held.value;
  }
  return null;
}

/** Someone logged in during the run (so a missing cookie is gone, not yet to come). */
const loggedInOnce = (w: WorldSnapshot): boolean => w.served.some((e) => e.kind === 'login' && e.reason === 'ok');

/** Random bytes behind an unpadded base64url string (22 characters carry 16 bytes). */
const base64urlBits = (chars: number): number => Math.floor((chars * 3) / 4) * 8;

// ---------------------------------------------------------------------------------------
// One measured cell per row and mode

type Measure = (w: WorldSnapshot, mode: Mode) => string;

const whereDataLives: Measure = (w, mode) => {
  if (mode === 'session') {
    if (w.options.sessionStorage === 'local') {
      const held = w.servers.reduce((n, s) => n + Object.keys(s.localSessions).length, 0);
      return `${plural(held, 'session record')} in the memory of ${plural(w.servers.length, 'server')}`;
    }
    return `${plural(w.store.sessions.length, 'session record')} in the store`;
  }
  const claims = lastAcceptedClaims(w);
  if (!claims) return w.tokensIssued ? 'in the token (none accepted lately)' : 'no token issued yet';
  const names = Object.keys(claims);
  const shown = names.length > 4 ? [...names.slice(0, 4), '…'] : names;
  // Held by no one now (token-size's last token, dropped by the browser): "in the token" stood beside "none held".
  return `in the ${heldValue(w, 'jwt') ? 'token' : 'last token accepted'}: ${shown.join(', ')} (${plural(names.length, 'claim')})`;
};

const credential: Measure = (w, mode) => {
  if (mode === 'session') {
    const sid = heldValue(w, 'session');
    if (!sid) return loggedInOnce(w) ? 'no browser holds a session cookie now' : 'no session cookie yet';
    return `a random id, ${plural(sid.length, 'character')} (${base64urlBits(sid.length)} bits)`;
  }
  const token = heldValue(w, 'jwt');
  if (!token) {
    // Say why nothing is held: never issued, dropped by the browser (too large), or given up at logout.
    if (w.tokensIssued === 0) return 'no token issued yet';
    if (w.report.cookiesDropped > 0) return `none held: the browser dropped ${plural(w.report.cookiesDropped, 'cookie')} over its size limit`;
    return `no client holds a token now (${plural(w.tokensIssued, 'token')} issued so far)`;
  }
  return `header.payload.signature, ${plural(token.length, 'character')}`;
};

const state: Measure = (w, mode) => {
  if (mode === 'session') {
    if (w.options.sessionStorage === 'local') {
      const held = w.servers.reduce((n, s) => n + Object.keys(s.localSessions).length, 0);
      return `${plural(held, 'session')} held, each on one server`;
    }
    return `${plural(w.store.sessions.length, 'session')} held`;
  }
  // With refresh tokens the store does keep records, their families': "0 records per user" said otherwise.
  const parts = [w.options.refreshTokens ? 'no record per access token' : '0 records per user'];
  if (w.options.denylist) parts.push(`denylist: ${plural(w.store.denylist.length + w.store.revokedUsers.length, 'entry', 'entries')}`);
  if (w.options.refreshTokens) parts.push(`${plural(w.store.refreshFamilies, 'refresh-token family', 'refresh-token families')} in the store`);
  return parts.join('; ');
};

const lookups: Measure = (w, mode) => {
  const r = w.report;
  if (r.apiRequests === 0) return 'no API requests yet';
  // Per API request, counting the lookups API requests made: a logout looks its session up too.
  // Say where the requests without a store lookup went: no credential to look up, or a server's own memory.
  const others = r.storeLookups - r.apiStoreLookups - r.refreshStoreLookups;
  const session = mode === 'session';
  // Sent and counted, not checked yet: basic's "0.83 (5 lookups / 6 requests)" beside "on every request" read as a miss.
  const unchecked = w.requests.filter((q) => q.kind === 'api' && q.credential !== 'none' && q.decidedAtMs === null && q.finishedAtMs === null).length;
  const notes = [
    unchecked > 0 ? `${plural(unchecked, 'request')} still on ${unchecked === 1 ? 'its' : 'their'} way to a check` : '',
    session && r.apiMemoryLookups > 0 ? `${plural(r.apiMemoryLookups, 'request')} looked in a server\u2019s own memory instead` : '',
    session && r.apiWithoutCredential > 0 ? `${plural(r.apiWithoutCredential, 'request')} carried no credential to look up` : '',
    !session && r.apiStoreLookups > 0 ? 'each one a denylist check' : '',
    r.refreshStoreLookups > 0 ? `${plural(r.refreshStoreLookups, 'more lookup', 'more lookups')} by refreshes, each reading its refresh token\u2019s record` : '',
    others > 0 ? `${plural(others, 'more lookup', 'more lookups')} by logouts` : '',
  ].filter(Boolean);
  // A logout's token is checked too: "35 signature checks" for 34 requests said nothing of it.
  const byLogouts = r.signatureVerifications - r.apiSignatureVerifications;
  const checks = mode === 'jwt' || r.signatureVerifications > 0 ? `${plural(r.signatureVerifications, 'signature check')}${byLogouts > 0 ? ` (${byLogouts} by ${byLogouts === 1 ? 'a logout' : 'logouts'})` : ''}` : '';
  // The checks are joined as the notes are, once there are notes: ", 34 signature checks" after a note read as part of it.
  return `${r.lookupsPerApiRequest.toFixed(2)} (${plural(r.apiStoreLookups, 'lookup')} / ${plural(r.apiRequests, 'request')})${notes.map((n) => `; ${n}`).join('')}${checks ? `${notes.length ? ';' : ','} ${checks}` : ''}`;
};

const bytes: Measure = (w) => {
  const r = w.report;
  if (r.apiRequests === 0) return 'no API requests yet';
  // The credential with its header's name ("Authorization: Bearer …", or "Cookie: " and its cookies but
  // no other): "of which the credential 337.7 B" stood under "334 characters" for the token itself (learner review).
  return `${r.bytes.requestMean} B on average, of which ${r.bytes.credentialMean} B carry the credential, its header's name included`;
};

/**
 * The roles the admin changed, and what requests acted on since: stale-claims' demotion stood
 * beside "nothing revoked yet", as if the table had missed it.
 */
function roleChanges(w: WorldSnapshot): string {
  const { roleChanges: changes, staleRoleAccepts: stale } = w.report;
  if (changes === 0) return '';
  const since = stale > 0 ? `${plural(stale, 'request')} acted on an old role, the one the token still says` : w.mode === 'session' ? 'every request since acted on the current role' : 'no request has acted on an old role yet';
  return `${plural(changes, 'role change')}: ${since}`;
}

const revocation: Measure = (w) => {
  const rev = w.report.revocation;
  // A refresh-token family is revoked in the store: what it stops is the next refresh, not the access token in hand.
  const families = w.store.revokedFamilies;
  const familiesRevoked = `${plural(families, 'refresh-token family', 'refresh-token families')} revoked, so the store refuses ${families === 1 ? 'its' : 'their'} next refresh at once`;
  const also = [families > 0 ? familiesRevoked : '', roleChanges(w)].filter(Boolean).map((part) => `; ${part}`).join('');
  if (!rev) return `${families > 0 ? 'no access token revoked' : 'nothing revoked yet'}${also}`;
  // Without a denylist nothing stops a revoked JWT: zero accepted only means nobody tried yet.
  if (rev.acceptedAfter === 0 && w.mode === 'jwt' && !w.options.denylist) return `not tried yet: a revoked token would still be accepted until exp${also}`;
  // Nor is "immediate" measured until someone presents what was revoked: jwt-in-cookie's browser
  // dropped its cookie at logout, and the session cell said "immediate" of a credential never sent again.
  if (rev.acceptedAfter === 0 && rev.refusedAfter === 0) return `not tried yet: nobody has presented it since; ${w.mode === 'jwt' ? 'the denylist would refuse it' : w.options.sessionStorage === 'local' ? 'no server holds it any more' : 'the store no longer holds it'}${also}`;
  if (rev.acceptedAfter === 0) return `immediate: 0 requests accepted after it, ${plural(rev.refusedAfter, 'request')} refused${also}`;
  // The last one's distance, not "exposure 16.6 s": store-outage's revoked token was refused for 4 s of those, then let in by a store failing open.
  return `${plural(rev.acceptedAfter, 'request')} accepted after it, the last ${seconds(rev.exposureMs)} after${also}`;
};

const failure: Measure = (w) => {
  const { byReason, timedOut } = w.report.requests;
  const { serverCrashes, storeOutages, sessionsLost, lostSessionRefusals } = w.report.failures;
  // Sessions kept in a server's memory go with it: scale-out's crash read "0 requests got a 503 or timed out" beside users logged out by it.
  const crashes = serverCrashes ? `${plural(serverCrashes, 'server crash')}${sessionsLost ? ` (${plural(sessionsLost, 'session')} lost with ${serverCrashes === 1 ? 'its' : 'their'} memory)` : ''}` : '';
  const failed = [crashes, storeOutages ? plural(storeOutages, 'store outage') : ''].filter(Boolean).join(', ');
  const storeDown = byReason.store_unavailable ?? 0;
  const serverDown = byReason.server_down ?? 0;
  const parts: string[] = [];
  if (lostSessionRefusals > 0) parts.push(`${lostSessionRefusals} refused: their session was lost in the crash`);
  if (storeDown > 0) parts.push(`${storeDown} rejected: store unavailable`);
  if (serverDown > 0) parts.push(`${serverDown} rejected: no server up`);
  if (timedOut > 0) parts.push(`${timedOut} timed out`);
  if (!failed && parts.length === 0) return 'nothing failed so far';
  // A failure nobody's request noticed is still a failure: say what failed, then what it cost.
  const cost = parts.length ? parts.join('; ') : '0 requests got a 503 or timed out';
  return failed ? `${failed}: ${cost}` : cost;
};

const latency: Measure = (w) => {
  const r = w.report;
  if (r.requests.total === 0) return 'no requests answered yet';
  return `${millis(r.latencyMs.p50)} / ${millis(r.latencyMs.p99)}`;
};

// ---------------------------------------------------------------------------------------
// The rows: the article's wording, then how to measure it

interface RowSpec {
  id: string;
  label: string;
  article: { session: string; jwt: string };
  measure: Measure;
}

const ROWS: RowSpec[] = [
  {
    id: 'where-data-lives',
    label: 'Where user data lives',
    article: { session: 'Stored server-side (memory, database, or cache)', jwt: 'Packed directly inside the token itself' },
    measure: whereDataLives,
  },
  {
    id: 'credential',
    label: 'What the credential holds',
    article: { session: 'A random session ID (meaningless on its own)', jwt: 'Often the full token, or a reference to it' },
    measure: credential,
  },
  {
    id: 'state',
    label: 'State on the servers',
    article: { session: 'Stateful — server actively tracks sessions', jwt: 'Stateless — server verifies, doesn’t store' },
    measure: state,
  },
  {
    id: 'lookups',
    label: 'Store lookups per request',
    article: { session: 'Looks up the ID in its storage on every request', jwt: 'Verifies the signature, with no storage lookup needed' },
    measure: lookups,
  },
  {
    id: 'bytes',
    label: 'Bytes per request',
    article: { session: 'Small (just an ID)', jwt: 'Larger (full encoded payload)' },
    measure: bytes,
  },
  {
    id: 'revocation',
    label: 'Time from revocation to rejection',
    article: { session: 'Simple — delete the session record', jwt: 'Harder — token stays valid until it expires, unless you add a blocklist' },
    measure: revocation,
  },
  {
    id: 'failure',
    label: 'Scaling out: when a server or the store failed',
    article: {
      session: 'Needs a shared session store (e.g., Redis) so every server can look up the same session',
      jwt: 'Easy — any server can verify the token’s signature independently',
    },
    measure: failure,
  },
  {
    id: 'latency',
    label: 'Latency p50 / p99',
    article: { session: 'A “go check the storage” step on every request', jwt: 'Trades a storage lookup for a cryptographic verification' },
    measure: latency,
  },
];

/** The comparison rows for the worlds present; a missing world's cells are null. */
export function compareRows(worlds: CompareWorlds): CompareRow[] {
  const { session, jwt } = worlds;
  return ROWS.map(({ id, label, article, measure }) => ({
    id,
    label,
    article,
    measured: {
      session: session ? measure(session, 'session') : null,
      jwt: jwt ? measure(jwt, 'jwt') : null,
    },
  }));
}
