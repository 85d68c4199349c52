// "Accepted now by": a prediction of each server's verdict on a token, read only from the
// snapshot (server up, its JWKS cache, its clock skew, the denylist, the allowed alg). The real
// verdict comes from the servers' WebCrypto check; this only explains what they will look at.
import type { AppServer } from '../../sim/types';
import type { WorldSnapshot } from '../../store/snapshot';
import { acceptedAlgorithms, timeVerdict } from '../../auth/acceptance';
import { fromNumericDate, VIRTUAL_EPOCH_MS } from '../../sim/world';
import { knownKids } from '../../sim/schemes/jwt';

export interface Prediction {
  serverId: string;
  ok: boolean;
  why: string;
}

interface TokenFacts {
  alg: unknown;
  kid: unknown;
  exp: unknown;
  nbf: unknown;
  iat: unknown;
  jti: unknown;
  sub: unknown;
}

/** Why this server would refuse the token's claims, or null when the claims pass. */
function claimProblem(world: WorldSnapshot, server: AppServer, t: TokenFacts, timeMs: number): string | null {
  const o = world.options;
  // The server's own wall clock: virtual time plus its skew, judged by the servers' own rules.
  const verdict = timeVerdict(t, VIRTUAL_EPOCH_MS + timeMs + server.skewMs, o.clockToleranceMs);
  if (verdict === 'token_expired') return 'expired by its clock';
  if (verdict === 'token_not_yet_valid') return 'not valid yet by its clock';
  const allowed = acceptedAlgorithms(world.keys.keys);
  if (typeof t.alg !== 'string' || !allowed.includes(t.alg as (typeof allowed)[number])) return `alg ${String(t.alg)} not allowed (only ${allowed.join(', ')})`;
  if (o.denylist && !world.store.up) return o.denylistFailMode === 'closed' ? 'denylist unreachable, fails closed' : null;
  if (o.denylist && typeof t.jti === 'string' && world.store.denylist.some((d) => d.jti === t.jti)) return 'revoked (jti on the denylist)';
  const cutOff = o.denylist ? world.store.revokedUsers.find((u) => u.userId === t.sub) : undefined;
  if (cutOff && typeof t.iat === 'number' && fromNumericDate(t.iat) < cutOff.cutOffMs) return `revoked (iat up to the denylist's cut-off for ${cutOff.userId}, set by a ban or a log-out-everywhere)`;
  return null;
}

function predictOne(world: WorldSnapshot, server: AppServer, t: TokenFacts, timeMs: number): Prediction {
  const id = server.id;
  if (!server.up) return { serverId: id, ok: false, why: 'down' };
  let prefix = '';
  // What the server checks with, as the engine has it: its cached public keys and any secret it was given (known without a fetch).
  if (typeof t.kid === 'string' && !knownKids(world.keys.keys, server.jwksCache.kids).includes(t.kid)) {
    const fetched = server.jwksCache.fetchedAtMs;
    const stale = fetched === null || timeMs - fetched >= world.options.jwksRefreshMs;
    if (!stale) return { serverId: id, ok: false, why: `kid ${t.kid} unknown (its key cache is fresh, so it will not refetch)` };
    const published = world.keys.keys.some((k) => k.kid === t.kid && k.ready);
    if (!published) return { serverId: id, ok: false, why: `kid ${t.kid} unknown, not even in the key set` };
    prefix = 'will fetch the key set, then ';
  }
  const problem = claimProblem(world, server, t, timeMs);
  if (problem) return { serverId: id, ok: false, why: prefix + problem };
  return { serverId: id, ok: true, why: `${prefix}signature checks out (if untampered)` };
}

/** One prediction per server of the world, in the world's order. */
export function predictAcceptance(world: WorldSnapshot, header: Record<string, unknown>, payload: Record<string, unknown>, timeMs: number): Prediction[] {
  const facts: TokenFacts = { alg: header.alg, kid: header.kid, exp: payload.exp, nbf: payload.nbf, iat: payload.iat, jti: payload.jti, sub: payload.sub };
  return world.servers.map((server) => predictOne(world, server, facts, timeMs));
}
