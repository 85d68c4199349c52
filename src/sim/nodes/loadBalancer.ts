// The load balancer: picks an app server by policy, forwards requests and responses, and (when
// sticky) pins a browser to a server with an affinity cookie, as real balancers do.
import { serializeSetCookie } from '../../auth/cookies';
import { cookieValue, firstRequestHeader, responseSize } from '../http';
import { nextInt } from '../rng';
import { statusFor } from '../../reasons';
import type { AppServer, Message, RequestRecord, SimState } from '../types';
import { arrivesLate, linkLatency, log, send, serverById, type Tick } from '../world';
import { respondTo } from './respond';
import { AFFINITY_COOKIE } from '../cookieNames';

function affinityOf(req: RequestRecord): string | undefined {
  const cookie = firstRequestHeader(req.httpRequest, 'cookie');
  return cookie ? cookieValue(cookie, AFFINITY_COOKIE) : undefined;
}

function pick(s: SimState, up: AppServer[], req: RequestRecord): AppServer {
  const policy = s.options.lbPolicy;
  if (policy === 'sticky') {
    const pinned = up.find((sv) => sv.id === affinityOf(req));
    if (pinned) return pinned;
  }
  if (policy === 'random') return up[nextInt(s.rng, up.length)]!;
  if (policy === 'least-connections') return up.reduce((best, sv) => (sv.inFlight < best.inFlight ? sv : best));
  const chosen = up[s.lb.rrIndex % up.length]!;
  s.lb.rrIndex = (s.lb.rrIndex + 1) % Math.max(1, up.length);
  return chosen;
}

export function onRequest(t: Tick, msg: Message): void {
  const { s } = t;
  const req = s.requests.get(msg.requestId);
  if (!req) return arrivesLate(s, msg.requestId, 'request', 'lb');
  const up = upServers(s.servers);
  if (up.length === 0) {
    req.reason = 'server_down';
    req.detail = 'Every app server is down.';
    req.decidedAtMs = s.timeMs;
    respondTo(s, req, 'lb', statusFor('server_down'), [], JSON.stringify({ error: 'server_down' }));
    log(s, 'server', 'The load balancer has no app server up: 503 server_down.', { requestId: req.id, nodeId: 'lb', reason: 'server_down', ok: false });
    return;
  }
  const server = pick(s, up, req);
  if (s.options.lbPolicy === 'sticky' && affinityOf(req) !== server.id) req.stickyTo = server.id;
  req.serverId = server.id;
  req.stage = 'to-server';
  server.inFlight++;
  forward(s, msg, server.id, s.options.latency.lbToServerMs);
}

/** The servers taking requests: the list itself when all are (the usual case), so no list is made per request. */
function upServers(servers: AppServer[]): AppServer[] {
  for (const sv of servers) if (!sv.up) return servers.filter((x) => x.up);
  return servers;
}

/** Passes a request or response on, written out field by field: a spread of the message per hop was the balancer's main cost. */
function forward(s: SimState, msg: Message, to: string, baseLatencyMs: number): void {
  send(s, { id: 0, sendTimeMs: 0, recvTimeMs: 0, requestId: msg.requestId, kind: msg.kind === 'request' ? 'request' : 'response', from: 'lb', to, credential: msg.credential, label: msg.label, ok: msg.ok, reason: msg.reason }, linkLatency(s, baseLatencyMs));
}

/** A response passes back through the balancer on its way to the browser. */
export function onResponse(t: Tick, msg: Message): void {
  const { s } = t;
  const req = s.requests.get(msg.requestId);
  if (!req) return arrivesLate(s, msg.requestId, 'response', 'lb');
  // An answer booked on a server's core to leave after its process stopped never left.
  const from = serverById(s, msg.from);
  if (from?.stoppedAtMs != null && msg.sendTimeMs > from.stoppedAtMs && (req.serverReceivedAtMs ?? -Infinity) < from.stoppedAtMs) {
    log(s, 'server', `${from.id} stopped before its answer to request #${req.id} left: it is lost, and the browser will time out.`, { requestId: req.id, nodeId: from.id, ok: false });
    return;
  }
  const pinTo = req.stickyTo;
  if (pinTo !== null && req.httpResponse) {
    const cookie = serializeSetCookie({ name: AFFINITY_COOKIE, value: pinTo, path: '/', secure: true, httpOnly: true, sameSite: 'Lax' });
    req.httpResponse = { ...req.httpResponse, headers: [['Set-Cookie', cookie], ...req.httpResponse.headers] };
    req.responseBytes = responseSize(req.httpResponse);
  }
  forward(s, msg, req.clientId, s.options.latency.clientToLbMs);
}
