// The lab charges each signature check the cost measured here. A page that is not cross-origin
// isolated reads a clock Chromium coarsens to 0.1 ms: one HS256 check (~0.02 ms) timed alone read
// 0 or 0.1, and the lab charged its 0.001 ms floor. Here every check takes 0.02 ms of a fake clock
// read at that coarseness (the checks themselves are jose's, real).
import { describe, expect, it, vi } from 'vitest';
import { measureVerifyMs } from '../../src/lab/calibrate';

const clock = vi.hoisted(() => ({ ms: 0, perCheckMs: 0.02, real: true }));
vi.mock('../../src/auth/tokens', async (real) => {
  const tokens = await real<typeof import('../../src/auth/tokens')>();
  return {
    ...tokens,
    verifyToken: (...args: Parameters<typeof tokens.verifyToken>) => {
      clock.ms += clock.perCheckMs;
      return clock.real ? tokens.verifyToken(...args) : Promise.resolve({ ok: true } as Awaited<ReturnType<typeof tokens.verifyToken>>);
    },
  };
});

/** What a page that is not cross-origin isolated reads: whole tenths of a millisecond. */
const coarse = () => Math.floor(clock.ms * 10) / 10;

describe('measureVerifyMs', () => {
  it('measures a check far shorter than the clock can tell apart', async () => {
    expect(await measureVerifyMs('HS256', coarse)).toBe(0.02);
    clock.perCheckMs = 0.13;
    expect(await measureVerifyMs('EdDSA', coarse)).toBe(0.13);
  });

  it('ends on a clock that never moves, with the floor', async () => {
    // Tens of thousands of checks: how many is what matters here, not their crypto.
    clock.real = false;
    expect(await measureVerifyMs('HS256', () => 0)).toBe(0.001);
  });
});
