// The simulation's data: plain data (no CryptoKeys, no functions), so that a state can be
// checkpointed, compared in tests and written as JSON; apart from the `ById` rings of what is in
// flight, whose private fields structuredClone and postMessage do not carry: a state is copied with
// copyJson (checkpoints, snapshots) and sent as stateJson.
import type { HttpRequestParts, HttpResponseParts } from './http';
import type { Alg } from '../auth/alg';
import type { AccessClaims } from '../auth/claims';
import type { CookieJar, SetCookieRejection } from '../auth/cookies';
import type { VerifyResult } from '../auth/verdict';
import type { ReasonCode } from '../reasons';
import type { LatencyStats } from './latency';
import type { RngState } from './rng';
import type { Queued } from './queue';
import type { TimerLane } from './agenda';
import type { ById } from './byId';
import type { Mode } from './schemes/names';

export type { AccessClaims, Mode };
export type { Alg };
export type Delivery = 'header' | 'cookie';
export type LbPolicy = 'round-robin' | 'random' | 'least-connections' | 'sticky';
export type SessionStorage = 'shared' | 'local';
export type FailMode = 'open' | 'closed';
export type NodeId = string;

export interface ClientSpec {
  id: string;
  userId: string;
  kind: 'browser' | 'attacker';
}

export interface LatencyOptions {
  clientToLbMs: number;
  lbToServerMs: number;
  serverToStoreMs: number;
  serverToJwksMs: number;
  jitterMs: number;
}

export interface SimOptions {
  mode: Mode;
  seed: number;
  servers: number;
  clients: ClientSpec[];
  lbPolicy: LbPolicy;
  sessionStorage: SessionStorage;
  sessionIdleMs: number;
  sessionAbsoluteMs: number;
  alg: Alg;
  delivery: Delivery;
  tokenTtlMs: number;
  refreshTokens: boolean;
  refreshTtlMs: number;
  denylist: boolean;
  denylistFailMode: FailMode;
  clockToleranceMs: number;
  jwksRefreshMs: number;
  keyOverlapMs: number;
  issuer: string;
  audience: string;
  host: string;
  latency: LatencyOptions;
  serverServiceMs: number;
  storeServiceMs: number;
  /** Store throughput: one operation takes 1000 / capacity ms, so excess load queues. */
  storeCapacityOpsPerSec: number;
  cryptoSignMs: Record<Alg, number>;
  cryptoVerifyMs: Record<Alg, number>;
  requestTimeoutMs: number;
  /** Queries the store holds waiting at most; past it, it turns queries away (503 overloaded). */
  storeQueueMax: number;
  /** A server refuses a request whose header block is larger (431), as real servers do at 8-16 KB. */
  maxHeaderBytes: number;
  logCapacity: number;
  recentRequestsCapacity: number;
}

export interface User {
  id: string;
  role: string;
  banned: boolean;
  passwordVersion: number;
  /** Profile claims that ride in every JWT issued to this user (the token-size lesson). */
  extraClaims: Record<string, string>;
}

export interface SessionRecord {
  id: string;
  userId: string;
  createdAtMs: number;
  lastSeenAtMs: number;
  /** Derived from the idle and absolute timeouts, whichever comes first. */
  expiresAtMs: number;
  absoluteExpiresAtMs: number;
}

export interface Client {
  id: string;
  kind: 'browser' | 'attacker';
  userId: string;
  jar: CookieJar;
  /** What a single-page app keeps in localStorage. */
  storage: { accessToken: string | null; refreshToken: string | null };
  /** Set once a token refresh is under way, so a burst of 401s asks for one refresh only. */
  refreshing: boolean;
  /** Set when its refresh token is refused: the app shows its login form and its steady traffic waits for a login. */
  loginNeeded: boolean;
  /** How the client forged the credential it holds (tamper), until a login, refresh or logout replaces it. */
  forged: ForgeHow | null;
  /**
   * The last cookie it refused to store (too large, say), until it stores one or logs out: its node
   * said "not logged in" beside token-size's "the browser silently drops it", which hid why.
   */
  cookieDropped: DroppedCookie | null;
}

export interface DroppedCookie {
  name: string;
  reason: SetCookieRejection;
  /** Its name + value, when it was refused for its size. */
  bytes: number | null;
}

export type ForgeHow = 'role-admin' | 'alg-none' | 'guess-session';

export interface AppServer {
  id: NodeId;
  up: boolean;
  skewMs: number;
  bootedAtMs: number;
  localSessions: Record<string, SessionRecord>;
  jwksCache: { kids: string[]; fetchedAtMs: number | null };
  inFlight: number;
  handled: number;
  storeLookups: number;
  signatureVerifications: number;
  lastCheck: ServerCheck | null;
  /** Its one core (nodes/cpu.ts): busy until then, and the CPU ms it has spent in the run. */
  cpuBusyUntilMs: number;
  cpuMs: number;
  /** When its process last stopped (a crash, or a restart ending the old one): answers booked to leave after it are lost. */
  stoppedAtMs: number | null;
}

export interface ServerCheck {
  requestId: number;
  /** 'token': a JWT refused before its signature was checked (no key for its kid, an algorithm refused). */
  kind: 'lookup' | 'signature' | 'token' | 'denylist';
  ok: boolean;
  atMs: number;
  reason: ReasonCode;
}

export interface RefreshRecord {
  token: string;
  familyId: string;
  userId: string;
  used: boolean;
  expiresAtMs: number;
}

export interface SessionStoreNode {
  up: boolean;
  slowFactor: number;
  sessions: Record<string, SessionRecord>;
  /** Denylisted jti -> the token's exp (ms): the entry is dropped once the token expires anyway. */
  denylist: Record<string, number>;
  /**
   * Users logged out everywhere (or banned) while the denylist was on -> a cut-off (ms, in the
   * issuers' time): every token of theirs whose iat is up to it is refused. One entry a user, kept
   * for good: a stateless issuer cannot list a user's live tokens, but the store can compare each
   * token's iat with this cut-off.
   */
  revokedUsers: Record<string, number>;
  refreshTokens: Record<string, RefreshRecord>;
  revokedFamilies: Record<string, number>;
  busyUntilMs: number;
  queued: number;
  ops: number;
}

export interface KeyInfo {
  kid: string;
  alg: Alg;
  createdAtMs: number;
  ready: boolean;
  publicJwk: Record<string, unknown> | null;
}

export interface KeySetNode {
  activeKid: string | null;
  keys: KeyInfo[];
  nextKeyNumber: number;
}

export interface IssuedToken {
  jti: string;
  userId: string;
  clientId: string;
  issuedAtMs: number;
  expiresAtMs: number;
}

export type RequestKind = 'login' | 'api' | 'logout' | 'refresh';
/** The credential a request carries: one of the models' own, or none. */
export type CredentialKind = Mode | 'none';

export type RequestStage =
  | 'to-lb'
  | 'to-server'
  | 'session-lookup'
  | 'jwks-fetch'
  | 'verify'
  | 'denylist-check'
  | 'session-create'
  | 'sign'
  | 'refresh-rotate'
  | 'refresh-issue'
  | 'revoke'
  | 'to-client'
  | 'done';

export interface RequestRecord {
  id: number;
  clientId: string;
  kind: RequestKind;
  method: 'GET' | 'POST';
  path: string;
  sentAtMs: number;
  serverId: NodeId | null;
  /** When its server's process took it: a restart after this means that process and its work are gone. */
  serverReceivedAtMs: number | null;
  stage: RequestStage;
  credential: CredentialKind;
  /** The session id or jti the request carried (after the server parsed it). */
  credentialId: string | null;
  /** The request as sent (its text is written where someone looks: `requestText`); its byte counts below. */
  httpRequest: HttpRequestParts;
  requestBytes: number;
  credentialBytes: number;
  httpResponse: HttpResponseParts | null;
  responseBytes: number;
  status: number | null;
  reason: ReasonCode | null;
  detail: string;
  decidedAtMs: number | null;
  /** When the authoritative check happened: the store read for a session or denylist, else the decision. */
  checkedAtMs: number | null;
  finishedAtMs: number | null;
  storeLookups: number;
  signatureVerifications: number;
  /** Times its server fetched the key set (JWKS) for it: its cache was empty or old. */
  keySetFetches: number;
  /** Let through without its denylist check: the store was unreachable and the server failed open. */
  failedOpen: boolean;
  /** The authenticated user and when the credential was issued, once known. */
  subjectUserId: string | null;
  credentialIssuedAtMs: number | null;
  /** The verified token's claims (JWT world, once accepted by the signature check). */
  claims: AccessClaims | null;
  /** The role the server acted on when it accepted: the user's role then (session) or the token's claim (JWT). */
  actedAsRole: string | null;
  /** The forged credential the request carried (copied from its client when sent), null when untouched. */
  forged: ForgeHow | null;
  /** What the server keeps for this request between one step and the next (null: nothing). */
  pending: Pending | null;
  /** The server a sticky balancer pinned this browser to, to be set in the affinity cookie on the way back. */
  stickyTo: NodeId | null;
}

/** Work in progress a server resumes when a store reply or a crypto result comes back. */
export type Pending =
  | { for: 'verify'; token: string; alg: string | null; kid: string | null; costMs: number }
  | { for: 'session-create'; sid: string }
  | { for: 'sign'; jti: string; refreshToken: string | null; alg: Alg }
  | { for: 'refresh-issue'; access: string; refreshToken: string; alg: Alg };

/** A logout in the JWT world: what the store does for it (denylist the jti, end the refresh family). */
export interface TokenRevocation {
  expMs: number;
  denylist: boolean;
  refreshToken: string | null;
  userId: string;
}

export type StoreOp =
  | { op: 'session-get'; key: string }
  | { op: 'session-set'; key: string; value: SessionRecord }
  | { op: 'session-del'; key: string }
  | { op: 'deny-check'; key: string; userId: string; issuedAtMs: number }
  | { op: 'token-revoke'; key: string; value: TokenRevocation }
  | { op: 'refresh-put'; key: string; value: RefreshRecord }
  | { op: 'refresh-rotate'; key: string };

export type StoreResult =
  | { unavailable: true }
  | { overloaded: true }
  | { found: true; record: SessionRecord }
  | { found: false; expired: boolean }
  | { listed: boolean; revokedUserAtMs?: number }
  | { refresh: 'ok'; userId: string; token: string; familyId: string }
  | { refresh: 'reused' | 'invalid'; userId: string | null }
  | { done: true };

interface MessageCommon {
  id: number;
  requestId: number;
  from: NodeId;
  to: NodeId;
  sendTimeMs: number;
  recvTimeMs: number;
  credential: CredentialKind | 'refresh';
  /** A short label drawn on the travelling dot: "sid 3fA9…", "JWT k1", "GET sess:…". */
  label: string;
  ok: boolean | null;
  reason: ReasonCode | null;
}

/** What travels between nodes; each kind carries its own payload. */
export type Message =
  | (MessageCommon & { kind: 'request' | 'response' | 'jwks-fetch' })
  | (MessageCommon & { kind: 'store-query'; storeOp: StoreOp })
  | (MessageCommon & { kind: 'store-reply'; storeResult: StoreResult })
  | (MessageCommon & { kind: 'jwks-reply'; kids: string[] });

export type MessageKind = Message['kind'];

/**
 * A message as a node writes it; `send` gives it its id and times. The node writes them as 0, so
 * the literal is the message's whole shape: added by `send`, V8 kept the three in a second,
 * out-of-object store, one more allocation a message (~4% of the engine bench).
 */
export type OutgoingMessage = Message extends infer M ? (M extends Message ? Omit<M, 'id' | 'sendTimeMs' | 'recvTimeMs'> & { id: 0; sendTimeMs: 0; recvTimeMs: 0 } : never) : never;

export type Action =
  | { type: 'login'; clientId: string }
  | { type: 'request'; clientId: string; path?: string }
  | { type: 'traffic'; clientId: string; everyMs: number; count: number }
  | { type: 'logout'; clientId: string }
  | { type: 'refresh'; clientId: string }
  | { type: 'logoutEverywhere'; userId: string }
  | { type: 'banUser'; userId: string }
  | { type: 'changePassword'; userId: string }
  | { type: 'changeRole'; userId: string; role: string }
  | { type: 'setExtraClaims'; userId: string; claims: Record<string, string> }
  | { type: 'addServer' }
  | { type: 'removeServer'; serverId: NodeId }
  | { type: 'killServer'; serverId: NodeId }
  | { type: 'restartServer'; serverId: NodeId }
  | { type: 'storeDown' }
  | { type: 'storeUp' }
  | { type: 'storeSlow'; factor: number }
  | { type: 'rotateKey' }
  | { type: 'tamper'; clientId: string; how: ForgeHow }
  | { type: 'steal'; fromClientId: string; attackerId: string }
  | { type: 'setSkew'; serverId: NodeId; skewMs: number }
  | { type: 'setOptions'; patch: Partial<Pick<SimOptions, 'lbPolicy' | 'denylist' | 'denylistFailMode' | 'refreshTokens' | 'tokenTtlMs' | 'delivery' | 'clockToleranceMs' | 'sessionStorage' | 'alg'>> }
  | { type: 'note'; text: string };


/** A signature check's verdict, as jose's check gives it (auth/tokens.ts); `signatureChecked` says whether any signature work was done. */
export type VerifyOutcome = VerifyResult;

export type SimEvent =
  /** `checked`: the engine scheduled it from an action it had already checked (traffic's next request). */
  | { type: 'action'; action: Action; checked?: true; intervention?: boolean }
  | { type: 'arrive'; messageId: number }
  | { type: 'storeServe'; messageId: number }
  | { type: 'timeout'; requestId: number }
  | { type: 'keyCreated'; kid: string; publicJwk: Record<string, unknown> | null }
  | { type: 'keyRetire'; kid: string }
  | { type: 'signed'; requestId: number; token: string }
  | { type: 'verified'; requestId: number; outcome: VerifyOutcome };

/** Work only the async driver can do (real WebCrypto); results come back as events. */
export type Effect =
  | { kind: 'createKey'; kid: string; alg: Alg; seed: number[]; dueTimeMs: number; seq: number }
  | { kind: 'sign'; requestId: number; kid: string; claims: AccessClaims; dueTimeMs: number; seq: number }
  | {
      kind: 'verify';
      requestId: number;
      token: string;
      /** The kids this server has in its JWKS cache: it cannot use a key it has not fetched. */
      knownKids: string[];
      algorithms: Alg[];
      issuer: string;
      audience: string;
      serverNowMs: number;
      clockToleranceMs: number;
      dueTimeMs: number;
      seq: number;
    };

export type LogKind = 'action' | 'request' | 'response' | 'store' | 'verify' | 'key' | 'cookie' | 'server' | 'timeout' | 'note';

export interface LogEntry {
  seq: number;
  timeMs: number;
  kind: LogKind;
  text: string;
  requestId?: number;
  nodeId?: NodeId;
  reason?: ReasonCode;
  ok?: boolean;
}

export interface Revocation {
  atMs: number;
  userId: string;
  /** null = every credential of the user; otherwise the one session id or jti revoked. */
  credentialId: string | null;
  what: string;
}

export interface Metrics {
  total: number;
  accepted: number;
  rejected: number;
  timedOut: number;
  byReason: Partial<Record<ReasonCode, number>>;
  apiRequests: number;
  apiRequestBytes: number;
  apiCredentialBytes: number;
  storeLookups: number;
  signatureVerifications: number;
  /** Bounded: exact up to 4,096 samples, then 1% buckets (src/sim/latency.ts). */
  latencies: LatencyStats;
  /** Access tokens signed in the whole run (`issued` only keeps the recent ones). */
  tokensIssued: number;
  acceptedAfterRevocation: number;
  /** API requests refused while presenting a revoked credential (tried, and stopped). */
  refusedAfterRevocation: number;
  exposureMs: number;
  cookiesDropped: number;
  /** Bytes (name + value) of the largest cookie a browser refused to store for its size: token-size's answer said only the Cookie line that still fitted. */
  droppedCookieBytesMax: number;
  /** Largest credential header of one API request (bytes): the token-size lesson's peak. */
  apiCredentialBytesMax: number;
  /** Accepted requests whose effective role (session: the user's; JWT: the claim) differs from the user's current role. */
  staleRoleAccepts: number;
  /** Roles the admin changed for a user holding a credential (a demotion, a promotion): stale-claims' table says them. */
  roleChanges: number;
  /** Peak of signingKeyHolders (see nodes/keySet.ts) over the run. */
  signingKeyHoldersMax: number;
  /** Actions from outside the lesson's script applied so far (a learner's, a link's, the runner's --actions): step.ts, as driver.ts dispatch marks them. */
  interventions: number;
  /** Outcomes per client id (every request kind), counted like byReason. */
  byClient: Record<string, Partial<Record<ReasonCode, number>>>;
  /** Outcomes per app server that answered, counted like byClient (what the balancer or the network decided is not in it). */
  byServer: Record<string, Partial<Record<ReasonCode, number>>>;
  /** Store lookups made for API requests only (logouts look their session up too). */
  apiStoreLookups: number;
  /** Signature checks made by API requests (signatureVerifications also counts logouts'). */
  apiSignatureVerifications: number;
  /** Store lookups made by refreshes: each reads (and rotates) its refresh token's record. */
  refreshStoreLookups: number;
  /** API requests that carried no credential, and session API requests checked in a server's own memory (no store lookup). */
  apiWithoutCredential: number;
  apiMemoryLookups: number;
  /** Beats of a steady stream not sent: its browser was signed out by a refused refresh and waits for a login. */
  signedOutSkips: number;
  /** Times an up server crashed, and times the store went down from up. */
  serverCrashes: number;
  /** Sessions that went with a crashed server's memory, and requests refused since because theirs had. */
  sessionsLost: number;
  lostSessionRefusals: number;
  storeOutages: number;
  /** Outcomes of API requests only (byReason counts logins and refreshes too): what the load lab measures. */
  apiAccepted: number;
  apiByReason: Partial<Record<ReasonCode, number>>;
  /** API outcomes per client id, like byClient without the logins, logouts and refreshes: what a lesson's takeaway counts per user. */
  apiByClient: Record<string, Partial<Record<ReasonCode, number>>>;
  /** CPU ms the app servers spent (nodes/cpu.ts), and the part of it spent checking signatures. */
  serverCpuMs: number;
  verifyCpuMs: number;
}

/**
 * What one world served for one finished request: the small, never mutated record the side-by-side
 * strip compares across worlds. Kept for the whole run (the newest SERVED_CAPACITY of them).
 */
export interface Served {
  /** Position over the whole run (0, 1, 2...), also after the oldest entries are dropped. */
  seq: number;
  requestId: number;
  clientId: string;
  kind: RequestKind;
  method: 'GET' | 'POST';
  path: string;
  sentAtMs: number;
  finishedAtMs: number;
  status: number;
  reason: ReasonCode;
  /** Who the server acted as and with which role (null unless accepted). */
  userId: string | null;
  role: string | null;
  /** The exp of the JWT accepted (virtual ms), null otherwise. */
  expMs: number | null;
  /** Accepted without its denylist check (`RequestRecord.failedOpen`). */
  failedOpen: boolean;
  forged: ForgeHow | null;
}

export interface SimState {
  timeMs: number;
  seq: number;
  rng: RngState;
  options: SimOptions;
  users: Record<string, User>;
  clients: Record<string, Client>;
  lb: { rrIndex: number };
  servers: AppServer[];
  nextServerNumber: number;
  store: SessionStoreNode;
  keys: KeySetNode;
  issued: Record<string, IssuedToken>;
  /** The earliest `expiresAtMs` in `issued` (null when empty): signing prunes the record only once something in it is old enough. */
  issuedEarliestExpMs: number | null;
  /**
   * Requests in flight by id. Not an object: ids come and go by the thousand a second, and an object
   * keyed by ever-growing numbers is a slow hash table (3x slower per insert and delete than a Map);
   * nor a Map, whose table is rebuilt every few hundred inserts (byId.ts: a Map's interface over a ring).
   */
  requests: ById<RequestRecord>;
  recent: RequestRecord[];
  /** Every finished request's outcome in finishing order, bounded (see SERVED_CAPACITY in world.ts). */
  served: { entries: Served[]; total: number };
  nextRequestId: number;
  /** Messages on the wire by id: a Map's interface over a ring by id (byId.ts), as thousands a second come and go. */
  messages: ById<Message>;
  nextMessageId: number;
  queue: Queued<SimEvent>[];
  /** Request timeouts, in order (src/sim/agenda.ts). */
  timers: TimerLane;
  /** The users' next requests of a steady stream (`traffic`), in order (src/sim/agenda.ts). */
  repeats: TimerLane;
  /** The answers the app servers' busy cores finish, nearly in order (src/sim/agenda.ts). */
  backlog: TimerLane;
  /** The store's queued queries, each served when its core frees up, in order (src/sim/agenda.ts). */
  storeWork: TimerLane;
  revocations: Revocation[];
  /** Session ids lost with a crashed server's memory: a later refusal of one is the crash's cost (the table says it). */
  lostSessions: Record<string, true>;
  log: { entries: LogEntry[]; total: number };
  metrics: Metrics;
}
