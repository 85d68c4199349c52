// The JWT world's issuer side: signing an access token at login (through the driver's real
// crypto), handing it over in a body or a cookie, and rotating refresh tokens. It stores nothing
// about an access token; the record of issued tokens is the model's memory for the lessons.
import { serializeSetCookie } from '../../auth/cookies';
import { decodeJwtParts } from '../../auth/jwtText';
import { JWT_COOKIE, REFRESH_COOKIE } from '../cookieNames';
import { cpuWork } from '../nodes/cpu';
import { answerOk, bodyJson, cookieOf, countLookup, reject, storeQuery } from '../nodes/serverKit';
import { randomId128 } from '../rng';
import type { Alg, IssuedToken, SimState, StoreResult } from '../types';
import { fromNumericDate, log, own, reserveSeq, wallMs } from '../world';
import type { Handling } from './scheme';

/** How long after its exp a token's record is kept: revocation, the inspector and the invariants still find it. */
const ISSUED_KEPT_AFTER_EXP_MS = 10 * 60_000;

/** The record of issued tokens holds the live ones and those expired in the last ten minutes: bounded by rate, not by run length. */
function pruneIssued(s: SimState): void {
  const before = s.timeMs - ISSUED_KEPT_AFTER_EXP_MS;
  // Nothing old enough yet: no walk (a walk per signing made 10,000 users' logins quadratic).
  if (s.issuedEarliestExpMs === null || s.issuedEarliestExpMs >= before) return;
  let earliest: number | null = null;
  for (const jti of Object.keys(s.issued)) {
    const expiresAtMs = s.issued[jti]!.expiresAtMs;
    if (expiresAtMs < before) delete s.issued[jti];
    else earliest = earliest === null ? expiresAtMs : Math.min(earliest, expiresAtMs);
  }
  s.issuedEarliestExpMs = earliest;
}

function recordIssued(s: SimState, token: IssuedToken): void {
  pruneIssued(s);
  s.issued[token.jti] = token;
  s.issuedEarliestExpMs = s.issuedEarliestExpMs === null ? token.expiresAtMs : Math.min(s.issuedEarliestExpMs, token.expiresAtMs);
}

/** Asks the driver to sign an access token for the user (a login, or a refresh with its rotated refresh token). */
export function signAccessToken(h: Handling, userId: string, rotatedRefresh: string | null): void {
  const { t, req } = h;
  const { s } = t;
  const o = s.options;
  const user = own(s.users, userId);
  const kid = s.keys.activeKid;
  // The signing key's algorithm, not the options': just after a switch of algorithm the new key is not ready yet.
  const alg = s.keys.keys.find((k) => k.kid === kid)?.alg;
  if (!user) return reject(h, 'no_credentials', 'No such user.');
  if (!kid || !alg) return reject(h, 'kid_unknown', 'No signing key is ready yet.');
  const iat = Math.floor(wallMs(s, h.server.skewMs) / 1000);
  const jti = randomId128(s.rng);
  req.pending = { for: 'sign', jti, refreshToken: rotatedRefresh, alg };
  req.stage = 'sign';
  t.effects.push({
    kind: 'sign',
    requestId: req.id,
    kid,
    claims: { ...user.extraClaims, sub: userId, role: user.role, jti, iat, exp: iat + Math.round(o.tokenTtlMs / 1000), iss: o.issuer, aud: o.audience },
    dueTimeMs: cpuWork(s, h.server, o.cryptoSignMs[alg]),
    seq: reserveSeq(s),
  });
}

/** The driver has signed the token: remember it was issued, then hand it over. */
export function onSigned(h: Handling, token: string): void {
  const { t, req } = h;
  const { s } = t;
  const pending = req.pending;
  if (pending?.for !== 'sign') return reject(h, 'malformed_token', 'The server lost track of the token it asked to sign.');
  const parts = decodeJwtParts(token);
  const exp = parts.ok ? Number(parts.payload.exp) : 0;
  recordIssued(s, { jti: pending.jti, userId: req.subjectUserId ?? '', clientId: req.clientId, issuedAtMs: s.timeMs, expiresAtMs: fromNumericDate(exp) });
  s.metrics.tokensIssued++;
  req.credentialId = pending.jti;
  if (req.kind === 'refresh') return handOver(h, token, pending.refreshToken, pending.alg);
  if (!s.options.refreshTokens) return handOver(h, token, null, pending.alg);
  const refreshToken = randomId128(s.rng);
  req.pending = { for: 'refresh-issue', access: token, refreshToken, alg: pending.alg };
  const record = { token: refreshToken, familyId: randomId128(s.rng), userId: req.subjectUserId ?? '', used: false, expiresAtMs: s.timeMs + s.options.refreshTtlMs };
  storeQuery(h, { op: 'refresh-put', key: refreshToken, value: record }, 'refresh-issue');
}

/** The store has the new refresh token: the login can be answered. */
export function onRefreshIssued(h: Handling): void {
  const pending = h.req.pending;
  if (pending?.for !== 'refresh-issue') return reject(h, 'refresh_invalid', 'The server lost track of the refresh token it stored.');
  handOver(h, pending.access, pending.refreshToken, pending.alg);
}

/** Gives the browser its tokens (the access token signed with `alg`): in the body for a single-page app, or as HttpOnly cookies. */
function handOver(h: Handling, access: string, refreshToken: string | null, alg: Alg): void {
  const { t, server, req } = h;
  const { s } = t;
  const o = s.options;
  const ttlS = Math.round(o.tokenTtlMs / 1000);
  if (o.delivery === 'cookie') {
    const headers: [string, string][] = [['Set-Cookie', serializeSetCookie({ name: JWT_COOKIE, value: access, path: '/', secure: true, httpOnly: true, sameSite: 'Lax', maxAgeSec: ttlS })]];
    if (refreshToken) headers.push(['Set-Cookie', serializeSetCookie({ name: REFRESH_COOKIE, value: refreshToken, path: '/', secure: true, httpOnly: true, sameSite: 'Strict', maxAgeSec: Math.round(o.refreshTtlMs / 1000) })]);
    answerOk(h, headers, JSON.stringify({ user: req.subjectUserId }));
  } else {
    const body: Record<string, unknown> = { access_token: access, token_type: 'Bearer', expires_in: ttlS };
    if (refreshToken) body.refresh_token = refreshToken;
    answerOk(h, [], JSON.stringify(body));
  }
  // With HS256 the server holds the secret and signs; with a key pair only the issuer holds the private key (keySet.ts).
  const issues = alg === 'HS256' ? 'issues a signed JWT' : 'hands out a JWT the issuer signed';
  const what = req.kind === 'refresh' ? `rotates the refresh token and ${issues}` : `logs the user in and ${issues}`;
  // With refresh tokens the store keeps their record ("rotates the refresh token…; it stores nothing about it" read as a contradiction).
  const kept = refreshToken ? 'the store keeps the refresh token\u2019s record, nothing about the JWT' : 'it stores nothing about it';
  log(s, 'server', `${server.id} ${what} (${alg}, ${ttlS} s) for ${req.subjectUserId}; ${kept}.`, { requestId: req.id, nodeId: server.id, ok: true, reason: 'ok' });
}

/** The refresh token a request carries: in the body (single-page app) or in its cookie. */
export const refreshTokenOf = (h: Handling): string | null => {
  const fromBody = bodyJson(h.req).refresh_token;
  return (typeof fromBody === 'string' ? fromBody : null) ?? cookieOf(h.req, REFRESH_COOKIE) ?? null;
};

export function refresh(h: Handling): void {
  const token = refreshTokenOf(h);
  if (!token) return reject(h, 'no_credentials', 'No refresh token was sent.');
  h.req.credentialId = token;
  // A refresh token is checked where it is kept: the server-side state refresh tokens bring back.
  storeQuery(h, { op: 'refresh-rotate', key: token }, 'refresh-rotate');
  countLookup(h);
}

export function onRefreshRotated(h: Handling, result: StoreResult): void {
  if (!('refresh' in result)) return reject(h, 'refresh_invalid', 'The store gave no verdict on the refresh token.');
  if (result.refresh !== 'ok') return reject(h, result.refresh === 'reused' ? 'refresh_reused' : 'refresh_invalid');
  const user = own(h.t.s.users, result.userId);
  if (!user || user.banned) return reject(h, 'user_banned', `${result.userId} is banned: no new token.`);
  h.req.subjectUserId = user.id;
  signAccessToken(h, user.id, result.token);
}
