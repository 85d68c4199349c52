// An app server: takes a request, routes it (login, refresh, API call, logout) and answers. How a
// credential is issued, checked and revoked belongs to the world's auth model (src/sim/schemes);
// replies and crypto results find their way back here first, so lost work is said, not dropped.
import { utf8Bytes } from '../http';
import { schemeOf } from '../schemes';
import type { AuthScheme, Handling } from '../schemes/scheme';
import type { AppServer, LogEntry, Message, RequestRecord, SimState, VerifyOutcome } from '../types';
import { arrivesLate, log, logLater, own, revocationCovering, serverById, type Tick } from '../world';
import { bodyJson, reject } from './serverKit';
import { respondTo } from './respond';
import { Remembered } from '../remembered';


export function onMessage(t: Tick, msg: Message): void {
  const { s } = t;
  const req = s.requests.get(msg.requestId);
  if (!req) return arrivesLate(s, msg.requestId, msg.kind, msg.to);
  const server = serverById(s, msg.to);
  if (!server?.up) {
    // A dead server answers nothing: the browser will time out.
    log(s, 'server', `${msg.to} is down: the ${msg.kind} for request #${req.id} is lost.`, { requestId: req.id, nodeId: msg.to, ok: false });
    return;
  }
  if (msg.kind === 'request') return onRequest(handling(t, server, req));
  if (!stillWorking(t, server, req)) return;
  const h = handling(t, server, req);
  const scheme = schemeOf(s);
  if (msg.kind === 'store-reply') return scheme.onStoreReply(h, msg.storeResult);
  if (msg.kind === 'jwks-reply' && scheme.onKeySetReply) return scheme.onKeySetReply(h, msg.kids);
  log(s, 'note', `${server.id} got a ${msg.kind} it has no use for (request #${req.id}): ignored.`, { requestId: req.id, nodeId: server.id, ok: false });
}

/** A crypto result from the driver (a signature made or checked) reaches the server that asked. */
export function onCryptoResult(t: Tick, requestId: number, result: { token: string } | { outcome: VerifyOutcome }): void {
  const { s } = t;
  const req = s.requests.get(requestId);
  if (!req) return arrivesLate(s, requestId, 'token' in result ? 'signed token' : 'signature check');
  const server = serverById(s, req.serverId);
  if (!stillWorking(t, server, req)) return;
  const h = handling(t, server, req);
  const scheme = schemeOf(s);
  if ('token' in result && scheme.onSigned) return scheme.onSigned(h, result.token);
  if ('outcome' in result && scheme.onVerified) return scheme.onVerified(h, result.outcome);
  log(s, 'note', `${server.id} got a crypto result its auth model never asks for (request #${req.id}): ignored.`, { requestId: req.id, nodeId: server.id, ok: false });
}

/**
 * A reply or a crypto result for work a server's previous process started: the restart wiped it,
 * so nothing answers and the browser times out (said in the log, not dropped in silence).
 */
function stillWorking(t: Tick, server: AppServer | undefined, req: RequestRecord): server is AppServer {
  if (!server) {
    log(t.s, 'note', `${req.serverId ?? 'The server'} is gone from the cluster: its work on request #${req.id} is lost.`, { requestId: req.id, ok: false });
    return false;
  }
  if (!server.up) {
    log(t.s, 'server', `${server.id} is down: its work on request #${req.id} is lost.`, { requestId: req.id, nodeId: server.id, ok: false });
    return false;
  }
  if (req.serverReceivedAtMs === null || req.serverReceivedAtMs >= server.bootedAtMs) return true;
  log(t.s, 'server', `${server.id} restarted after taking request #${req.id}: that work is lost and the browser will time out.`, { requestId: req.id, nodeId: server.id, ok: false });
  return false;
}

/** A server's work on one request; `authorized` is a method, so no closure is made per message. */
class Handle implements Handling {
  constructor(
    readonly t: Tick,
    readonly server: AppServer,
    readonly req: RequestRecord,
  ) {}

  authorized(): void {
    authorized(this);
  }
}

const handling = (t: Tick, server: AppServer, req: RequestRecord): Handling => new Handle(t, server, req);

function onRequest(h: Handling): void {
  const { t, server, req } = h;
  const { s } = t;
  server.handled++;
  req.serverReceivedAtMs = s.timeMs;
  // Everything before the body: the request line, the headers and the blank line.
  const headerBytes = req.requestBytes - utf8Bytes(req.httpRequest.body);
  if (headerBytes > s.options.maxHeaderBytes) return reject(h, 'header_too_large', `The headers take ${headerBytes} bytes; this server accepts at most ${s.options.maxHeaderBytes}.`);
  const scheme = schemeOf(s);
  if (req.kind === 'login') return login(h);
  if (req.kind !== 'refresh') return scheme.authenticate(h);
  if (scheme.refresh) return scheme.refresh(h);
  reject(h, 'no_credentials', 'This world has no refresh tokens.');
}

function login(h: Handling): void {
  const { s } = h.t;
  const user = own(s.users, String(bodyJson(h.req).username ?? ''));
  if (!user) return reject(h, 'no_credentials', 'No such user.');
  if (user.banned) return reject(h, 'user_banned', `${user.id} is banned and cannot log in.`);
  h.req.subjectUserId = user.id;
  schemeOf(s).issue(h, user.id);
}

/** The credential is good: do what the request asked. */
function authorized(h: Handling): void {
  if (h.req.kind === 'logout') schemeOf(h.t.s).revoke(h);
  else accept(h);
}

function accept({ t, server, req }: Handling): void {
  const { s } = t;
  const scheme = schemeOf(s);
  const userId = req.subjectUserId ?? '';
  const user = own(s.users, userId);
  const role = scheme.roleFor(req, user);
  req.reason = 'ok';
  req.actedAsRole = role;
  req.decidedAtMs = s.timeMs;
  req.checkedAtMs ??= s.timeMs;
  countIfRevoked(s, req);
  // The stale-claims lesson: what the server acted on versus what is true right now.
  const current = user?.role;
  if (current !== undefined && role !== current) s.metrics.staleRoleAccepts++;
  const profile = profileOf(userId, role, server.id);
  respondTo(s, req, server.id, 200, [], profile.body, profile.bytes);
  // The credential's name is written with the line, from the id taken now (most lines are dropped unread).
  logLater(s, acceptsLine, req.id, server.id, scheme.named, req.credentialId, userId, role);
}

const acceptsLine = (seq: number, timeMs: number, requestId: number, serverId: string, named: AuthScheme['named'], credentialId: string | null, userId: string, role: string): LogEntry => ({
  seq,
  timeMs,
  kind: 'server',
  text: `${serverId} accepts ${named(credentialId)}: ${userId} (role ${role}).`,
  requestId,
  nodeId: serverId,
  ok: true,
  reason: 'ok',
});

/** Requests accepted after their credential was revoked: the exposure the revocation lesson measures (a forgery accepted is the attack's, not the revoked credential's). */
function countIfRevoked(s: SimState, req: RequestRecord): void {
  if (s.revocations.length === 0 || req.forged) return;
  const checkedAt = req.checkedAtMs ?? s.timeMs;
  const hit = revocationCovering(s, req, checkedAt);
  if (!hit) return;
  s.metrics.acceptedAfterRevocation++;
  s.metrics.exposureMs = Math.max(s.metrics.exposureMs, checkedAt - hit.atMs);
}

/**
 * The body every accepted API request gets, `JSON.stringify({ user, role, server })` written
 * directly, with its UTF-8 length: the user's part (made once per user and role) joined to the
 * server's. Kept by server and user, the bodies of a 16-server, 10,000-user row were 160,000 texts,
 * and finding one was a cache miss per request.
 */
function profileOf(user: string, role: string, server: string): Profile {
  const head = userPartOf(user, role);
  const tail = serverParts.of(server);
  return { body: head.text + tail.text, bytes: head.bytes + tail.bytes };
}

interface Profile {
  body: string;
  bytes: number;
}

interface Part {
  text: string;
  bytes: number;
}

/** `{"user":…,"role":…,"server":` by user (with the role it was made for): one per user of a row. */
const userParts = new Map<string, Part & { role: string }>();
/** Users remembered at most (a lab row has up to 10,000): past it, the parts are forgotten and made again. */
const USER_PARTS = 10_000;
/** `"server-3"}` by server id (the engine's own: a run adds a few, a long one may keep adding). */
const serverParts = new Remembered((server): Part => {
  const text = `${JSON.stringify(server)}}`;
  return { text, bytes: utf8Bytes(text) };
});

function userPartOf(user: string, role: string): Part {
  const known = userParts.get(user);
  if (known?.role === role) return known;
  if (userParts.size >= USER_PARTS) userParts.clear();
  const text = `{"user":${JSON.stringify(user)},"role":${JSON.stringify(role)},"server":`;
  const made = { role, text, bytes: utf8Bytes(text) };
  userParts.set(user, made);
  return made;
}
