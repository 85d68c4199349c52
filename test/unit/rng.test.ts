import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { bytesToBase64url, nextFloat, nextInt, randomId128, seedRng } from '../../src/sim/rng';

describe('seeded rng', () => {
  it('replays the same draws from the same seed and differs across seeds', () => {
    const a = seedRng(7);
    const b = seedRng(7);
    const c = seedRng(8);
    const draws = (r: ReturnType<typeof seedRng>) => Array.from({ length: 5 }, () => randomId128(r));
    const da = draws(a);
    expect(draws(b)).toEqual(da);
    expect(draws(c)).not.toEqual(da);
  });

  it('makes 128-bit session ids: 22 base64url characters, all distinct', () => {
    const r = seedRng(1);
    const ids = new Set(Array.from({ length: 2000 }, () => randomId128(r)));
    expect(ids.size).toBe(2000);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });

  it('draws floats in [0,1) and ints in range', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffffffff }), fc.integer({ min: 1, max: 1000 }), (seed, max) => {
        const r = seedRng(seed);
        const f = nextFloat(r);
        const i = nextInt(r, max);
        return f >= 0 && f < 1 && Number.isInteger(i) && i >= 0 && i < max;
      }),
    );
  });

  it('encodes base64url like the platform does', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        const expected = Buffer.from(bytes).toString('base64url');
        return bytesToBase64url([...bytes]) === expected;
      }),
    );
  });
});
