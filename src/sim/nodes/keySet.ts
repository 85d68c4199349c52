// The key set (JWKS): the issuer's signing keys by kid. Rotation publishes a new key at once and
// keeps the old one published for an overlap, so tokens signed just before still verify.
import { nextBytes } from '../rng';
import type { Message, SimState } from '../types';
import { linkLatency, log, reserveSeq, schedule, send, type Tick } from '../world';


/** A secret every server holds: a ready HS256 key (given by configuration, never published or fetched). */
export const isHeldSecret = (k: { alg: string; ready: boolean }): boolean => k.ready && k.alg === 'HS256';

/** What the key set (JWKS) publishes: public keys only. An HS256 secret is given to every server, never published (`knownKids` in schemes/jwt.ts). */
export const publishedKids = (s: SimState): string[] => s.keys.keys.filter((k) => k.ready && k.alg !== 'HS256').map((k) => k.kid);

/**
 * How many nodes hold key material that can mint a valid token (the microservices lesson). The
 * issuer (the key set node) signs every token. With HS256 the same shared secret must also sit
 * on every app server that verifies; with EdDSA/ES256 the servers need only the public key. An
 * HS256 secret in the set (during a rotation's overlap too) still counts. A withdrawn key does not:
 * every server accepts only the algorithms of the keys in the set (`acceptedAlgorithms`), so it
 * mints nothing any of them takes. No keys: 0.
 */
export function signingKeyHolders(s: SimState): number {
  const published = s.keys.keys.filter((k) => k.ready);
  if (published.length === 0) return 0;
  return published.some((k) => k.alg === 'HS256') ? s.servers.length + 1 : 1;
}

/** Keeps the run's peak of signingKeyHolders; called wherever keys or servers are added. */
export function noteSigningKeyHolders(s: SimState): void {
  s.metrics.signingKeyHoldersMax = Math.max(s.metrics.signingKeyHoldersMax, signingKeyHolders(s));
}

/** Asks the driver for a new key; its 32 seed bytes come from the run's PRNG, so runs replay. */
export function requestNewKey(t: Tick): string {
  const { s } = t;
  const kid = `k${s.keys.nextKeyNumber++}`;
  const alg = s.options.alg;
  s.keys.keys.push({ kid, alg, createdAtMs: s.timeMs, ready: false, publicJwk: null });
  t.effects.push({ kind: 'createKey', kid, alg, seed: nextBytes(s.rng, 32), dueTimeMs: s.timeMs, seq: reserveSeq(s) });
  return kid;
}

export function onKeyCreated(t: Tick, kid: string, publicJwk: Record<string, unknown> | null): void {
  const { s } = t;
  const key = s.keys.keys.find((k) => k.kid === kid);
  if (!key) return;
  key.ready = true;
  key.publicJwk = publicJwk;
  noteSigningKeyHolders(s);
  const previous = s.keys.activeKid;
  s.keys.activeKid = kid;
  if (previous) {
    schedule(s, s.timeMs + s.options.keyOverlapMs, { type: 'keyRetire', kid: previous });
    // An HS256 secret is never published: it stays on the issuer and every server (microservices' log
    // said "k1 stays published" beside a key set reading "no public key").
    const old = s.keys.keys.find((k) => k.kid === previous);
    const stays = old?.alg === 'HS256' ? `the HS256 secret ${previous} stays on the issuer and every server` : `${previous} stays published`;
    const newAlg = old && old.alg !== key.alg ? ` (${key.alg})` : '';
    log(s, 'key', `The issuer now signs with key ${kid}${newAlg}; ${stays} for ${Math.round(s.options.keyOverlapMs / 1000)} s so older tokens still verify.`, { nodeId: 'jwks' });
  } else {
    log(s, 'key', `Signing key ${kid} (${key.alg}) is ready.`, { nodeId: 'jwks' });
  }
}

export function onKeyRetire(t: Tick, kid: string): void {
  const { s } = t;
  if (s.keys.activeKid === kid) return;
  const secret = s.keys.keys.some((k) => k.kid === kid && k.alg === 'HS256');
  s.keys.keys = s.keys.keys.filter((k) => k.kid !== kid);
  // A secret is taken off every server at once (the model's reconfiguration); a public key leaves their caches at their next fetch.
  log(s, 'key', secret ? `The HS256 secret ${kid} is withdrawn from the issuer and every server: tokens signed with it no longer verify.` : `Key ${kid} is withdrawn from the key set: tokens signed with it no longer verify once servers refresh.`, { nodeId: 'jwks' });
}

export function onFetch(t: Tick, msg: Message): void {
  const { s } = t;
  send(s, { id: 0, sendTimeMs: 0, recvTimeMs: 0, requestId: msg.requestId, kind: 'jwks-reply', from: 'jwks', to: msg.from, credential: 'none', label: 'keys', ok: true, reason: null, kids: publishedKids(s) }, linkLatency(s, s.options.latency.serverToJwksMs));
}
