// What scenarios and the UI can do to the cluster. Each action is applied at the current virtual
// time; a request-type action starts a request from a browser, the rest change state directly
// (an admin console, an operator or an attacker acting outside the request path).
import { applySetCookie, serializeSetCookie } from '../auth/cookies';
import { JWT_COOKIE, REFRESH_COOKIE, SESSION_COOKIE } from './cookieNames';
import { scheduleTimer } from './agenda';
import { startRequest } from './nodes/browser';
import { schemeOf } from './schemes';
import { SCHEME_WORDS } from './schemes/names';
import { noteSigningKeyHolders } from './nodes/keySet';
import { LIMITS } from './options';
import { parseAction, type OptionsPatch } from './parseAction';
import { isServerId, serverId } from './serverIds';
import { randomId128 } from './rng';
import type { Action, AppServer, Client, ForgeHow, SimState } from './types';
import { cookieContext, log, own, serverById, shortId, type Tick } from './world';
import { formatNumber, plural } from '../format';

const onOff = (on: boolean): string => (on ? 'on' : 'off');
const seconds = (ms: number): string => plural(ms / 1000, 'second');
/** A changed setting as the event log says it (its option's name is the code's, not the learner's). */
const OPTION_WORDS: { [K in keyof Required<OptionsPatch>]: (v: Required<OptionsPatch>[K]) => string } = {
  lbPolicy: (v) => `load balancing ${v}`,
  denylist: (v) => `denylist ${onOff(v)}`,
  denylistFailMode: (v) => `with the denylist down, fail ${v}`,
  refreshTokens: (v) => `refresh tokens ${onOff(v)}`,
  tokenTtlMs: (v) => `tokens live ${seconds(v)}`,
  delivery: (v) => `token sent in ${v === 'cookie' ? 'a cookie' : 'the Authorization header'}`,
  clockToleranceMs: (v) => `clock tolerance ${seconds(v)}`,
  sessionStorage: (v) => `sessions kept in ${v === 'shared' ? 'the shared store' : "each server's memory"}`,
  alg: (v) => `tokens signed with ${v}`,
};

export function newServer(s: SimState): AppServer {
  return {
    id: serverId(s.nextServerNumber++),
    up: true,
    skewMs: 0,
    bootedAtMs: s.timeMs,
    localSessions: {},
    jwksCache: { kids: [], fetchedAtMs: null },
    inFlight: 0,
    handled: 0,
    storeLookups: 0,
    signatureVerifications: 0,
    lastCheck: null,
    cpuBusyUntilMs: 0,
    cpuMs: 0,
    stoppedAtMs: null,
  };
}

/** A server's process ends (a crash or a restart): the work booked on its core is never done, and what it would have sent is lost. */
function stopProcess(s: SimState, server: AppServer): void {
  const unfinishedMs = Math.max(0, server.cpuBusyUntilMs - s.timeMs);
  server.cpuMs -= unfinishedMs;
  s.metrics.serverCpuMs -= unfinishedMs;
  server.cpuBusyUntilMs = s.timeMs;
  server.stoppedAtMs = s.timeMs;
}

export function newClient(id: string, userId: string, kind: Client['kind']): Client {
  return { id, kind, userId, jar: { cookies: [] }, storage: { accessToken: null, refreshToken: null }, refreshing: false, loginNeeded: false, forged: null, cookieDropped: null };
}

export function applyAction(t: Tick, unchecked: Action, alreadyChecked = false): void {
  const { s } = t;
  // The engine checks too (a script scheduled in code passes no other gate): a bad action is named, never applied.
  let action = unchecked;
  if (!alreadyChecked) {
    const checked = parseAction(unchecked);
    if (!checked.ok) return log(s, 'note', `An action was refused: ${checked.problem}.`);
    action = checked.value;
  }
  switch (action.type) {
    case 'login':
      return void startRequest(t, action.clientId, 'login');
    case 'request':
      return void startRequest(t, action.clientId, 'api', action.path);
    case 'logout':
      return void startRequest(t, action.clientId, 'logout');
    case 'refresh':
      return void startRequest(t, action.clientId, 'refresh');
    case 'traffic':
      if (action.count <= 0) return;
      // A signed-out app sends nothing until its user logs in again (the stream keeps its beat):
      // counted, so a lab row whose users were signed out says why it sent fewer requests.
      if (own(s.clients, action.clientId)?.loginNeeded) s.metrics.signedOutSkips++;
      else startRequest(t, action.clientId, 'api');
      // Written out, not spread: this runs once per request of a steady stream.
      if (action.count > 1) scheduleTimer(s, { timeMs: s.timeMs + action.everyMs, seq: s.seq++, event: { type: 'action', action: { type: 'traffic', clientId: action.clientId, everyMs: action.everyMs, count: action.count - 1 }, checked: true } }, s.repeats);
      return;
    case 'logoutEverywhere':
      return revokeUser(s, action.userId, `${action.userId} logs out everywhere`);
    case 'changePassword':
      if (bumpUser(s, action.userId, (u) => u.passwordVersion++)) revokeUser(s, action.userId, `${action.userId} changes password`);
      return;
    case 'banUser':
      if (bumpUser(s, action.userId, (u) => (u.banned = true))) revokeUser(s, action.userId, `The admin bans ${action.userId}`);
      return;
    case 'changeRole':
      if (!bumpUser(s, action.userId, (u) => (u.role = action.role))) return;
      // Counted where a credential was already handed out (a role given before the first login is setup).
      if (holdsCredential(s, action.userId)) s.metrics.roleChanges++;
      return log(s, 'action', `The admin changes ${action.userId}'s role to ${action.role}.`);
    case 'setExtraClaims':
      if (!bumpUser(s, action.userId, (u) => (u.extraClaims = { ...action.claims }))) return;
      return log(s, 'action', `${action.userId}'s profile now has ${Object.keys(action.claims).length} extra fields (a JWT carries them as claims).`);
    default:
      return applyOperatorAction(t, action);
  }
}

/** Changes a user's record; false (and a log line) when there is no such user. */
function bumpUser(s: SimState, userId: string, change: (u: SimState['users'][string]) => void): boolean {
  const user = own(s.users, userId);
  if (user) change(user);
  else log(s, 'note', `There is no user called ${userId}.`);
  return user !== undefined;
}

/** Whether a user has been handed a credential still on record: a session in the store, or a token issued. */
function holdsCredential(s: SimState, userId: string): boolean {
  return Object.values(s.store.sessions).some((r) => r.userId === userId) || Object.values(s.issued).some((t) => t.userId === userId);
}

/** Revoke every credential of a user; what that achieves depends entirely on the auth model. */
function revokeUser(s: SimState, userId: string, what: string): void {
  s.revocations.push({ atMs: s.timeMs, userId, credentialId: null, what });
  schemeOf(s).revokeUser(s, userId, what);
}

function findServer(s: SimState, id: string): AppServer | undefined {
  const server = serverById(s, id);
  if (!server) log(s, 'note', `There is no server called ${id}.`);
  return server;
}

function applyOperatorAction(t: Tick, action: Action): void {
  const { s } = t;
  switch (action.type) {
    case 'addServer': {
      if (s.servers.length >= LIMITS.drawnServers) return log(s, 'note', `The cluster already has ${LIMITS.drawnServers} servers, the most this simulator draws.`);
      const server = newServer(s);
      s.servers.push(server);
      noteSigningKeyHolders(s);
      return log(s, 'action', `${server.id} joins the cluster${schemeOf(s).joining(s)}.`, { nodeId: server.id });
    }
    case 'removeServer': {
      if (s.servers.length <= 1) return log(s, 'note', 'The last server cannot be removed.');
      if (!findServer(s, action.serverId)) return;
      s.servers = s.servers.filter((sv) => sv.id !== action.serverId);
      return log(s, 'action', `${action.serverId} is removed; whatever it held in memory is gone.`);
    }
    case 'killServer': {
      const server = findServer(s, action.serverId);
      if (!server) return;
      const lostIds = Object.keys(server.localSessions);
      const lost = lostIds.length;
      if (server.up) s.metrics.serverCrashes++;
      s.metrics.sessionsLost += lost;
      for (const sid of lostIds) s.lostSessions[sid] = true;
      stopProcess(s, server);
      Object.assign(server, { up: false, localSessions: {}, jwksCache: { kids: [], fetchedAtMs: null }, inFlight: 0 });
      return log(s, 'action', `${server.id} crashes${lost ? `, losing ${plural(lost, 'session')} it held in memory` : ''}.`, { nodeId: server.id });
    }
    case 'restartServer': {
      const server = findServer(s, action.serverId);
      if (!server) return;
      stopProcess(s, server);
      Object.assign(server, { up: true, bootedAtMs: s.timeMs, localSessions: {}, jwksCache: { kids: [], fetchedAtMs: null }, inFlight: 0 });
      return log(s, 'action', `${server.id} restarts with empty memory.`, { nodeId: server.id });
    }
    case 'storeDown':
      if (s.store.up) s.metrics.storeOutages++;
      s.store.up = false;
      return log(s, 'action', 'The shared store goes down.', { nodeId: 'store' });
    case 'storeUp':
      s.store.up = true;
      s.store.slowFactor = 1;
      return log(s, 'action', 'The shared store is back.', { nodeId: 'store' });
    case 'storeSlow':
      s.store.slowFactor = Math.max(1, action.factor);
      return log(s, 'action', `The shared store slows down ${s.store.slowFactor}x.`, { nodeId: 'store' });
    case 'rotateKey': {
      const rotateKey = schemeOf(s).rotateKey;
      if (!rotateKey) return log(s, 'note', `The ${SCHEME_WORDS[s.options.mode].world} signs nothing: there is no key to rotate.`);
      const kid = rotateKey(t);
      return log(s, 'action', `The issuer rotates its signing key: new key ${kid} is published in the JWKS.`, { nodeId: 'jwks' });
    }
    case 'setSkew': {
      const server = findServer(s, action.serverId);
      if (!server) return;
      server.skewMs = action.skewMs;
      // Ahead or behind, as the captions say: "-20 s off" read as a double negative (learner review).
      const offBy = `${formatNumber(Math.abs(action.skewMs) / 1000, 3)} s ${action.skewMs > 0 ? 'ahead' : 'behind'}`;
      return log(s, 'action', `${server.id}'s clock is now ${action.skewMs === 0 ? 'right' : offBy}.`, { nodeId: server.id });
    }
    case 'setOptions': {
      const algChanged = action.patch.alg !== undefined && action.patch.alg !== s.options.alg;
      // Replaced, not edited: what was published of the old options stays as it was (store/snapshot.ts).
      s.options = { ...s.options, ...action.patch };
      log(s, 'action', `Settings changed: ${(Object.entries(action.patch) as [keyof OptionsPatch, unknown][]).map(([k, v]) => OPTION_WORDS[k](v as never)).join(', ')}.`);
      if (algChanged) schemeOf(s).rotateKey?.(t);
      return;
    }
    case 'tamper':
      return tamper(s, action.clientId, action.how);
    case 'steal':
      return steal(s, action.fromClientId, action.attackerId);
    case 'note':
      return log(s, 'note', action.text);
    default:
      return;
  }
}

/** Edit the credential the browser holds, as a user with devtools open would. */
function tamper(s: SimState, clientId: string, how: ForgeHow): void {
  const client = own(s.clients, clientId);
  if (!client) return log(s, 'note', `There is no client called ${clientId}.`);
  if (how === 'guess-session') {
    // A world whose model reads no session cookie (JWT) has no session id to guess: its stage and
    // inspector would show a session cookie the requests never use.
    const readsSessionCookie = schemeOf(s).carries({ hasCookie: (name) => name === SESSION_COOKIE, bearer: false });
    if (!readsSessionCookie) return log(s, 'note', `${clientId} holds ${SCHEME_WORDS[s.options.mode].credential}, not a session id: there is no session id to guess in this world.`);
    const guess = randomId128(s.rng);
    client.jar = applySetCookie(client.jar, serializeSetCookie({ name: SESSION_COOKIE, value: guess, path: '/', secure: true, httpOnly: true, sameSite: 'Lax' }), cookieContext(s)).jar;
    client.forged = how;
    return log(s, 'action', `${clientId} replaces their session cookie with a guessed id ${shortId(guess)} (one of 2^128).`, { nodeId: clientId });
  }
  const forge = schemeOf(s).forge;
  if (!forge) return log(s, 'note', `${clientId} holds ${SCHEME_WORDS[s.options.mode].credential}, not a token: there are no claims to edit in this world.`);
  forge(s, client, how);
}

/** Ids the cluster's nodes answer to: a client of that name would have the node's messages delivered to it. */
const namesANode = (id: string): boolean => id === 'lb' || id === 'store' || id === 'jwks' || isServerId(id);

/** The attacker copies every credential the victim's browser holds (XSS, a leaked log, malware). */
function steal(s: SimState, fromClientId: string, attackerId: string): void {
  const victim = own(s.clients, fromClientId);
  if (!victim) return log(s, 'note', `There is no client called ${fromClientId}.`);
  if (namesANode(attackerId)) return log(s, 'note', `${attackerId} is the name of a node of the cluster: the attacker needs a name of its own.`);
  let attacker = own(s.clients, attackerId);
  // A user's own browser is no attacker: a link's steal into bob's browser had him send alice's credentials as bob.
  if (attacker && attacker.kind !== 'attacker') return log(s, 'note', `${attackerId} is a user's browser: the attacker needs a name of its own.`);
  if (!attacker) {
    const attackers = Object.values(s.clients).filter((c) => c.kind === 'attacker');
    if (attackers.length >= LIMITS.drawnAttackers)
      return log(s, 'note', `The cluster already has ${plural(attackers.length, 'attacker')} (${attackers.map((c) => c.id).join(', ')}), the most this simulator draws: ${attackerId} steals nothing.`);
    attacker = s.clients[attackerId] = newClient(attackerId, victim.userId, 'attacker');
  }
  const wanted = new Set([SESSION_COOKIE, JWT_COOKIE, REFRESH_COOKIE]);
  attacker.jar = { cookies: victim.jar.cookies.filter((c) => wanted.has(c.name)).map((c) => ({ ...c })) };
  attacker.storage = { ...victim.storage };
  const n = attacker.jar.cookies.length + (victim.storage.accessToken ? 1 : 0) + (victim.storage.refreshToken ? 1 : 0);
  attacker.forged = victim.forged;
  log(s, 'action', `${attackerId} steals ${plural(n, 'credential')} from ${fromClientId}'s browser.`, { nodeId: attackerId });
}
