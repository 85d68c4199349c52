// The run's one source of randomness: xoshiro128** seeded through splitmix32.
// Its state is four plain numbers inside the simulation state, so checkpoints copy it and
// a replay from the same seed draws the same ids, jitter and load-balancer picks.

import { bytesToBase64url as encodeBase64url } from '../auth/jwtText';

export type RngState = [number, number, number, number];

export function seedRng(seed: number): RngState {
  let x = seed >>> 0;
  const next = (): number => {
    x = (x + 0x9e3779b9) >>> 0;
    let z = x;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
  return [next(), next(), next(), next()];
}

const rotl = (v: number, k: number): number => ((v << k) | (v >>> (32 - k))) >>> 0;

/** Next unsigned 32-bit draw; advances the state in place. */
export function nextU32(s: RngState): number {
  const result = Math.imul(rotl(Math.imul(s[1], 5) >>> 0, 7), 9) >>> 0;
  const t = (s[1] << 9) >>> 0;
  s[2] = (s[2] ^ s[0]) >>> 0;
  s[3] = (s[3] ^ s[1]) >>> 0;
  s[1] = (s[1] ^ s[2]) >>> 0;
  s[0] = (s[0] ^ s[3]) >>> 0;
  s[2] = (s[2] ^ t) >>> 0;
  s[3] = rotl(s[3], 11);
  return result;
}

/** Uniform float in [0, 1). */
export function nextFloat(s: RngState): number {
  return nextU32(s) / 0x100000000;
}

/** Uniform integer in [0, maxExclusive). */
export function nextInt(s: RngState, maxExclusive: number): number {
  return Math.floor(nextFloat(s) * maxExclusive);
}

export function nextBytes(s: RngState, count: number): number[] {
  const out: number[] = [];
  while (out.length < count) {
    const v = nextU32(s);
    for (let i = 0; i < 4 && out.length < count; i++) out.push((v >>> (8 * i)) & 0xff);
  }
  return out;
}

/** base64url of PRNG bytes, through the one encoder the project has (auth/jwtText). */
export const bytesToBase64url = (bytes: readonly number[]): string => encodeBase64url(Uint8Array.from(bytes));

/** A 128-bit random id, base64url (22 characters): the strength OWASP asks of a session id. */
export function randomId128(s: RngState): string {
  return bytesToBase64url(nextBytes(s, 16));
}
