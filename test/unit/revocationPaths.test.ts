// Paths a mutation check found untested: each fails if its line of the model is removed.
import { describe, expect, it } from 'vitest';
import { reasons, requestsOf, run } from './support/run';

describe('changing a password', () => {
  it('ends the user\'s sessions: the old cookie is refused at once', async () => {
    const d = await run({ mode: 'session' }, [
      [0, { type: 'login', clientId: 'alice' }],
      [1_000, { type: 'request', clientId: 'alice' }],
      [2_000, { type: 'changePassword', userId: 'alice' }],
      [3_000, { type: 'request', clientId: 'alice' }],
    ], 5_000);
    expect(reasons(requestsOf(d.state, 'alice', 'api'))).toEqual(['ok', 'session_unknown']);
  });

  it('puts the user\'s live tokens on the denylist when there is one', async () => {
    const d = await run({ mode: 'jwt', denylist: true }, [
      [0, { type: 'login', clientId: 'alice' }],
      [1_000, { type: 'request', clientId: 'alice' }],
      [2_000, { type: 'changePassword', userId: 'alice' }],
      [3_000, { type: 'request', clientId: 'alice' }],
    ], 5_000);
    expect(reasons(requestsOf(d.state, 'alice', 'api'))).toEqual(['ok', 'token_revoked']);
  });
});

describe('refresh tokens', () => {
  it('stop working after their own lifetime', async () => {
    const d = await run({ mode: 'jwt', refreshTokens: true, tokenTtlMs: 2_000, refreshTtlMs: 5_000 }, [
      [0, { type: 'login', clientId: 'alice' }],
      [1_000, { type: 'refresh', clientId: 'alice' }],
      [7_000, { type: 'refresh', clientId: 'alice' }],
    ], 9_000);
    expect(reasons(requestsOf(d.state, 'alice', 'refresh'))).toEqual(['ok', 'refresh_invalid']);
  });

  it('cannot be used by a banned user', async () => {
    const d = await run({ mode: 'jwt', refreshTokens: true, tokenTtlMs: 2_000 }, [
      [0, { type: 'login', clientId: 'alice' }],
      [1_000, { type: 'banUser', userId: 'alice' }],
      [1_500, { type: 'refresh', clientId: 'alice' }],
    ], 4_000);
    const [refresh] = requestsOf(d.state, 'alice', 'refresh');
    expect(['refresh_invalid', 'user_banned']).toContain(refresh?.reason);
  });
});
