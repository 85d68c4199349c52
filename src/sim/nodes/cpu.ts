// An app server's CPU: one core that does one piece of work at a time, in virtual time. Handling a
// request (serverServiceMs) and signing or checking a token (cryptoSignMs, cryptoVerifyMs) queue
// on it, so a busy server answers later and adding servers adds capacity: what the load lab sweeps.
import type { AppServer, SimState } from '../types';

/** Books `costMs` of work on the server's core from now (or when it frees up); returns when it is done. */
export function cpuWork(s: SimState, server: AppServer, costMs: number): number {
  const startMs = Math.max(s.timeMs, server.cpuBusyUntilMs);
  server.cpuBusyUntilMs = startMs + costMs;
  server.cpuMs += costMs;
  s.metrics.serverCpuMs += costMs;
  return server.cpuBusyUntilMs;
}
