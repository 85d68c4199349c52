// An app server: routes a request, authenticates it (store lookup for a session, signature check
// for a JWT, then the optional denylist), and answers. Work that needs the store, the key set or
// real crypto leaves as a message or an effect; the request's `stage` says where to resume.
import { serializeSetCookie } from '../../auth/cookies';
import { decodeJwtParts } from '../../auth/jwtText';
import { bodyOf, headerValues, parseCookieHeader, utf8Bytes } from '../http';
import { describeReason, statusFor, type ReasonCode } from '../../reasons';
import { randomId128 } from '../rng';
import type { AppServer, Message, RequestRecord, SessionRecord, SimState, StoreOp, VerifyOutcome } from '../types';
import { fromNumericDate, linkLatency, log, own, reserveSeq, send, shortId, wallMs, type Tick } from '../world';
import { JWT_COOKIE, REFRESH_COOKIE, SESSION_COOKIE } from './browser';
import { acceptedAlgorithms } from './keySet';
import { respondTo } from './respond';
import type { StoreResult } from './sessionStore';
import { timeLeft } from '../../format';

// "The token…" reads "the token…" mid-sentence; "JWT…" and ids stay as they are.
const lowerFirst = (text: string) => (/^[A-Z][a-z]/.test(text) ? text.charAt(0).toLowerCase() + text.slice(1) : text);
const serverOf = (s: SimState, id: string | null): AppServer | undefined => s.servers.find((sv) => sv.id === id);
const cookiesOf = (req: RequestRecord) => parseCookieHeader(headerValues(req.httpRequest, 'Cookie')[0] ?? '');

function bodyJson(req: RequestRecord): Record<string, unknown> {
  try {
    return JSON.parse(bodyOf(req.httpRequest) || '{}') as Record<string, unknown>;
  } catch {
    return {};
  }
}

export function onMessage(t: Tick, msg: Message): void {
  const { s } = t;
  const server = serverOf(s, msg.to);
  const req = s.requests[msg.requestId];
  if (!req) return;
  if (!server?.up) {
    // A dead server answers nothing: the browser will time out.
    log(s, 'server', `${msg.to} is down: the ${msg.kind} for request #${req.id} is lost.`, { requestId: req.id, nodeId: msg.to, ok: false });
    return;
  }
  if (msg.kind === 'request') onRequest(t, server, req);
  else if (!stillWorking(t, server, req)) return;
  else if (msg.kind === 'store-reply') onStoreReply(t, server, req, msg.storeResult as StoreResult);
  else if (msg.kind === 'jwks-reply') onJwksReply(t, server, req, msg.storeResult as string[]);
}

/**
 * A reply or a crypto result for work a server's previous process started: the restart wiped it,
 * so nothing answers and the browser times out (said in the log, not dropped in silence).
 */
function stillWorking(t: Tick, server: AppServer | undefined, req: RequestRecord): server is AppServer {
  if (!server) return false;
  if (!server.up) {
    log(t.s, 'server', `${server.id} is down: its work on request #${req.id} is lost.`, { requestId: req.id, nodeId: server.id, ok: false });
    return false;
  }
  if (req.serverReceivedAtMs === null || req.serverReceivedAtMs >= server.bootedAtMs) return true;
  log(t.s, 'server', `${server.id} restarted after taking request #${req.id}: that work is lost and the browser will time out.`, { requestId: req.id, nodeId: server.id, ok: false });
  return false;
}

function onRequest(t: Tick, server: AppServer, req: RequestRecord): void {
  server.handled++;
  req.serverReceivedAtMs = t.s.timeMs;
  const headerBytes = utf8Bytes(req.httpRequest.slice(0, req.httpRequest.indexOf('\r\n\r\n') + 4));
  if (headerBytes > t.s.options.maxHeaderBytes) return reject(t, server, req, 'header_too_large', `The headers take ${headerBytes} bytes; this server accepts at most ${t.s.options.maxHeaderBytes}.`);
  if (req.kind === 'login') login(t, server, req);
  else if (req.kind === 'refresh') refresh(t, server, req);
  else authenticate(t, server, req);
}

// ---- authentication -------------------------------------------------------------------------

function authenticate(t: Tick, server: AppServer, req: RequestRecord): void {
  if (t.s.options.mode === 'session') authenticateSession(t, server, req);
  else authenticateJwt(t, server, req);
}

function authenticateSession(t: Tick, server: AppServer, req: RequestRecord): void {
  const { s } = t;
  const sid = cookiesOf(req)[SESSION_COOKIE];
  if (!sid) return reject(t, server, req, 'no_credentials');
  req.credentialId = sid;
  if (s.options.sessionStorage === 'local') {
    if (req.kind === 'api') s.metrics.apiMemoryLookups++;
    const record = own(server.localSessions, sid);
    const now = s.timeMs + server.skewMs;
    if (record && now >= record.expiresAtMs) delete server.localSessions[sid];
    const live = record && now < record.expiresAtMs ? record : null;
    if (live) {
      // Sliding idle timeout, as the shared store does: every use pushes expiry out.
      live.lastSeenAtMs = now;
      live.expiresAtMs = Math.min(now + s.options.sessionIdleMs, live.absoluteExpiresAtMs);
    }
    return sessionDecided(t, server, req, live, !!record && !live, 'its own memory');
  }
  storeQuery(t, server, req, { op: 'session-get', key: sid }, 'session-lookup');
  countLookup(s, server, req);
  log(s, 'store', `${server.id} looks up session ${shortId(sid)} in the shared store.`, { requestId: req.id, nodeId: server.id });
}

function sessionDecided(t: Tick, server: AppServer, req: RequestRecord, record: SessionRecord | null, expired: boolean, where: string): void {
  server.lastCheck = { requestId: req.id, kind: 'lookup', ok: !!record, atMs: t.s.timeMs, reason: record ? 'ok' : expired ? 'session_expired' : 'session_unknown' };
  if (!record) return reject(t, server, req, expired ? 'session_expired' : 'session_unknown', `Session ${shortId(req.credentialId ?? '')} is not in ${where}.`);
  req.subjectUserId = record.userId;
  req.credentialIssuedAtMs = record.createdAtMs;
  authorized(t, server, req);
}

function bearerToken(req: RequestRecord): string | undefined {
  const auth = headerValues(req.httpRequest, 'Authorization')[0];
  if (auth?.startsWith('Bearer ')) return auth.slice(7);
  return cookiesOf(req)[JWT_COOKIE];
}

function authenticateJwt(t: Tick, server: AppServer, req: RequestRecord): void {
  const { s } = t;
  const token = bearerToken(req);
  if (!token) return reject(t, server, req, 'no_credentials');
  const parts = decodeJwtParts(token);
  if (parts.ok && typeof parts.payload.jti === 'string') req.credentialId = parts.payload.jti;
  req.pending.token = token;
  const cache = server.jwksCache;
  // Like jose's remote JWKS: a cache older than the refresh interval is fetched again (so a
  // withdrawn key stops verifying); a younger one is trusted, even for a kid it has not seen.
  const stale = cache.fetchedAtMs === null || s.timeMs - cache.fetchedAtMs >= s.options.jwksRefreshMs;
  if (stale) return fetchJwks(t, server, req);
  verify(t, server, req);
}

function fetchJwks(t: Tick, server: AppServer, req: RequestRecord): void {
  const { s } = t;
  req.stage = 'jwks-fetch';
  send(s, { requestId: req.id, kind: 'jwks-fetch', from: server.id, to: 'jwks', credential: 'none', label: 'GET jwks', ok: null, reason: null }, linkLatency(s, s.options.latency.serverToJwksMs));
  const fetchedAt = server.jwksCache.fetchedAtMs;
  const why = fetchedAt === null ? 'has no keys cached yet' : `last fetched the key set ${Math.round((s.timeMs - fetchedAt) / 1000)} s ago`;
  log(s, 'key', `${server.id} ${why}: it fetches the key set (JWKS) before checking the signature.`, { requestId: req.id, nodeId: server.id });
}

function onJwksReply(t: Tick, server: AppServer, req: RequestRecord, kids: string[]): void {
  server.jwksCache = { kids: [...kids], fetchedAtMs: t.s.timeMs };
  log(t.s, 'key', `${server.id} caches keys ${kids.join(', ') || '(none)'}.`, { requestId: req.id, nodeId: server.id });
  verify(t, server, req);
}

function verify(t: Tick, server: AppServer, req: RequestRecord): void {
  const { s } = t;
  const o = s.options;
  req.stage = 'verify';
  t.effects.push({
    kind: 'verify',
    requestId: req.id,
    token: String(req.pending.token),
    knownKids: [...server.jwksCache.kids],
    // Every published key's algorithm: tokens signed before an algorithm change stay valid during
    // the overlap; the key named by kid must still match the token's alg (no alg confusion).
    algorithms: acceptedAlgorithms(s.keys.keys),
    issuer: o.issuer,
    audience: o.audience,
    serverNowMs: wallMs(s, server.skewMs),
    clockToleranceMs: o.clockToleranceMs,
    dueTimeMs: s.timeMs + o.cryptoVerifyMs[o.alg],
    seq: reserveSeq(s),
  });
}

/** How long after its exp a token's record is kept: revocation, the inspector and the invariants still find it. */
const ISSUED_KEPT_AFTER_EXP_MS = 10 * 60_000;

/** The record of issued tokens holds the live ones and those expired in the last ten minutes: bounded by rate, not by run length. */
function pruneIssued(s: SimState): void {
  const before = s.timeMs - ISSUED_KEPT_AFTER_EXP_MS;
  for (const [jti, token] of Object.entries(s.issued)) if (token.expiresAtMs < before) delete s.issued[jti];
}

/** The driver's verdict on a signature comes back. */
export function onVerified(t: Tick, requestId: number, outcome: VerifyOutcome): void {
  const { s } = t;
  const req = s.requests[requestId];
  if (!req) return;
  const server = serverOf(s, req.serverId);
  if (!stillWorking(t, server, req)) return;
  req.signatureVerifications++;
  server.signatureVerifications++;
  s.metrics.signatureVerifications++;
  server.lastCheck = { requestId, kind: 'signature', ok: outcome.ok, atMs: s.timeMs, reason: outcome.ok ? 'ok' : outcome.reason };
  if (!outcome.ok) return reject(t, server, req, outcome.reason, outcome.detail);
  const c = outcome.claims;
  req.claims = { ...c };
  req.subjectUserId = c.sub;
  req.credentialId = c.jti;
  req.credentialIssuedAtMs = s.issued[c.jti]?.issuedAtMs ?? fromNumericDate(c.iat);
  // Within the clock tolerance a token past its exp still passes: say so, never "-13 s left".
  const leftMs = c.exp * 1000 - wallMs(s, server.skewMs);
  const left = leftMs > 0 ? timeLeft(leftMs, 0) : `${timeLeft(leftMs, 0)} by its clock, within the ${Math.round(s.options.clockToleranceMs / 1000)} s tolerance`;
  log(s, 'verify', `${server.id} checks the JWT's signature with key ${outcome.kid}: valid, ${c.sub} (role ${c.role}), ${left}.`, { requestId, nodeId: server.id, ok: true });
  if (s.options.denylist) {
    storeQuery(t, server, req, { op: 'deny-check', key: c.jti }, 'denylist-check');
    countLookup(s, server, req);
    return;
  }
  authorized(t, server, req);
}

/** The credential is good: do what the request asked. */
function authorized(t: Tick, server: AppServer, req: RequestRecord): void {
  if (req.kind === 'logout') logout(t, server, req);
  else accept(t, server, req);
}

function accept(t: Tick, server: AppServer, req: RequestRecord): void {
  const { s } = t;
  const userId = req.subjectUserId ?? '';
  // A session reads the user's current role; a JWT can only say what was true when it was signed.
  const role = s.options.mode === 'session' ? (own(s.users, userId)?.role ?? 'user') : String(req.claims?.role ?? 'user');
  req.reason = 'ok';
  req.actedAsRole = role;
  req.decidedAtMs = s.timeMs;
  req.checkedAtMs ??= s.timeMs;
  countIfRevoked(s, req);
  // The stale-claims lesson: what the server acted on versus what is true right now.
  const current = own(s.users, userId)?.role;
  if (current !== undefined && role !== current) s.metrics.staleRoleAccepts++;
  respondTo(s, req, server.id, 200, [], JSON.stringify({ user: userId, role, server: server.id }));
  const how = s.options.mode === 'session' ? `session ${shortId(req.credentialId ?? '')}` : 'the JWT';
  log(s, 'server', `${server.id} accepts ${how}: ${userId} (role ${role}).`, { requestId: req.id, nodeId: server.id, ok: true, reason: 'ok' });
}

/** Requests accepted after their credential was revoked: the exposure the revocation lesson measures. */
function countIfRevoked(s: SimState, req: RequestRecord): void {
  const checkedAt = req.checkedAtMs ?? s.timeMs;
  const hit = s.revocations.find(
    (r) =>
      r.atMs < checkedAt &&
      r.userId === req.subjectUserId &&
      (req.credentialIssuedAtMs ?? 0) <= r.atMs &&
      (r.credentialId === null || r.credentialId === req.credentialId),
  );
  if (!hit) return;
  s.metrics.acceptedAfterRevocation++;
  s.metrics.exposureMs = Math.max(s.metrics.exposureMs, checkedAt - hit.atMs);
}

function reject(t: Tick, server: AppServer, req: RequestRecord, reason: ReasonCode, detail?: string): void {
  const { s } = t;
  req.reason = reason;
  req.detail = detail ?? describeReason(reason);
  req.decidedAtMs = s.timeMs;
  respondTo(s, req, server.id, statusFor(reason), [], JSON.stringify({ error: reason }));
  log(s, 'server', `${server.id} rejects ${req.method} ${req.path}: ${reason} (${lowerFirst(req.detail.replace(/\.$/, ''))}).`, { requestId: req.id, nodeId: server.id, reason, ok: false });
}

// ---- the store ------------------------------------------------------------------------------

function storeQuery(t: Tick, server: AppServer, req: RequestRecord, op: StoreOp, stage: RequestRecord['stage']): void {
  const { s } = t;
  req.stage = stage;
  const label = op.op === 'session-get' ? `GET ${shortId(op.key)}` : op.op === 'deny-check' ? 'denylist?' : op.op;
  send(s, { requestId: req.id, kind: 'store-query', from: server.id, to: 'store', credential: req.credential, label, ok: null, reason: null, storeOp: op }, linkLatency(s, s.options.latency.serverToStoreMs));
}

/** An authentication lookup in the shared store, counted per request, per server and per run. */
function countLookup(s: SimState, server: AppServer, req: RequestRecord): void {
  req.storeLookups++;
  server.storeLookups++;
  s.metrics.storeLookups++;
  if (req.kind === 'api') s.metrics.apiStoreLookups++;
}

function onStoreReply(t: Tick, server: AppServer, req: RequestRecord, result: StoreResult): void {
  const { s } = t;
  if ('unavailable' in result) return storeUnavailable(t, server, req, 'store_unavailable');
  if ('overloaded' in result) return storeUnavailable(t, server, req, 'overloaded');
  switch (req.stage) {
    case 'session-lookup':
      if ('found' in result) sessionDecided(t, server, req, result.found ? result.record : null, !result.found && result.expired, 'the store');
      return;
    case 'denylist-check': {
      const listed = 'listed' in result && result.listed;
      server.lastCheck = { requestId: req.id, kind: 'denylist', ok: !listed, atMs: s.timeMs, reason: listed ? 'token_revoked' : 'ok' };
      if (listed) return reject(t, server, req, 'token_revoked', `Token ${shortId(req.credentialId ?? '')} is on the denylist.`);
      return authorized(t, server, req);
    }
    case 'session-create':
      return respondSessionLogin(t, server, req, String(req.pending.sid));
    case 'refresh-issue':
      return respondTokens(t, server, req, String(req.pending.access), String(req.pending.refresh));
    case 'refresh-rotate':
      return onRefreshRotated(t, server, req, result);
    case 'revoke':
      return respondLogout(t, server, req);
    default:
      // Every stage that queries the store is handled above; say so if one is ever missed.
      return log(s, 'note', `${server.id} got a store reply for request #${req.id} at stage ${req.stage}, which expects none: ignored.`, { requestId: req.id, nodeId: server.id, ok: false });
  }
}

/** No answer from the store (down, or its queue full): a denylist check follows its fail mode, anything else is refused. */
function storeUnavailable(t: Tick, server: AppServer, req: RequestRecord, reason: 'store_unavailable' | 'overloaded'): void {
  const { s } = t;
  const full = reason === 'overloaded' ? ` (its queue is full: ${s.options.storeQueueMax} queries wait)` : '';
  if (req.stage === 'denylist-check' && s.options.denylistFailMode === 'open') {
    log(s, 'store', `${server.id} cannot reach the denylist${full} and fails open: it trusts the signature alone.`, { requestId: req.id, nodeId: server.id });
    return authorized(t, server, req);
  }
  const what = req.stage === 'denylist-check' ? `The denylist is unreachable${full} and the server fails closed.` : `The session store is unreachable${full}.`;
  reject(t, server, req, reason, what);
}

// ---- login, refresh and logout --------------------------------------------------------------

function login(t: Tick, server: AppServer, req: RequestRecord): void {
  const { s } = t;
  const user = own(s.users, String(bodyJson(req).username ?? ''));
  if (!user) return reject(t, server, req, 'no_credentials', 'No such user.');
  if (user.banned) return reject(t, server, req, 'user_banned', `${user.id} is banned and cannot log in.`);
  req.subjectUserId = user.id;
  if (s.options.mode === 'session') return createSession(t, server, req, user.id);
  signAccessToken(t, server, req, user.id);
}

function createSession(t: Tick, server: AppServer, req: RequestRecord, userId: string): void {
  const { s } = t;
  const now = s.options.sessionStorage === 'local' ? s.timeMs + server.skewMs : s.timeMs;
  const sid = randomId128(s.rng);
  const record: SessionRecord = { id: sid, userId, createdAtMs: now, lastSeenAtMs: now, expiresAtMs: Math.min(now + s.options.sessionIdleMs, now + s.options.sessionAbsoluteMs), absoluteExpiresAtMs: now + s.options.sessionAbsoluteMs };
  req.credentialId = sid;
  if (s.options.sessionStorage === 'local') {
    server.localSessions[sid] = record;
    return respondSessionLogin(t, server, req, sid);
  }
  req.pending.sid = sid;
  storeQuery(t, server, req, { op: 'session-set', key: sid, value: record }, 'session-create');
}

function respondSessionLogin(t: Tick, server: AppServer, req: RequestRecord, sid: string): void {
  const { s } = t;
  req.reason = 'ok';
  req.decidedAtMs = s.timeMs;
  const cookie = serializeSetCookie({ name: SESSION_COOKIE, value: sid, path: '/', secure: true, httpOnly: true, sameSite: 'Lax' });
  respondTo(s, req, server.id, 200, [['Set-Cookie', cookie]], JSON.stringify({ user: req.subjectUserId }));
  const where = s.options.sessionStorage === 'local' ? `in ${server.id}'s own memory` : 'in the shared store';
  log(s, 'server', `${server.id} logs ${req.subjectUserId} in: a new random session id ${shortId(sid)} is kept ${where}; the browser gets only the id in a cookie.`, { requestId: req.id, nodeId: server.id, ok: true, reason: 'ok' });
}

function signAccessToken(t: Tick, server: AppServer, req: RequestRecord, userId: string): void {
  const { s } = t;
  const o = s.options;
  const user = s.users[userId]!;
  const kid = s.keys.activeKid;
  if (!kid) return reject(t, server, req, 'kid_unknown', 'No signing key is ready yet.');
  const iat = Math.floor(wallMs(s, server.skewMs) / 1000);
  const jti = randomId128(s.rng);
  req.pending.jti = jti;
  req.stage = 'sign';
  t.effects.push({
    kind: 'sign',
    requestId: req.id,
    kid,
    claims: { ...user.extraClaims, sub: userId, role: user.role, jti, iat, exp: iat + Math.round(o.tokenTtlMs / 1000), iss: o.issuer, aud: o.audience },
    dueTimeMs: s.timeMs + o.cryptoSignMs[o.alg],
    seq: reserveSeq(s),
  });
}

/** The driver has signed the token: remember it was issued, then hand it over. */
export function onSigned(t: Tick, requestId: number, token: string): void {
  const { s } = t;
  const req = s.requests[requestId];
  if (!req) return;
  const server = serverOf(s, req.serverId);
  if (!stillWorking(t, server, req)) return;
  const parts = decodeJwtParts(token);
  const exp = parts.ok ? Number(parts.payload.exp) : 0;
  const jti = String(req.pending.jti);
  pruneIssued(s);
  s.issued[jti] = { jti, userId: req.subjectUserId ?? '', clientId: req.clientId, issuedAtMs: s.timeMs, expiresAtMs: fromNumericDate(exp) };
  s.metrics.tokensIssued++;
  req.credentialId = jti;
  if (req.kind === 'refresh') return respondTokens(t, server, req, token, String(req.pending.refresh));
  if (!s.options.refreshTokens) return respondTokens(t, server, req, token, null);
  const refreshToken = randomId128(s.rng);
  req.pending.access = token;
  req.pending.refresh = refreshToken;
  const record = { token: refreshToken, familyId: randomId128(s.rng), userId: req.subjectUserId ?? '', used: false, expiresAtMs: s.timeMs + s.options.refreshTtlMs };
  storeQuery(t, server, req, { op: 'refresh-put', key: refreshToken, value: record }, 'refresh-issue');
}

function respondTokens(t: Tick, server: AppServer, req: RequestRecord, access: string, refreshToken: string | null): void {
  const { s } = t;
  const o = s.options;
  req.reason = 'ok';
  req.decidedAtMs = s.timeMs;
  const ttlS = Math.round(o.tokenTtlMs / 1000);
  if (o.delivery === 'cookie') {
    const headers: [string, string][] = [['Set-Cookie', serializeSetCookie({ name: JWT_COOKIE, value: access, path: '/', secure: true, httpOnly: true, sameSite: 'Lax', maxAgeSec: ttlS })]];
    if (refreshToken) headers.push(['Set-Cookie', serializeSetCookie({ name: REFRESH_COOKIE, value: refreshToken, path: '/', secure: true, httpOnly: true, sameSite: 'Strict', maxAgeSec: Math.round(o.refreshTtlMs / 1000) })]);
    respondTo(s, req, server.id, 200, headers, JSON.stringify({ user: req.subjectUserId }));
  } else {
    const body: Record<string, unknown> = { access_token: access, token_type: 'Bearer', expires_in: ttlS };
    if (refreshToken) body.refresh_token = refreshToken;
    respondTo(s, req, server.id, 200, [], JSON.stringify(body));
  }
  const what = req.kind === 'refresh' ? 'rotates the refresh token and issues' : 'logs the user in and issues';
  log(s, 'server', `${server.id} ${what} a signed JWT (${o.alg}, ${ttlS} s) for ${req.subjectUserId}; it stores nothing about it.`, { requestId: req.id, nodeId: server.id, ok: true, reason: 'ok' });
}

function refresh(t: Tick, server: AppServer, req: RequestRecord): void {
  const token = String(bodyJson(req).refresh_token ?? cookiesOf(req)[REFRESH_COOKIE] ?? '');
  if (!token) return reject(t, server, req, 'no_credentials', 'No refresh token was sent.');
  req.credentialId = token;
  storeQuery(t, server, req, { op: 'refresh-rotate', key: token }, 'refresh-rotate');
}

function onRefreshRotated(t: Tick, server: AppServer, req: RequestRecord, result: StoreResult): void {
  if (!('refresh' in result)) return;
  if (result.refresh !== 'ok') return reject(t, server, req, result.refresh === 'reused' ? 'refresh_reused' : 'refresh_invalid');
  const user = own(t.s.users, result.userId);
  if (!user || user.banned) return reject(t, server, req, 'user_banned', `${result.userId} is banned: no new token.`);
  req.subjectUserId = user.id;
  req.pending.refresh = result.token;
  signAccessToken(t, server, req, user.id);
}

function logout(t: Tick, server: AppServer, req: RequestRecord): void {
  const { s } = t;
  const userId = req.subjectUserId ?? '';
  // The revocation takes effect where the deletion happens: here for local memory, else in the store.
  const revokedHere = () => s.revocations.push({ atMs: s.timeMs, userId, credentialId: req.credentialId, what: `${userId} logs out` });
  if (s.options.mode === 'session') {
    const sid = req.credentialId ?? '';
    if (s.options.sessionStorage === 'local') {
      delete server.localSessions[sid];
      revokedHere();
      return respondLogout(t, server, req);
    }
    return storeQuery(t, server, req, { op: 'session-del', key: sid }, 'revoke');
  }
  const refreshToken = (bodyJson(req).refresh_token as string | undefined) ?? cookiesOf(req)[REFRESH_COOKIE] ?? null;
  if (!s.options.denylist && !(s.options.refreshTokens && refreshToken)) {
    revokedHere();
    return respondLogout(t, server, req);
  }
  const expMs = fromNumericDate(Number(req.claims?.exp ?? 0));
  storeQuery(t, server, req, { op: 'token-revoke', key: req.credentialId ?? '', value: { expMs, denylist: s.options.denylist, refreshToken, userId } }, 'revoke');
}

function respondLogout(t: Tick, server: AppServer, req: RequestRecord): void {
  const { s } = t;
  req.reason = 'ok';
  req.decidedAtMs = s.timeMs;
  const clear = (name: string) => ['Set-Cookie', serializeSetCookie({ name, value: '', path: '/', secure: true, httpOnly: true, sameSite: 'Lax', maxAgeSec: 0 })] as [string, string];
  const headers = s.options.mode === 'session' ? [clear(SESSION_COOKIE)] : s.options.delivery === 'cookie' ? [clear(JWT_COOKIE), clear(REFRESH_COOKIE)] : [];
  respondTo(s, req, server.id, 200, headers, JSON.stringify({ loggedOut: true }));
  const effect =
    s.options.mode === 'session'
      ? `deletes session ${shortId(req.credentialId ?? '')}: that id is now worthless`
      : s.options.denylist
        ? `puts token ${shortId(req.credentialId ?? '')} on the denylist`
        : 'has nothing to delete: the token stays valid until it expires, wherever a copy of it exists';
  log(s, 'server', `${server.id} logs ${req.subjectUserId} out and ${effect}.`, { requestId: req.id, nodeId: server.id, ok: true, reason: 'ok' });
}
