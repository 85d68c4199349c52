// "A revoked jti is never accepted again", whatever the token lifetime, the clock tolerance and
// a server's clock skew: the denylist keeps an entry until no server would accept its token.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { requestsOf, run } from './support/run';
import { runs } from '../support/propsSetup';

const BAN_MS = 5_000;

describe('denylist lifetime', () => {
  it('never lets a banned user\'s token back in, with tolerance and skew on', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 10, max: 40 }), fc.integer({ min: 0, max: 30_000 }), fc.integer({ min: -30, max: 30 }), fc.integer({ min: -30, max: 30 }), async (ttlS, toleranceMs, skewS, issuerSkewS) => {
        const d = await run(
          { mode: 'jwt', denylist: true, tokenTtlMs: ttlS * 1000, clockToleranceMs: toleranceMs },
          [
            // server-1 takes the login: its clock stamps the token's iat, which the ban's cut-off must cover (review).
            [0, { type: 'setSkew', serverId: 'server-1', skewMs: issuerSkewS * 1000 }],
            [0, { type: 'login', clientId: 'alice' }],
            [0, { type: 'setSkew', serverId: 'server-2', skewMs: skewS * 1000 }],
            [500, { type: 'traffic', clientId: 'alice', everyMs: 1_000, count: 90 }],
            [BAN_MS, { type: 'banUser', userId: 'alice' }],
          ],
          95_000,
        );
        const afterBan = requestsOf(d.state, 'alice', 'api').filter((r) => r.sentAtMs > BAN_MS + 100);
        expect(afterBan.length).toBeGreaterThan(50);
        expect(afterBan.filter((r) => r.reason === 'ok').map((r) => `#${r.id} at ${r.sentAtMs} on ${r.serverId}`)).toEqual([]);
      }),
      // 1.5 s of tolerance: the servers round their clock to whole seconds, so the entry must outlive exp + 1.5 s.
      { numRuns: runs(12), examples: [[10, 0, 0, 20], [10, 0, 0, -20], [10, 30_000, -30, 30], [10, 30_000, 0, 0], [10, 0, -20, 0], [10, 30_000, -30, 0], [10, 1_500, 0, 0], [10, 2_500, -7, 0]] },
    );
  }, 60_000);
});
