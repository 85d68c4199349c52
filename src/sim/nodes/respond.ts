// Building and sending a response: the one way a request's answer leaves a server (or the balancer).
import { responseSize } from '../http';
import type { RequestRecord, SimState } from '../types';
import { linkLatency, send, serverById } from '../world';
import { cpuWork } from './cpu';

/** `bodyBytes`: the body's UTF-8 length, when the caller already knows it (a body made once and reused). */
export function respondTo(s: SimState, req: RequestRecord, from: string, status: number, headers: [string, string][], body: string, bodyBytes?: number): void {
  req.httpResponse = { status, headers, body };
  req.responseBytes = responseSize(req.httpResponse, bodyBytes);
  req.status = status;
  req.stage = 'to-client';
  const ok = req.reason === 'ok';
  const label = ok ? `${status}` : `${status} ${req.reason}`;
  const fromServer = serverById(s, from);
  if (fromServer) {
    fromServer.inFlight = Math.max(0, fromServer.inFlight - 1);
    send(s, { id: 0, sendTimeMs: 0, recvTimeMs: 0, requestId: req.id, kind: 'response', from, to: 'lb', credential: req.credential, label, ok, reason: req.reason }, linkLatency(s, s.options.latency.lbToServerMs), cpuWork(s, fromServer, s.options.serverServiceMs) - s.timeMs);
  } else {
    send(s, { id: 0, sendTimeMs: 0, recvTimeMs: 0, requestId: req.id, kind: 'response', from, to: req.clientId, credential: req.credential, label, ok, reason: req.reason }, linkLatency(s, s.options.latency.clientToLbMs));
  }
}
