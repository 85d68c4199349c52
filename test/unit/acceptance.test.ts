// One rule set for "would a server take this token now": the servers (jose, then our iat rule),
// the inspector's prediction, the denylist's pruning and the invariants read src/auth/acceptance.
// Here the pure rules are held against real verification, instant by instant, to the millisecond.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { timeVerdict } from '../../src/auth/acceptance';
import { createKey, signToken, verifyToken } from '../../src/auth/tokens';
import { runs } from '../support/propsSetup';

const NOW_MS = Date.UTC(2026, 0, 5, 9, 0, 0);
const NOW = NOW_MS / 1000;

describe('token acceptance rules', () => {
  it('give the verdict real verification gives, for any exp, nbf, iat, clock and tolerance', async () => {
    const key = await createKey('k1', 'HS256', new Uint8Array(32).fill(7));
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: -40, max: 40 }),
        fc.option(fc.integer({ min: -40, max: 40 }), { nil: undefined }),
        fc.integer({ min: -40, max: 40 }),
        fc.integer({ min: -30_000, max: 30_000 }),
        fc.integer({ min: 0, max: 20_000 }),
        async (expIn, nbfIn, iatIn, clockMs, toleranceMs) => {
          const claims = { sub: 'alice', role: 'user', jti: 'j', iss: 'i', aud: 'a', exp: NOW + expIn, iat: NOW + iatIn, ...(nbfIn === undefined ? {} : { nbf: NOW + nbfIn }) };
          const token = await signToken(claims, key);
          const nowMs = NOW_MS + clockMs;
          const real = await verifyToken(token, { resolveKey: () => key, algorithms: ['HS256'], issuer: 'i', audience: 'a', nowMs, clockToleranceMs: toleranceMs });
          expect(real.ok ? 'ok' : real.reason).toBe(timeVerdict(claims, nowMs, toleranceMs));
        },
      ),
      // A fractional tolerance (1.5 s) is where rounding to whole seconds shows.
      { numRuns: runs(300), examples: [[0, undefined, 0, 1_499, 1_500], [0, undefined, 0, 1_500, 1_500], [-1, undefined, -5, 500, 1_500]] },
    );
  });
});
