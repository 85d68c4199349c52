// The shared store ("Redis"): sessions with TTL, the jti denylist and the refresh-token families.
// One operation at a time at a fixed capacity, so under load requests queue here: the bottleneck.
import { randomId128 } from '../rng';
import type { Message, RefreshRecord, SimState, StoreOp, StoreResult } from '../types';
import { acceptsExpiry } from '../../auth/acceptance';
import { linkLatency, log, own, scheduleAfterWork, send, shortId, VIRTUAL_EPOCH_MS, wallMs, type Tick } from '../world';

type StoreQuery = Extract<Message, { kind: 'store-query' }>;

const serviceMs = (s: SimState): number =>
  Math.max(s.options.storeServiceMs, 1000 / s.options.storeCapacityOpsPerSec) * s.store.slowFactor;

function reply(s: SimState, query: StoreQuery, result: StoreResult): void {
  send(s, { id: 0, sendTimeMs: 0, recvTimeMs: 0, requestId: query.requestId, kind: 'store-reply', from: 'store', to: query.from, credential: query.credential, label: 'unavailable' in result ? 'down' : 'overloaded' in result ? 'full' : 'reply', ok: !('unavailable' in result || 'overloaded' in result), reason: null, storeResult: result }, linkLatency(s, s.options.latency.serverToStoreMs));
}

/** A query arrives: a store that is down refuses the connection at once; otherwise it queues. */
export function onQuery(t: Tick, msg: StoreQuery): void {
  const { s } = t;
  if (!s.store.up) {
    s.messages.delete(msg.id);
    reply(s, msg, { unavailable: true });
    return;
  }
  // A bounded queue: memory and waiting time stay finite under any load; the excess is told so.
  if (s.store.queued >= s.options.storeQueueMax) {
    s.messages.delete(msg.id);
    reply(s, msg, { overloaded: true });
    return;
  }
  const start = Math.max(s.timeMs, s.store.busyUntilMs);
  s.store.busyUntilMs = start + serviceMs(s);
  s.store.queued++;
  // The store's one core serves its queue in turn: these come in order (the agenda's store lane).
  scheduleAfterWork(s, s.store.busyUntilMs, { type: 'storeServe', messageId: msg.id }, 'store');
}

/** The store reaches a queued query: the data is read now, so a deletion before this point wins. */
export function serve(t: Tick, msg: StoreQuery): void {
  const { s } = t;
  s.store.queued = Math.max(0, s.store.queued - 1);
  s.messages.delete(msg.id);
  if (!s.store.up) {
    reply(s, msg, { unavailable: true });
    return;
  }
  s.store.ops++;
  const req = s.requests.get(msg.requestId);
  if (req && (msg.storeOp.op === 'session-get' || msg.storeOp.op === 'deny-check')) req.checkedAtMs = s.timeMs;
  reply(s, msg, apply(s, msg.storeOp));
}

function apply(s: SimState, op: StoreOp): StoreResult {
  const st = s.store;
  switch (op.op) {
    case 'session-get':
      return getSession(s, op.key);
    case 'session-set':
      // A copy: the store's record changes with use; the message that carried it must not.
      st.sessions[op.key] = { ...op.value };
      return { done: true };
    case 'session-del': {
      const record = own(st.sessions, op.key);
      delete st.sessions[op.key];
      if (record) s.revocations.push({ atMs: s.timeMs, userId: record.userId, credentialId: op.key, what: `${record.userId} logs out` });
      return { done: true };
    }
    case 'deny-check': {
      pruneDenylist(s);
      if (op.key in st.denylist) return { listed: true };
      // iat counts whole seconds: a token of the cut-off's own second is refused even when issued just after it, never let in.
      const cutOffMs = own(st.revokedUsers, op.userId);
      return cutOffMs !== undefined && op.issuedAtMs < cutOffMs ? { listed: true, revokedUserAtMs: cutOffMs } : { listed: false };
    }
    case 'token-revoke': {
      const v = op.value;
      if (v.denylist) st.denylist[op.key] = v.expMs;
      s.revocations.push({ atMs: s.timeMs, userId: v.userId, credentialId: op.key, what: `${v.userId} logs out` });
      const family = v.refreshToken ? st.refreshTokens[v.refreshToken]?.familyId : undefined;
      if (family) st.revokedFamilies[family] = s.timeMs;
      return { done: true };
    }
    case 'refresh-put':
      st.refreshTokens[op.key] = { ...op.value };
      return { done: true };
    case 'refresh-rotate':
      return rotateRefresh(s, op.key);
  }
}

function getSession(s: SimState, sid: string): StoreResult {
  const record = own(s.store.sessions, sid);
  if (!record) return { found: false, expired: false };
  if (s.timeMs >= record.expiresAtMs) {
    delete s.store.sessions[sid];
    log(s, 'store', `Session ${shortId(sid)} has timed out; the store drops it.`, { nodeId: 'store' });
    return { found: false, expired: true };
  }
  // Sliding idle timeout: every use pushes expiry out, never past the absolute limit.
  record.lastSeenAtMs = s.timeMs;
  record.expiresAtMs = Math.min(s.timeMs + s.options.sessionIdleMs, record.absoluteExpiresAtMs);
  return { found: true, record: { ...record } };
}

/**
 * Denylist entries are needed until no server would still accept the token: past its exp, plus
 * the clock tolerance, plus the slowest server clock (a server 20 s slow accepts 20 s longer).
 */
function pruneDenylist(s: SimState): void {
  const slowestMs = Math.min(0, ...s.servers.map((sv) => sv.skewMs));
  const slowestClock = wallMs(s, slowestMs);
  for (const [jti, expMs] of Object.entries(s.store.denylist)) {
    if (!acceptsExpiry((VIRTUAL_EPOCH_MS + expMs) / 1000, slowestClock, s.options.clockToleranceMs)) delete s.store.denylist[jti];
  }
}

/** Refresh-token rotation with reuse detection (RFC 9700 4.14.2): a used token coming back revokes its family. */
function rotateRefresh(s: SimState, token: string): StoreResult {
  const record = s.store.refreshTokens[token];
  if (!record || record.expiresAtMs <= s.timeMs || record.familyId in s.store.revokedFamilies)
    return { refresh: 'invalid', userId: record?.userId ?? null };
  if (record.used) {
    s.store.revokedFamilies[record.familyId] = s.timeMs;
    log(s, 'store', `Refresh token ${shortId(token)} was already used: the store revokes its whole family ${shortId(record.familyId)}.`, { nodeId: 'store', reason: 'refresh_reused', ok: false });
    return { refresh: 'reused', userId: record.userId };
  }
  record.used = true;
  const next: RefreshRecord = { token: randomId128(s.rng), familyId: record.familyId, userId: record.userId, used: false, expiresAtMs: record.expiresAtMs };
  s.store.refreshTokens[next.token] = next;
  return { refresh: 'ok', userId: record.userId, token: next.token, familyId: record.familyId };
}

/**
 * Deletes every session of `userId`, in the shared store and in each server's memory, and returns
 * their ids. Admin actions act on the store directly (the admin console talks to it, not through the LB).
 */
export function deleteUserSessions(s: SimState, userId: string): string[] {
  const deleted: string[] = [];
  for (const held of [s.store.sessions, ...s.servers.map((server) => server.localSessions)]) {
    for (const [sid, rec] of Object.entries(held)) {
      if (rec.userId !== userId) continue;
      delete held[sid];
      deleted.push(sid);
    }
  }
  return deleted;
}

export function revokeUserRefreshFamilies(s: SimState, userId: string): number {
  const families = new Set(Object.values(s.store.refreshTokens).filter((r) => r.userId === userId).map((r) => r.familyId));
  for (const f of families) s.store.revokedFamilies[f] ??= s.timeMs;
  return families.size;
}
