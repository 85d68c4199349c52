// Sessions: the server keeps the state. Logging in stores a record under a random 128-bit id and
// gives the browser only the id in a cookie; every request looks the id up (in the shared store,
// or in the server's own memory); deleting the record revokes the session at once.
import { serializeSetCookie } from '../../auth/cookies';
import { plural } from '../../format';
import { SESSION_COOKIE } from '../cookieNames';
import { deleteUserSessions } from '../nodes/sessionStore';
import { answerOk, clearCookie, cookieOf, countLookup, loggedOut, noteCheck, refuseStoreUnreachable, reject, storeQuery, unexpectedReply, unreachable } from '../nodes/serverKit';
import { randomId128 } from '../rng';
import type { LogEntry, SessionRecord, StoreResult } from '../types';
import { log, logLater, own, shortId } from '../world';
import type { AuthScheme, Handling } from './scheme';

const local = (h: Handling) => h.t.s.options.sessionStorage === 'local';

function authenticate(h: Handling): void {
  const { t, server, req } = h;
  const { s } = t;
  const sid = cookieOf(req, SESSION_COOKIE);
  if (!sid) return reject(h, 'no_credentials');
  req.credentialId = sid;
  if (local(h)) {
    if (req.kind === 'api') s.metrics.apiMemoryLookups++;
    const record = own(server.localSessions, sid);
    // Refused because a crash took the session with its server's memory: the crash's cost, counted.
    if (!record && own(s.lostSessions, sid)) s.metrics.lostSessionRefusals++;
    const now = s.timeMs + server.skewMs;
    if (record && now >= record.expiresAtMs) delete server.localSessions[sid];
    const live = record && now < record.expiresAtMs ? record : null;
    if (live) {
      // Sliding idle timeout, as the shared store does: every use pushes expiry out.
      live.lastSeenAtMs = now;
      live.expiresAtMs = Math.min(now + s.options.sessionIdleMs, live.absoluteExpiresAtMs);
    }
    return decided(h, live, !!record && !live, 'its own memory');
  }
  storeQuery(h, { op: 'session-get', key: sid }, 'session-lookup');
  countLookup(h);
  logLater(s, looksUpLine, req.id, server.id, sid);
}

const looksUpLine = (seq: number, timeMs: number, requestId: number, serverId: string, sid: string): LogEntry => ({
  seq,
  timeMs,
  kind: 'store',
  text: `${serverId} looks up session ${shortId(sid)} in the shared store.`,
  requestId,
  nodeId: serverId,
});

function decided(h: Handling, record: SessionRecord | null, expired: boolean, where: string): void {
  const { req } = h;
  const refusal = expired ? 'session_expired' : 'session_unknown';
  noteCheck(h, 'lookup', record ? 'ok' : refusal);
  if (!record) return reject(h, refusal, `Session ${shortId(req.credentialId ?? '')} is not in ${where}.`);
  req.subjectUserId = record.userId;
  req.credentialIssuedAtMs = record.createdAtMs;
  h.authorized();
}

function issue(h: Handling, userId: string): void {
  const { t, server, req } = h;
  const { s } = t;
  const now = local(h) ? s.timeMs + server.skewMs : s.timeMs;
  const sid = randomId128(s.rng);
  const record: SessionRecord = { id: sid, userId, createdAtMs: now, lastSeenAtMs: now, expiresAtMs: Math.min(now + s.options.sessionIdleMs, now + s.options.sessionAbsoluteMs), absoluteExpiresAtMs: now + s.options.sessionAbsoluteMs };
  req.credentialId = sid;
  if (local(h)) {
    server.localSessions[sid] = record;
    return loggedIn(h, sid);
  }
  req.pending = { for: 'session-create', sid };
  storeQuery(h, { op: 'session-set', key: sid, value: record }, 'session-create');
}

function loggedIn(h: Handling, sid: string): void {
  const { t, server, req } = h;
  const cookie = serializeSetCookie({ name: SESSION_COOKIE, value: sid, path: '/', secure: true, httpOnly: true, sameSite: 'Lax' });
  answerOk(h, [['Set-Cookie', cookie]], JSON.stringify({ user: req.subjectUserId }));
  const where = local(h) ? `in ${server.id}'s own memory` : 'in the shared store';
  log(t.s, 'server', `${server.id} logs ${req.subjectUserId} in: a new random session id ${shortId(sid)} is kept ${where}; the browser gets only the id in a cookie.`, { requestId: req.id, nodeId: server.id, ok: true, reason: 'ok' });
}

function revoke(h: Handling): void {
  const { t, server, req } = h;
  const sid = req.credentialId ?? '';
  if (!local(h)) return storeQuery(h, { op: 'session-del', key: sid }, 'revoke');
  // In memory the deletion happens here, so the revocation takes effect here (the store records its own).
  delete server.localSessions[sid];
  t.s.revocations.push({ atMs: t.s.timeMs, userId: req.subjectUserId ?? '', credentialId: sid, what: `${req.subjectUserId ?? ''} logs out` });
  loggedOutHere(h);
}

const loggedOutHere = (h: Handling) => loggedOut(h, [clearCookie(SESSION_COOKIE)], `deletes session ${shortId(h.req.credentialId ?? '')}: that id is now worthless`);

function onStoreReply(h: Handling, result: StoreResult): void {
  const { req } = h;
  const down = unreachable(result);
  if (down) {
    // The lookup failed: the server's chip says so (it kept its last good lookup's ✓ beside the refusal).
    if (req.stage === 'session-lookup') noteCheck(h, 'lookup', down);
    return refuseStoreUnreachable(h, down);
  }
  if (req.stage === 'session-lookup' && 'found' in result) return decided(h, result.found ? result.record : null, !result.found && result.expired, 'the store');
  if (req.stage === 'session-create' && req.pending?.for === 'session-create') return loggedIn(h, req.pending.sid);
  if (req.stage === 'revoke') return loggedOutHere(h);
  unexpectedReply(h, 'a store reply');
}

function revokeUser(s: Parameters<AuthScheme['revokeUser']>[0], userId: string, what: string): void {
  // Each session deleted is revoked by its id too: a request refused for it names no user to match the ban by.
  const sids = deleteUserSessions(s, userId);
  for (const sid of sids) s.revocations.push({ atMs: s.timeMs, userId, credentialId: sid, what });
  log(s, 'action', sids.length ? `${what}: ${plural(sids.length, 'session')} deleted; the cookie's id now points at nothing.` : `${what}: no session of theirs to delete.`);
}

export const sessionScheme: AuthScheme = {
  // With the store down, "it needs nothing more" stood beside its first 503 store_unavailable (learner review).
  joining: (s) => (s.options.sessionStorage === 'local' ? ', with no session in its memory: each lives only on the server that created it' : s.store.up ? ': it needs nothing more, every session is in the shared store' : ': every session is in the shared store, which is down, so it can look none up either'),
  carries: (sent) => sent.hasCookie(SESSION_COOKIE),
  authenticate,
  issue,
  revoke,
  onStoreReply,
  // The server reads the user's record on every request: a role change counts at once.
  roleFor: (_req, user) => user?.role ?? 'user',
  named: (credentialId) => `session ${shortId(credentialId ?? '')}`,
  revokeUser,
};
