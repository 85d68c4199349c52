// Paths a mutation check found untested: each fails if its line of the model is removed.
import { describe, expect, it } from 'vitest';
import type { Action } from '../../src/sim/types';
import { reasons, requestsOf, run, type Script } from './support/run';

/** Alice logs in and asks at 1 s; `revoke` lands at 2 s; she asks again at 3 s. */
const askAround = (revoke: Action): Script => [
  [0, { type: 'login', clientId: 'alice' }],
  [1_000, { type: 'request', clientId: 'alice' }],
  [2_000, revoke],
  [3_000, { type: 'request', clientId: 'alice' }],
];

describe('changing a password', () => {
  it('ends the user\'s sessions: the old cookie is refused at once', async () => {
    const d = await run({ mode: 'session' }, askAround({ type: 'changePassword', userId: 'alice' }), 5_000);
    expect(reasons(requestsOf(d.state, 'alice', 'api'))).toEqual(['ok', 'session_unknown']);
  });

  it('refuses the tokens issued before it through the denylist, when there is one', async () => {
    const d = await run({ mode: 'jwt', denylist: true }, askAround({ type: 'changePassword', userId: 'alice' }), 5_000);
    expect(reasons(requestsOf(d.state, 'alice', 'api'))).toEqual(['ok', 'token_revoked']);
  });
});

describe('banning a user', () => {
  it('ends sessions a server holds in its own memory, not only those in the shared store', async () => {
    const d = await run({ mode: 'session', sessionStorage: 'local', servers: 1 }, askAround({ type: 'banUser', userId: 'alice' }), 5_000);
    expect(reasons(requestsOf(d.state, 'alice', 'api'))).toEqual(['ok', 'session_unknown']);
    expect(d.state.servers[0]!.localSessions).toEqual({});
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

  it('give no new token once the user is banned, even to a refresh already on its way when the ban lands', async () => {
    // The ban revokes the refresh family; a refresh the store has already rotated when the ban comes
    // is stopped by the server's own look at the user. Every ban moment before the server issues.
    const script = (banAt?: number): Script => [
      [0, { type: 'login', clientId: 'alice' }],
      [1_000, { type: 'refresh', clientId: 'alice' }],
      ...(banAt === undefined ? [] : [[banAt, { type: 'banUser', userId: 'alice' }] as Script[number]]),
    ];
    const unbanned = await run({ mode: 'jwt', refreshTokens: true, tokenTtlMs: 2_000 }, script(), 3_000);
    const issuedAt = unbanned.state.log.entries.find((e) => e.text.includes('rotates the refresh token and '))!.timeMs;
    for (let banAt = 1_000; banAt < issuedAt; banAt += 2) {
      const d = await run({ mode: 'jwt', refreshTokens: true, tokenTtlMs: 2_000 }, script(banAt), 3_000);
      const [refresh] = requestsOf(d.state, 'alice', 'refresh');
      expect(refresh!.reason, `ban at ${banAt} ms, the token issued at ${issuedAt} ms without one`).not.toBe('ok');
    }
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
