// Every tunable of a run in one object (TigerBeetle style): latencies, service times and faults
// are settings, so a scenario or a link can reproduce any situation exactly.
import type { SimOptions } from './types';

export const DEFAULT_OPTIONS: SimOptions = {
  mode: 'session',
  seed: 1,
  servers: 3,
  clients: [{ id: 'alice', userId: 'alice', kind: 'browser' }],
  lbPolicy: 'round-robin',
  sessionStorage: 'shared',
  sessionIdleMs: 30 * 60_000,
  sessionAbsoluteMs: 8 * 60 * 60_000,
  alg: 'EdDSA',
  delivery: 'header',
  tokenTtlMs: 60_000,
  refreshTokens: false,
  refreshTtlMs: 24 * 60 * 60_000,
  denylist: false,
  denylistFailMode: 'closed',
  clockToleranceMs: 0,
  jwksRefreshMs: 30_000,
  keyOverlapMs: 120_000,
  issuer: 'https://app.example',
  audience: 'app.example/api',
  host: 'app.example',
  latency: { clientToLbMs: 40, lbToServerMs: 2, serverToStoreMs: 1, serverToJwksMs: 5, jitterMs: 4 },
  serverServiceMs: 2,
  storeServiceMs: 0.2,
  storeCapacityOpsPerSec: 5000,
  // Virtual costs of one operation, in the ratio measured on a laptop (HMAC < Ed25519 < P-256).
  cryptoSignMs: { HS256: 0.02, EdDSA: 0.08, ES256: 0.15 },
  cryptoVerifyMs: { HS256: 0.02, EdDSA: 0.15, ES256: 0.25 },
  requestTimeoutMs: 5_000,
  maxHeaderBytes: 8 * 1024,
  // Two seconds of work at full capacity: the load lesson's deepest queue (~4,600) stays under it.
  storeQueueMax: 10_000,
  logCapacity: 2_000,
  recentRequestsCapacity: 200,
};

export const LIMITS = {
  // The load lab sweeps up to 16 servers and 10,000 users; a lesson's stage draws at most 12 servers.
  servers: { min: 1, max: 16 },
  drawnServers: 12,
  // A row of browsers holds two more than a lesson's on a phone, names whole; each steal under a new name brings one in.
  drawnAttackers: 2,
  clients: { min: 1, max: 10_000 },
  tokenTtlMs: { min: 1_000, max: 24 * 60 * 60_000 },
  seed: { min: 0, max: 0xffffffff },
} as const;

export function withOptions(patch: Partial<SimOptions> = {}): SimOptions {
  return {
    ...DEFAULT_OPTIONS,
    ...patch,
    latency: { ...DEFAULT_OPTIONS.latency, ...patch.latency },
    cryptoSignMs: { ...DEFAULT_OPTIONS.cryptoSignMs, ...patch.cryptoSignMs },
    cryptoVerifyMs: { ...DEFAULT_OPTIONS.cryptoVerifyMs, ...patch.cryptoVerifyMs },
    clients: (patch.clients ?? DEFAULT_OPTIONS.clients).map((c) => ({ ...c })),
  };
}

/** Problems a learner can fix, one sentence each; an empty list means the options are usable. */
export function validateOptions(o: SimOptions): string[] {
  const problems: string[] = [];
  const inRange = (name: string, v: number, min: number, max: number) => {
    if (!Number.isFinite(v) || v < min || v > max) problems.push(`${name} must be between ${min} and ${max} (got ${v}).`);
  };
  inRange('servers', o.servers, LIMITS.servers.min, LIMITS.servers.max);
  inRange('clients', o.clients.length, LIMITS.clients.min, LIMITS.clients.max);
  inRange('tokenTtlMs', o.tokenTtlMs, LIMITS.tokenTtlMs.min, LIMITS.tokenTtlMs.max);
  inRange('seed', o.seed, LIMITS.seed.min, LIMITS.seed.max);
  if (!Number.isInteger(o.seed)) problems.push(`seed must be a whole number (got ${o.seed}).`);
  if (o.storeCapacityOpsPerSec <= 0) problems.push('storeCapacityOpsPerSec must be positive.');
  const ids = new Set(o.clients.map((c) => c.id));
  if (ids.size !== o.clients.length) problems.push('client ids must be unique.');
  return problems;
}
