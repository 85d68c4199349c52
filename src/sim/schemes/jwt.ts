// JWTs: the token carries the state. A server checks the signature with a public key from the key
// set (JWKS, cached like jose's remote key set), or with the HS256 secret it was given, and the
// claims against its own clock; nothing is looked up unless a denylist is on. Revoking means waiting for exp, or keeping a denylist.
import { algNoneToken, peekToken, tamperClaims, type PeekedToken } from '../../auth/jwtText';
import { applySetCookie, cookiesFor, serializeSetCookie } from '../../auth/cookies';
import { clockTime, plural, word } from '../../format';
import { timeLeft } from '../../formatSpans';
import { JWT_COOKIE, REFRESH_COOKIE } from '../cookieNames';
import { acceptedAlgorithms } from '../../auth/acceptance';
import type { Alg } from '../../auth/alg';
import { cpuWork } from '../nodes/cpu';
import { isHeldSecret, requestNewKey } from '../nodes/keySet';
import { revokeUserRefreshFamilies } from '../nodes/sessionStore';
import { clearCookie, cookieOf, countLookup, loggedOut, noteCheck, queueFull, refuseStoreUnreachable, reject, storeQuery, unexpectedReply, unreachable } from '../nodes/serverKit';
import { firstRequestHeader } from '../http';
import type { Client, LogEntry, SimState, StoreResult, VerifyOutcome } from '../types';
import { cookieContext, fromNumericDate, linkLatency, log, logLater, own, reserveSeq, send, shortId, wallMs } from '../world';
import { onRefreshIssued, onRefreshRotated, onSigned, refresh, refreshTokenOf, signAccessToken } from './jwtIssue';
import type { AuthScheme, Handling } from './scheme';
import { Remembered } from '../remembered';

/** A token a request carries, with its jti and alg as read before the signature check (null: none readable). */
interface Carried extends PeekedToken {
  token: string;
}

/** The token a request carries: a bearer header (single-page app) or the JWT cookie. */
function tokenOf(h: Handling): Carried | undefined {
  const auth = firstRequestHeader(h.req.httpRequest, 'authorization');
  if (auth?.startsWith('Bearer ')) return bearerTokens.of(auth);
  const token = cookieOf(h.req, JWT_COOKIE);
  return token ? carriedTokens.of(token) : undefined;
}

/**
 * The token of a bearer line, the same string each time for the same line, and its jti: a browser
 * sends one line with every request, and a new slice per request was hashed again by each lookup
 * after it (the lab's verdict memo), 4% of a lab run; the jti's own lookup by token was 1.6% more.
 */
const bearerTokens = new Remembered((line): Carried => carriedTokens.of(line.slice(7)));
/** A token as carried, one object per token (a cookie's, or a bearer line's), not one per request. */
const carriedTokens = new Remembered((token): Carried => ({ token, ...peekToken(token) }));

/**
 * What checking a token costs a server's core: the signature check of the algorithm its header
 * names (a token signed before a switch of algorithm is still checked, with its old key, during the
 * overlap), or nothing when jose refuses it before any signature work: an algorithm the servers do
 * not accept ("none", a withdrawn one), or a kid the server knows no key for.
 */
function checkCostMs(s: SimState, pending: { alg: string | null; kid: string | null }, accepted: readonly Alg[], kids: readonly string[]): number {
  const { alg, kid } = pending;
  return accepted.includes(alg as Alg) && kid !== null && kids.includes(kid) ? s.options.cryptoVerifyMs[alg as Alg] : 0;
}

function authenticate(h: Handling): void {
  const { t, server, req } = h;
  const { s } = t;
  const carried = tokenOf(h);
  if (!carried?.token) return reject(h, 'no_credentials');
  const { token, jti } = carried;
  if (jti !== null) req.credentialId = jti;
  req.pending = { for: 'verify', token, alg: carried.alg, kid: carried.kid, costMs: 0 };
  const cache = server.jwksCache;
  // Like jose's remote JWKS: a cache older than the refresh interval is fetched again (so a
  // withdrawn key stops verifying); a younger one is trusted, even for a kid it has not seen. An
  // HS256 token naming a secret the server was given is checked with it: no key set is fetched for
  // it (any other token may name a public key: an alg-confused one still learns that k2 is EdDSA's).
  const stale = cache.fetchedAtMs === null || s.timeMs - cache.fetchedAtMs >= s.options.jwksRefreshMs;
  if (stale && !(carried.alg === 'HS256' && s.keys.keys.some((k) => k.kid === carried.kid && isHeldSecret(k)))) return fetchKeySet(h);
  verify(h);
}

function fetchKeySet(h: Handling): void {
  const { t, server, req } = h;
  const { s } = t;
  req.stage = 'jwks-fetch';
  req.keySetFetches++;
  send(s, { id: 0, sendTimeMs: 0, recvTimeMs: 0, requestId: req.id, kind: 'jwks-fetch', from: server.id, to: 'jwks', credential: 'none', label: 'GET jwks', ok: null, reason: null }, linkLatency(s, s.options.latency.serverToJwksMs));
  const fetchedAt = server.jwksCache.fetchedAtMs;
  const why = fetchedAt === null ? 'has no copy of the key set yet' : `last fetched the key set ${Math.round((s.timeMs - fetchedAt) / 1000)} s ago`;
  log(s, 'key', `${server.id} ${why}: it fetches the key set (JWKS) before checking the signature.`, { requestId: req.id, nodeId: server.id });
}

function onKeySetReply(h: Handling, kids: string[]): void {
  const { t, server, req } = h;
  if (req.stage !== 'jwks-fetch') return unexpectedReply(h, 'the key set');
  server.jwksCache = { kids: [...kids], fetchedAtMs: t.s.timeMs };
  log(t.s, 'key', `${server.id} caches keys ${kids.join(', ') || '(none)'}.`, { requestId: req.id, nodeId: server.id });
  verify(h);
}

/** Each server's last `knownKids` answer, by its cache's list, with what it was worked out from. */
const lastKnown = new WeakMap<string[], { keys: readonly unknown[]; secrets: number; kids: string[] }>();

/**
 * The kids a server checks with: the public keys it cached from the key set, and the HS256 secrets
 * every server is given (by its configuration: never published, never fetched; held until withdrawn).
 * Without a secret, the cache's own list: shared, not copied (a fetch replaces it, never writes to it).
 */
export function knownKids(keys: readonly { kid: string; alg: string; ready: boolean }[], cached: string[]): string[] {
  let secrets = 0;
  for (const k of keys) if (isHeldSecret(k)) secrets++;
  if (secrets === 0) return cached;
  // Asked at every check (a lab's HS256 row makes ~100,000): each server's last list is kept while
  // its inputs stand (a key's arrival or readiness changes the count, a withdrawal the keys' list).
  // One list for all servers was remade at every check, as the balancer takes them in turn.
  const last = lastKnown.get(cached);
  if (last && last.keys === keys && last.secrets === secrets) return last.kids;
  const held = keys.filter(isHeldSecret).map((k) => k.kid);
  const kids = [...held, ...cached.filter((kid) => !held.includes(kid))];
  lastKnown.set(cached, { keys, secrets, kids });
  return kids;
}

/** Asks the driver for a real signature check, with what this server knows and its own clock. */
function verify(h: Handling): void {
  const { t, server, req } = h;
  const { s } = t;
  const o = s.options;
  if (req.pending?.for !== 'verify') return reject(h, 'no_credentials', 'The server lost track of the token to check.');
  req.stage = 'verify';
  const algorithms = acceptedAlgorithms(s.keys.keys);
  const kids = knownKids(s.keys.keys, server.jwksCache.kids);
  // Kept for onVerified, which counts it when the check is done.
  req.pending.costMs = checkCostMs(s, req.pending, algorithms, kids);
  t.effects.push({
    kind: 'verify',
    requestId: req.id,
    token: req.pending.token,
    knownKids: kids,
    // Every published key's algorithm: tokens signed before an algorithm change stay valid during
    // the overlap; the key named by kid must still match the token's alg (no alg confusion).
    algorithms,
    issuer: o.issuer,
    audience: o.audience,
    serverNowMs: wallMs(s, server.skewMs),
    clockToleranceMs: o.clockToleranceMs,
    dueTimeMs: cpuWork(s, server, req.pending.costMs),
    seq: reserveSeq(s),
  });
}

/** The driver's verdict on the signature and claims. */
function onVerified(h: Handling, outcome: VerifyOutcome): void {
  const { t, server, req } = h;
  const { s } = t;
  const costMs = req.pending?.for === 'verify' ? req.pending.costMs : 0;
  req.pending = null;
  // A token refused before its signature was worked out (no key for its kid, an algorithm refused) is no signature check.
  const signatureChecked = outcome.ok || outcome.signatureChecked;
  if (signatureChecked) {
    req.signatureVerifications++;
    server.signatureVerifications++;
    s.metrics.signatureVerifications++;
    if (req.kind === 'api') s.metrics.apiSignatureVerifications++;
  }
  // Counted when done, like the checks themselves (a backlogged server has booked more than it spent).
  s.metrics.verifyCpuMs += costMs;
  noteCheck(h, signatureChecked ? 'signature' : 'token', outcome.ok ? 'ok' : outcome.reason);
  if (!outcome.ok) return reject(h, outcome.reason, outcome.detail);
  const c = outcome.claims;
  // Shared, never written: the memo hands one claims object to every check of the same token.
  req.claims = c;
  req.subjectUserId = c.sub;
  req.credentialId = c.jti;
  req.credentialIssuedAtMs = own(s.issued, c.jti)?.issuedAtMs ?? fromNumericDate(c.iat);
  logLater(s, validLine, req.id, server.id, outcome.kid, c.sub, c.role, c.exp * 1000 - wallMs(s, server.skewMs), s.options.clockToleranceMs);
  if (!s.options.denylist) return h.authorized();
  storeQuery(h, { op: 'deny-check', key: c.jti, userId: c.sub, issuedAtMs: fromNumericDate(c.iat) }, 'denylist-check');
  countLookup(h);
}

function validLine(seq: number, timeMs: number, requestId: number, serverId: string, kid: string, sub: string, role: string, leftMs: number, toleranceMs: number): LogEntry {
  // Within the clock tolerance a token past its exp still passes: say so, never "-13 s left".
  const left = leftMs > 0 ? timeLeft(leftMs, 0) : `${timeLeft(leftMs, 0)} by its clock, within the ${Math.round(toleranceMs / 1000)} s tolerance`;
  return { seq, timeMs, kind: 'verify', text: `${serverId} checks the JWT's signature with key ${kid}: valid, ${sub} (role ${role}), ${left}.`, requestId, nodeId: serverId, ok: true };
}

function revoke(h: Handling): void {
  const { t, req } = h;
  const { s } = t;
  const userId = req.subjectUserId ?? '';
  const refreshToken = refreshTokenOf(h);
  if (!s.options.denylist && !(s.options.refreshTokens && refreshToken)) {
    // Nothing to delete anywhere: the logout "happens" only in this browser.
    s.revocations.push({ atMs: s.timeMs, userId, credentialId: req.credentialId, what: `${userId} logs out` });
    return loggedOutHere(h);
  }
  const expMs = fromNumericDate(req.claims?.exp ?? 0);
  storeQuery(h, { op: 'token-revoke', key: req.credentialId ?? '', value: { expMs, denylist: s.options.denylist, refreshToken, userId } }, 'revoke');
}

function loggedOutHere(h: Handling): void {
  const o = h.t.s.options;
  const headers = o.delivery === 'cookie' ? [clearCookie(JWT_COOKIE), clearCookie(REFRESH_COOKIE)] : [];
  const effect = o.denylist
    ? `puts token ${shortId(h.req.credentialId ?? '')} on the denylist`
    : 'has nothing to delete: the token stays valid until it expires, wherever a copy of it exists';
  loggedOut(h, headers, effect);
}

function onStoreReply(h: Handling, result: StoreResult): void {
  const { t, server, req } = h;
  const { s } = t;
  const down = unreachable(result);
  if (down) {
    const full = queueFull(s, down);
    if (req.stage !== 'denylist-check') return refuseStoreUnreachable(h, down);
    if (s.options.denylistFailMode === 'closed') {
      // Refused on the denylist, not the signature: the chip showed "signature ✓" beside the refusal.
      noteCheck(h, 'denylist', down);
      return reject(h, down, `The denylist is unreachable${full} and the server fails closed.`);
    }
    log(s, 'store', `${server.id} cannot reach the denylist${full} and fails open: it trusts the signature alone.`, { requestId: req.id, nodeId: server.id });
    req.failedOpen = true;
    return h.authorized();
  }
  switch (req.stage) {
    case 'denylist-check': {
      const listed = 'listed' in result && result.listed;
      noteCheck(h, 'denylist', listed ? 'token_revoked' : 'ok');
      const cutOffMs = 'revokedUserAtMs' in result ? result.revokedUserAtMs : undefined;
      if (cutOffMs !== undefined) return reject(h, 'token_revoked', `Token ${shortId(req.credentialId ?? '')} has an iat (${clockTime(fromNumericDate(req.claims?.iat ?? 0), 0)}) up to the denylist's cut-off for ${req.subjectUserId} (${clockTime(cutOffMs, 1)}, set by a ban or a log-out-everywhere): the denylist refuses it.`);
      if (listed) return reject(h, 'token_revoked', `Token ${shortId(req.credentialId ?? '')} is on the denylist.`);
      return h.authorized();
    }
    case 'refresh-issue':
      return onRefreshIssued(h);
    case 'refresh-rotate':
      return onRefreshRotated(h, result);
    case 'revoke':
      return loggedOutHere(h);
    default:
      return unexpectedReply(h, 'a store reply');
  }
}

/**
 * A stateless issuer keeps no list of a user's tokens, so a denylist cannot name them one by one:
 * it takes the user's id with a cut-off, and refuses every token of theirs whose iat is up to it.
 * Without a denylist nothing can be refused: only the refresh families can be stopped.
 */
function revokeUser(s: SimState, userId: string, what: string): void {
  const families = revokeUserRefreshFamilies(s, userId);
  const refreshNote = families ? ` ${plural(families, 'refresh-token family')} revoked.` : '';
  if (s.options.denylist) {
    // In the issuers' time, as iat is: by the fastest server's clock, so no token issued before now
    // has a later iat (one 20 s fast stamped its tokens past a cut-off in true time, and they got in).
    const cutOffMs = s.timeMs + (s.servers.length ? Math.max(...s.servers.map((sv) => sv.skewMs)) : 0);
    s.store.revokedUsers[userId] = cutOffMs;
    return log(s, 'action', `${what}: ${userId}'s id goes on the denylist with a cut-off of ${clockTime(cutOffMs, 1)}, so every token of theirs with an iat up to it is refused (iat counts whole seconds: a new login in the same second is refused too).${refreshNote}`);
  }
  // What the servers cannot know, the narrator can: how long the tokens already handed out stay good.
  const live = Object.values(s.issued).filter((i) => i.userId === userId && i.expiresAtMs > s.timeMs);
  const until = live.length ? Math.max(...live.map((i) => i.expiresAtMs)) : s.timeMs;
  // With none live, "so no issued token is still valid" read as if keeping no list made them invalid
  // (a11y review). What is true of the tokens alone: a ban, a log-out everywhere and a password change
  // all say this, and a server's clock tolerance may still take a token past its exp.
  const everIssued = Object.values(s.issued).some((i) => i.userId === userId);
  const stays = live.length
    ? `so ${plural(live.length, 'issued token')} ${word(live.length, 'stays', 'stay')} valid for ${live.length > 1 ? 'up to ' : ''}${Math.round((until - s.timeMs) / 1000)} s more, until exp`
    : everIssued
      ? `and every token issued to ${userId} is already past its exp`
      : `and no token has been issued to ${userId} yet`;
  log(s, 'action', `${what}: the servers keep no list of tokens, ${stays}.${refreshNote}`);
}

/** Edits the token the client holds, as a user with devtools open would: the signature no longer matches. */
function forge(s: SimState, client: Client, how: 'role-admin' | 'alg-none'): void {
  // Unsigned, the claims are forged too: alg "none" is how an attacker hopes forged claims pass (kept "user", it gained nothing: learner review).
  const admin = (token: string) => tamperClaims(token, { role: 'admin' });
  const edit = (token: string) => (how === 'alg-none' ? algNoneToken(admin(token)) : admin(token));
  const what = how === 'alg-none' ? 'edits the payload to role "admin", sets the header to alg "none" and drops the signature' : 'edits the payload to role "admin" without re-signing';
  if (client.storage.accessToken) {
    client.storage.accessToken = edit(client.storage.accessToken);
    client.forged = how;
    return log(s, 'action', `${client.id} ${what}.`, { nodeId: client.id });
  }
  const cookie = cookiesFor(client.jar, cookieContext(s)).find((c) => c.name === JWT_COOKIE);
  if (!cookie) return log(s, 'note', `${client.id} holds no token to tamper with.`);
  client.jar = applySetCookie(client.jar, serializeSetCookie({ name: JWT_COOKIE, value: edit(cookie.value), path: '/', secure: true, httpOnly: true, sameSite: 'Lax' }), cookieContext(s)).jar;
  client.forged = how;
  log(s, 'action', `${client.id} ${what}.`, { nodeId: client.id });
}

export const jwtScheme: AuthScheme = {
  joining: (s) => (s.keys.keys.some((k) => k.ready && k.alg !== 'HS256') ? ', with no public key cached yet: it fetches the key set for the first token signed with one' : ''),
  carries: (sent) => sent.bearer || sent.hasCookie(JWT_COOKIE),
  start: (t) => void requestNewKey(t),
  authenticate,
  issue: (h, userId) => signAccessToken(h, userId, null),
  refresh,
  revoke,
  onStoreReply,
  onKeySetReply,
  onSigned,
  onVerified,
  // The server acts on what the token says: the role when it was signed.
  roleFor: (req) => req.claims?.role ?? 'user',
  named: () => 'the JWT',
  revokeUser,
  rotateKey: requestNewKey,
  forge,
};
