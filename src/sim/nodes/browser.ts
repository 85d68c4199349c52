// A browser (or the attacker's client): builds real HTTP requests from its cookie jar and
// localStorage, applies Set-Cookie headers from responses, and refreshes its token when told.
import { applySetCookie, cookieHeaderValue, cookiesFor } from '../../auth/cookies';
import { scheduleTimer } from '../agenda';
import { ACCEPT_JSON, cookieValue, requestSize, responseHeader, utf8Bytes, type HttpRequestParts } from '../http';
import type { Client, CredentialKind, ForgeHow, LogEntry, RequestKind, RequestRecord, SimState, Message } from '../types';
import { arrivesLate, cookieContext, linkLatency, log, logLater, own, recordOutcome, send, serverById, type Tick } from '../world';
import { formatNumber } from '../../format';
import { statusFor, type ReasonCode } from '../../reasons';
import { schemeOf } from '../schemes';
import { SCHEME_WORDS } from '../schemes/names';
import type { Sent } from '../schemes/scheme';
import { Remembered } from '../remembered';
import { bodyJson, cookieOf } from './serverKit';

import { JWT_COOKIE, REFRESH_COOKIE, SESSION_COOKIE } from '../cookieNames';


const PATHS: Record<RequestKind, { method: 'GET' | 'POST'; path: string }> = {
  login: { method: 'POST', path: '/login' },
  api: { method: 'GET', path: '/api/profile' },
  logout: { method: 'POST', path: '/logout' },
  refresh: { method: 'POST', path: '/refresh' },
};

function bodyFor(s: SimState, client: Client, kind: RequestKind): string {
  if (kind === 'login') return JSON.stringify({ username: client.userId, password: '********' });
  if ((kind === 'refresh' || kind === 'logout') && s.options.delivery === 'header' && client.storage.refreshToken)
    return JSON.stringify({ refresh_token: client.storage.refreshToken });
  return '';
}

/** What a request carries; `hasCookie` is a method, so no closure is made per request (under tsx each closure also had its name defined: 5% of a lab row). */
class SentRequest implements Sent {
  constructor(
    private readonly cookieHeader: string | null,
    readonly bearer: boolean,
  ) {}

  hasCookie(name: string): boolean {
    return this.cookieHeader !== null && cookieValue(this.cookieHeader, name) !== undefined;
  }
}

/** Which credential the request carries, as a reader of the raw request would see it: the world's auth model decides. */
function credentialOf(s: SimState, cookieHeader: string | null, bearer: boolean, kind: RequestKind): CredentialKind {
  if (kind === 'login' || kind === 'refresh') return 'none';
  return schemeOf(s).carries(new SentRequest(cookieHeader, bearer)) ? s.options.mode : 'none';
}

const AUTH_COOKIES = new Set([SESSION_COOKIE, JWT_COOKIE, REFRESH_COOKIE]);

/** A Cookie line as the credential line: its pair (so its byte count is remembered by the pair, http.ts) and the auth cookies' share. */
interface CookieLine {
  pair: [string, string];
  credentialBytes: number;
}

/**
 * Cookie lines by their text: a browser's one-cookie jar sends the same text (the same string) with
 * every request. A text over 2 KB (an attacker's, or many cookies) is not kept: 32 MB at worst.
 */
const cookieLines = new Remembered((cookieHeader): CookieLine => ({ pair: ['Cookie', cookieHeader], credentialBytes: credentialCookieBytes(cookieHeader) }), undefined, 2_048);

/** Bytes of "Cookie: <the auth cookies>\r\n", as if the line carried nothing else. */
function credentialCookieBytes(cookieHeader: string): number {
  // The pairs' bytes, their "; " separators and "Cookie: ...\r\n", without writing that line.
  let pairs = 0;
  let bytes = 0;
  for (let start = 0; start <= cookieHeader.length; ) {
    let end = cookieHeader.indexOf('; ', start);
    if (end < 0) end = cookieHeader.length;
    const pair = cookieHeader.slice(start, end);
    if (AUTH_COOKIES.has(pair.slice(0, pair.indexOf('=')))) {
      pairs++;
      bytes += utf8Bytes(pair);
    }
    start = end + 2;
  }
  return pairs ? 'Cookie: '.length + bytes + 2 * (pairs - 1) + 2 : 0;
}

/**
 * The "Authorization: Bearer <token>" header, made once per client and token: its byte count is
 * remembered by the pair (http.ts), and a line built per request was a new 400-byte string each
 * time (the lab sends 100,000). Nothing writes into a request's header pairs.
 */
const bearerHeaders = new WeakMap<Client, { token: string; header: [string, string] }>();
function bearerHeader(client: Client, token: string): [string, string] {
  const last = bearerHeaders.get(client);
  if (last?.token === token) return last.header;
  const header: [string, string] = ['Authorization', `Bearer ${token}`];
  bearerHeaders.set(client, { token, header });
  return header;
}

export function startRequest(t: Tick, clientId: string, kind: RequestKind, path?: string): RequestRecord | null {
  const { s } = t;
  const client = own(s.clients, clientId);
  if (!client) {
    log(s, 'note', `There is no client called ${clientId}.`);
    return null;
  }
  const route = PATHS[kind];
  const reqPath = path ?? route.path;
  const cookieHeader = cookieHeaderValue(client.jar, cookieContext(s, reqPath));
  const token = client.storage.accessToken;
  const bearer = (kind === 'api' || kind === 'logout') && s.options.delivery === 'header' && token !== null;
  const headers: [string, string][] = [ACCEPT_JSON];
  let credentialHeader: [string, string] | null = null;
  const cookies = bearer || !cookieHeader ? null : cookieLines.of(cookieHeader);
  if (bearer) {
    credentialHeader = bearerHeader(client, token);
    if (cookieHeader) headers.push(['Cookie', cookieHeader]);
  } else if (cookies) {
    credentialHeader = cookies.pair;
  }
  const httpRequest: HttpRequestParts = { method: route.method, path: reqPath, host: s.options.host, headers, credentialHeader, body: bodyFor(s, client, kind) };
  const http = requestSize(httpRequest);
  // A Cookie line may also carry the balancer's affinity cookie: it is not the credential.
  if (cookies) http.credentialBytes = cookies.credentialBytes;
  const credential = credentialOf(s, cookieHeader, bearer, kind);
  const req: RequestRecord = {
    id: s.nextRequestId++,
    clientId,
    kind,
    method: route.method,
    path: reqPath,
    sentAtMs: s.timeMs,
    serverId: null,
    serverReceivedAtMs: null,
    stage: 'to-lb',
    credential,
    credentialId: null,
    httpRequest,
    requestBytes: http.bytes,
    credentialBytes: http.credentialBytes,
    httpResponse: null,
    responseBytes: 0,
    status: null,
    reason: null,
    detail: '',
    decidedAtMs: null,
    checkedAtMs: null,
    finishedAtMs: null,
    storeLookups: 0,
    signatureVerifications: 0,
    keySetFetches: 0,
    failedOpen: false,
    subjectUserId: null,
    credentialIssuedAtMs: null,
    claims: null,
    actedAsRole: null,
    forged: kind === 'api' || kind === 'logout' ? client.forged : null,
    pending: null,
    stickyTo: null,
  };
  s.requests.set(req.id, req);
  if (kind === 'api') {
    s.metrics.apiRequests++;
    s.metrics.apiRequestBytes += http.bytes;
    s.metrics.apiCredentialBytes += http.credentialBytes;
    s.metrics.apiCredentialBytesMax = Math.max(s.metrics.apiCredentialBytesMax, http.credentialBytes);
    if (credential === 'none') s.metrics.apiWithoutCredential++;
  }
  const label = credential === 'none' ? kind : SCHEME_WORDS[credential].dot;
  send(s, { id: 0, sendTimeMs: 0, recvTimeMs: 0, requestId: req.id, kind: 'request', from: clientId, to: 'lb', credential, label, ok: null, reason: null }, linkLatency(s, s.options.latency.clientToLbMs));
  scheduleTimer(s, { timeMs: s.timeMs + s.options.requestTimeoutMs, seq: s.seq++, event: { type: 'timeout', requestId: req.id } });
  logLater(s, sendsLine, req.id, clientId, route.method, reqPath, carriedWords(kind, credential, httpRequest.body, cookieHeader, req.forged), http.bytes);
  return req;
}

/** A forged credential as the log says it is carried: the words of the stage's line for the client that holds it. */
const FORGED_CARRIED: Record<ForgeHow, string> = {
  'guess-session': 'a guessed session cookie',
  'role-admin': 'an altered JWT',
  'alg-none': 'an unsigned JWT',
};

/**
 * What the log says a request carries. A login carries the password and a refresh its refresh
 * token, though neither is the model's access credential: "POST /refresh carrying no credential"
 * said the opposite of the refresh-tokens lesson.
 */
function carriedWords(kind: RequestKind, credential: CredentialKind, body: string, cookieHeader: string | null, forged: ForgeHow | null): string {
  if (kind === 'login') return 'a username and password';
  if (kind === 'refresh') return body.includes('refresh_token') || (cookieHeader !== null && cookieValue(cookieHeader, REFRESH_COOKIE) !== undefined) ? 'their refresh token' : 'no refresh token';
  const access = credential === 'none' ? 'no credential' : forged ? FORGED_CARRIED[forged] : SCHEME_WORDS[credential].carried;
  return kind === 'logout' && body.includes('refresh_token') ? `${access} and their refresh token` : access;
}

const sendsLine = (seq: number, timeMs: number, requestId: number, clientId: string, method: string, path: string, carrying: string, bytes: number): LogEntry => ({
  seq,
  timeMs,
  kind: 'request',
  text: `${clientId} sends a ${formatNumber(bytes)}-byte ${method} ${path} carrying ${carrying}.`,
  requestId,
  nodeId: clientId,
});

/** A response reached the browser: store cookies and tokens, record the outcome. */
export function onResponse(t: Tick, msg: Message): void {
  const { s } = t;
  const req = s.requests.get(msg.requestId);
  // Already timed out: the late answer is dropped, as a browser would, and the log says so.
  if (!req) return arrivesLate(s, msg.requestId, 'response', msg.to);
  const client = own(s.clients, req.clientId);
  if (!client) return log(s, 'note', `${req.clientId} is gone: the response to request #${req.id} reaches no one.`, { requestId: req.id, ok: false });
  const response = req.httpResponse;
  // An answer without headers (every API answer) sets no cookie: no list of them is made.
  for (const header of response && response.headers.length > 0 ? responseHeader(response, 'Set-Cookie') : []) {
    const { jar, outcome } = applySetCookie(client.jar, header, cookieContext(s, req.path));
    client.jar = jar;
    if (outcome.kind === 'rejected') {
      s.metrics.cookiesDropped++;
      s.metrics.droppedCookieBytesMax = Math.max(s.metrics.droppedCookieBytesMax, outcome.bytes ?? 0);
      client.cookieDropped = { name: outcome.name, reason: outcome.reason, bytes: outcome.bytes };
      log(s, 'cookie', outcome.message, { requestId: req.id, nodeId: client.id, ok: false });
    } else if (outcome.kind === 'stored') client.cookieDropped = null;
  }
  const reason = req.reason ?? 'ok';
  if (reason === 'ok') keepTokens(s, client, req.kind, response?.body ?? '');
  if (req.kind === 'logout') {
    client.storage = { accessToken: null, refreshToken: null };
    client.cookieDropped = null;
  }
  // A fresh login or refresh (or a logout) replaces whatever forged credential the client held.
  if ((reason === 'ok' && (req.kind === 'login' || req.kind === 'refresh')) || req.kind === 'logout') client.forged = null;
  if (reason === 'ok' && req.kind === 'login') client.loginNeeded = false;
  // A refused refresh token stays refused: dropped rather than retried on every 401. A browser's
  // app is then signed out: it drops its access token too and shows its login form (it went on
  // sending the expired token, 401 after 401, under "she has to log in again"). A thief keeps the
  // access token she copied: it is good until its exp, whatever became of the refresh token. Only
  // the token refused is dropped: a refusal that comes after a new login leaves its tokens alone.
  const refused = req.kind === 'refresh' && REFRESH_REFUSALS.has(reason) && refreshTokenSent(req) === refreshTokenHeld(client);
  const signsOut = refused && client.kind === 'browser';
  if (req.kind === 'refresh') client.refreshing = false;
  if (refused) {
    client.storage = { accessToken: signsOut ? null : client.storage.accessToken, refreshToken: null };
    client.jar = { cookies: client.jar.cookies.filter((c) => c.name !== REFRESH_COOKIE && !(signsOut && c.name === JWT_COOKIE)) };
  }
  if (signsOut) {
    client.loginNeeded = true;
    // Signed out, it holds nothing it forged.
    client.forged = null;
  }
  recordOutcome(s, req, reason, statusFor(reason));
  // A refusal names the server that made it (clock-skew: "token_not_yet_valid" under a caption about
  // server-2's "token_expired" came from server-3, and the line did not say so); not a timeout (no
  // answer came) nor server_down (the balancer's).
  const refusedBy = reason !== 'ok' && reason !== 'timeout' && reason !== 'server_down' ? req.serverId : null;
  // Once a role has changed under a credential (stale-claims), an answer says the role it was served
  // as: both worlds' lines read "alice gets 200 OK for GET /api/profile" beside a caption on which role counts.
  const servedAs = reason === 'ok' && req.kind === 'api' && s.metrics.roleChanges > 0 ? req.actedAsRole : null;
  logLater(s, getsLine, req.id, client.id, reason, req.method, req.path, s.timeMs - req.sentAtMs, refusedBy ?? servedAs);
  if (signsOut) log(s, 'note', `${client.id}'s app drops both tokens and shows its login form: it sends nothing until ${client.id} logs in again.`, { requestId: req.id, nodeId: client.id });
  // An expired bearer token comes back as token_expired; an expired JWT cookie is simply gone.
  if (reason === 'token_expired' || (reason === 'no_credentials' && req.kind === 'api')) maybeRefresh(t, client);
}

// The status is the reason's (recordOutcome has just set it so): one value less to keep per line (a lazy line keeps seven).
// `by`: who refused it, or, accepted, the role it was served as (never both: seven values at most).
const getsLine = (seq: number, timeMs: number, requestId: number, clientId: string, reason: ReasonCode, method: string, path: string, elapsedMs: number, by: string | null): LogEntry => ({
  seq,
  timeMs,
  kind: 'response',
  text: `${clientId} gets ${statusFor(reason)} ${reason === 'ok' ? 'OK' : reason}${by ? (reason === 'ok' ? ` as ${by}` : ` from ${by}`) : ''} for ${method} ${path} after ${Math.round(elapsedMs)} ms.`,
  requestId,
  nodeId: clientId,
  reason,
  ok: reason === 'ok',
});

const REFRESH_REFUSALS: ReadonlySet<ReasonCode> = new Set(['refresh_invalid', 'refresh_reused', 'user_banned']);

/** The refresh token a refresh request carried: in its body (a single-page app) or its cookie. */
const refreshTokenSent = (req: RequestRecord): unknown => bodyJson(req)['refresh_token'] ?? cookieOf(req, REFRESH_COOKIE);

/** The refresh token the client holds now (undefined: none): what it sends, and what its node on the stage says it holds. */
export const refreshTokenHeld = (client: Client): string | undefined => client.storage.refreshToken ?? client.jar.cookies.find((c) => c.name === REFRESH_COOKIE)?.value;

/** A single-page app keeps the tokens a login or refresh response body hands it (cookies are the jar's job). */
function keepTokens(s: SimState, client: Client, kind: RequestKind, body: string): void {
  if ((kind !== 'login' && kind !== 'refresh') || s.options.delivery !== 'header') return;
  try {
    const parsed = JSON.parse(body) as { access_token?: string; refresh_token?: string };
    if (parsed.access_token) client.storage.accessToken = parsed.access_token;
    if (parsed.refresh_token) client.storage.refreshToken = parsed.refresh_token;
  } catch {
    log(s, 'note', `${client.id} could not read the login response body.`);
  }
}

/** A single-page app's interceptor: on an expired access token, trade the refresh token once. */
function maybeRefresh(t: Tick, client: Client): void {
  const { s } = t;
  if (!s.options.refreshTokens || client.refreshing) return;
  const hasRefresh = client.storage.refreshToken !== null || cookiesFor(client.jar, cookieContext(s)).some((c) => c.name === REFRESH_COOKIE);
  if (!hasRefresh) return;
  client.refreshing = true;
  startRequest(t, client.id, 'refresh');
}

export function onTimeout(t: Tick, requestId: number): void {
  const { s } = t;
  const req = s.requests.get(requestId);
  // Every request's timer fires; one that finished in time has nothing left to do.
  if (!req) return;
  const client = own(s.clients, req.clientId);
  if (client && req.kind === 'refresh') client.refreshing = false;
  // The server still counts the abandoned request as in flight; it will never answer it now.
  const server = serverById(s, req.serverId);
  if (server && req.sentAtMs >= server.bootedAtMs && req.stage !== 'to-lb' && req.stage !== 'to-client') server.inFlight = Math.max(0, server.inFlight - 1);
  recordOutcome(s, req, 'timeout', 0);
  logLater(s, timedOutLine, requestId, req.clientId, req.method, req.path, s.options.requestTimeoutMs);
}

const timedOutLine = (seq: number, timeMs: number, requestId: number, clientId: string, method: string, path: string, timeoutMs: number): LogEntry => ({
  seq,
  timeMs,
  kind: 'timeout',
  text: `${clientId}'s ${method} ${path} timed out after ${timeoutMs} ms: no response came back.`,
  requestId,
  nodeId: clientId,
  reason: 'timeout',
  ok: false,
});


