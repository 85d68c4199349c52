import { describe, expect, it } from 'vitest';
import { decodeJwtParts } from '../../src/auth/jwtText';
import { bodyOf, requestText, responseText } from '../../src/sim/http';
import type { ClientSpec } from '../../src/sim/types';
import { run, type Script, requestsOf } from './support/run';

// Refresh tokens: the browser trades one for a new access token when the old one expires; the
// store rotates them and revokes a whole family when a used one comes back (RFC 9700 4.14.2).

const jtiOf = (token: string | null): unknown => {
  const parts = decodeJwtParts(token ?? '');
  return parts.ok ? parts.payload.jti : undefined;
};

const withMallory: ClientSpec[] = [
  { id: 'alice', userId: 'alice', kind: 'browser' },
  { id: 'mallory', userId: 'mallory', kind: 'attacker' },
];

// Access tokens live 3 s; alice clicks once a second from 1 s to 9 s.
const steady: Script = [
  [0, { type: 'login', clientId: 'alice' }],
  [1_000, { type: 'traffic', clientId: 'alice', everyMs: 1_000, count: 9 }],
];

describe('refresh tokens: the happy path', () => {
  it('on token_expired the browser refreshes once, stores the new pair, and carries on', async () => {
    const d = await run({ mode: 'jwt', refreshTokens: true, tokenTtlMs: 3_000 }, steady, 12_000);
    const s = d.state;
    const all = requestsOf(s, 'alice');
    expect(all.map((r) => [r.kind, r.reason])).toEqual([
      ['login', 'ok'],
      ['api', 'ok'],
      ['api', 'ok'],
      ['api', 'token_expired'], // t = 3 s: exp reached
      ['refresh', 'ok'],
      ['api', 'ok'],
      ['api', 'ok'],
      ['api', 'token_expired'],
      ['refresh', 'ok'],
      ['api', 'ok'],
      ['api', 'ok'],
      ['api', 'token_expired'],
      ['refresh', 'ok'],
    ]);
    // The refresh starts right after the 401, not on the next click.
    const firstExpired = all[3]!;
    const firstRefresh = all[4]!;
    expect(firstRefresh.sentAtMs).toBe(firstExpired.finishedAtMs);
    // Each access token after a refresh is a new one.
    const accepted = all.filter((r) => r.kind === 'api' && r.reason === 'ok');
    expect(new Set(accepted.map((r) => r.credentialId)).size).toBe(3);
    // Refresh tokens rotate: the login's and the first two rotated ones are used; one is live.
    const records = Object.values(s.store.refreshTokens);
    expect(records).toHaveLength(4);
    expect(records.filter((r) => !r.used)).toHaveLength(1);
    expect(new Set(records.map((r) => r.familyId)).size).toBe(1);
    expect(s.clients.alice!.storage.refreshToken).toBe(records.find((r) => !r.used)!.token);
    expect(s.clients.alice!.refreshing).toBe(false);
    // The log says what the store keeps: "rotates the refresh token...; it stores nothing about it" read as a contradiction.
    expect(s.log.entries.find((e) => /rotates the refresh token/.test(e.text))?.text).toMatch(/; the store keeps the refresh token’s record, nothing about the JWT\.$/);
  });

  it('the refresh request sends the refresh token in its body (header delivery)', async () => {
    const d = await run({ mode: 'jwt', refreshTokens: true, tokenTtlMs: 3_000 }, steady, 5_000);
    const s = d.state;
    const login = requestsOf(s, 'alice', 'login')[0]!;
    const issued = (JSON.parse(bodyOf(responseText(login.httpResponse!))) as { refresh_token: string }).refresh_token;
    expect(issued).toMatch(/^[A-Za-z0-9_-]{22}$/);
    const refresh = requestsOf(s, 'alice', 'refresh')[0]!;
    expect(JSON.parse(bodyOf(requestText(refresh.httpRequest)))).toEqual({ refresh_token: issued });
    expect(s.store.refreshTokens[issued]!.used).toBe(true);
  });

  it('a burst of 401s while a refresh is under way asks for one refresh only', async () => {
    // Five requests 20 ms apart around exp (3 s): their 401s all come back while the refresh runs.
    const script: Script = [
      [0, { type: 'login', clientId: 'alice' }],
      [2_960, { type: 'traffic', clientId: 'alice', everyMs: 20, count: 5 }],
      [4_000, { type: 'request', clientId: 'alice' }],
    ];
    const d = await run({ mode: 'jwt', refreshTokens: true, tokenTtlMs: 3_000 }, script, 6_000);
    const s = d.state;
    const api = requestsOf(s, 'alice', 'api');
    expect(api.map((r) => r.reason)).toEqual([...Array(5).fill('token_expired'), 'ok']);
    const refreshes = requestsOf(s, 'alice', 'refresh');
    expect(refreshes.map((r) => r.reason)).toEqual(['ok']);
    expect(refreshes[0]!.sentAtMs).toBe(api[0]!.finishedAtMs);
    expect(api[4]!.finishedAtMs).toBeLessThan(refreshes[0]!.finishedAtMs!);
  });

  it('without refresh tokens, an expired token just stays expired', async () => {
    const d = await run({ mode: 'jwt', refreshTokens: false, tokenTtlMs: 3_000 }, steady, 12_000);
    const s = d.state;
    expect(requestsOf(s, 'alice', 'refresh')).toEqual([]);
    expect(requestsOf(s, 'alice', 'api').map((r) => r.reason)).toEqual(['ok', 'ok', ...Array(7).fill('token_expired')]);
  });

  // With an HttpOnly access cookie, page scripts cannot see that it expired: the 401
  // (no_credentials, the cookie is gone) is the signal to trade the refresh cookie.
  it('cookie delivery: the browser refreshes when the access cookie has expired, and carries on', async () => {
    const script: Script = [
      [0, { type: 'login', clientId: 'alice' }],
      [300, { type: 'traffic', clientId: 'alice', everyMs: 1_000, count: 9 }],
    ];
    const d = await run({ mode: 'jwt', delivery: 'cookie', refreshTokens: true, tokenTtlMs: 3_000 }, script, 12_000);
    const s = d.state;
    expect(s.clients.alice!.jar.cookies.some((c) => c.name === '__Host-refresh')).toBe(true);
    expect(requestsOf(s, 'alice', 'refresh').length).toBeGreaterThan(0);
    // One 401 per expiry at most, then the refreshed cookie carries on.
    const api = requestsOf(s, 'alice', 'api');
    expect(api.filter((r) => r.reason === 'no_credentials').length).toBeLessThanOrEqual(requestsOf(s, 'alice', 'refresh').length);
    expect(api.at(-1)!.reason).toBe('ok');
  });
});

describe('refresh tokens: theft and revocation', () => {
  it('a used refresh token coming back is refresh_reused, and revokes the family: alice is cut off too', async () => {
    const script: Script = [
      [0, { type: 'login', clientId: 'alice' }],
      [500, { type: 'steal', fromClientId: 'alice', attackerId: 'mallory' }],
      [1_000, { type: 'refresh', clientId: 'alice' }], // alice rotates R1 -> R2
      [2_000, { type: 'refresh', clientId: 'mallory' }], // mallory replays R1
      [3_000, { type: 'refresh', clientId: 'alice' }], // R2 is in a revoked family now
    ];
    const d = await run({ mode: 'jwt', refreshTokens: true, clients: withMallory }, script, 5_000);
    const s = d.state;
    expect(requestsOf(s, 'alice', 'refresh').map((r) => r.reason)).toEqual(['ok', 'refresh_invalid']);
    const replay = requestsOf(s, 'mallory', 'refresh');
    expect(replay.map((r) => [r.reason, r.status])).toEqual([['refresh_reused', 401]]);
    const family = Object.values(s.store.refreshTokens)[0]!.familyId;
    expect(Object.keys(s.store.revokedFamilies)).toEqual([family]);
    expect(s.log.entries.some((e) => e.nodeId === 'store' && e.reason === 'refresh_reused' && /revokes its whole family/.test(e.text))).toBe(true);
    // Mallory got no token out of it: still only the stolen one.
    expect(jtiOf(s.clients.mallory!.storage.accessToken)).toBe(requestsOf(s, 'alice', 'login')[0]!.credentialId);
  });

  it('a browser whose refresh is refused is signed out: its steady traffic sends nothing until it logs in again', async () => {
    // It went on sending its expired access token, 401 token_expired every second, under "she has to log in again".
    const script: Script = [
      [0, { type: 'login', clientId: 'alice' }],
      [500, { type: 'steal', fromClientId: 'alice', attackerId: 'mallory' }],
      [1_000, { type: 'refresh', clientId: 'alice' }],
      [2_000, { type: 'refresh', clientId: 'mallory' }], // reuse: the family is revoked
      [2_500, { type: 'traffic', clientId: 'alice', everyMs: 1_000, count: 8 }], // her token expires at 3 s
      [7_000, { type: 'login', clientId: 'alice' }],
    ];
    const d = await run({ mode: 'jwt', refreshTokens: true, tokenTtlMs: 3_000, clients: withMallory }, script, 11_000);
    const s = d.state;
    const refused = requestsOf(s, 'alice', 'refresh').find((r) => r.reason === 'refresh_invalid')!;
    expect(refused).toBeDefined();
    const api = requestsOf(s, 'alice', 'api');
    // Nothing between the refused refresh and the new login; then her stream picks up, accepted.
    expect(api.filter((r) => r.sentAtMs > refused.finishedAtMs! && r.sentAtMs < 7_000)).toEqual([]);
    expect(api.filter((r) => r.sentAtMs > 7_000).map((r) => r.reason)).toEqual(['ok', 'ok', 'ok']);
    expect(s.clients.alice!.storage).toEqual(expect.objectContaining({ accessToken: expect.any(String) }));
    expect(s.log.entries.some((e) => /alice's app drops both tokens and shows its login form/.test(e.text))).toBe(true);
    // The thief keeps the access token she copied; only the refresh token is gone.
    expect(s.clients.mallory!.storage.accessToken).not.toBeNull();
    expect(s.clients.mallory!.storage.refreshToken).toBeNull();
  });

  it('a refusal of a refresh token the browser no longer holds (it has logged in since) leaves its new tokens alone', async () => {
    // Mallory rotates the family first; alice logs in again just before her refresh with the old
    // token: the login answers first, then the refusal of the old token, which must not sign out the new login.
    const script: Script = [
      [0, { type: 'login', clientId: 'alice' }],
      [500, { type: 'steal', fromClientId: 'alice', attackerId: 'mallory' }],
      [1_000, { type: 'refresh', clientId: 'mallory' }],
      [1_950, { type: 'login', clientId: 'alice' }],
      [2_000, { type: 'refresh', clientId: 'alice' }],
    ];
    const d = await run({ mode: 'jwt', refreshTokens: true, clients: withMallory }, script, 4_000);
    const s = d.state;
    const [login, refresh] = [requestsOf(s, 'alice', 'login').at(-1)!, requestsOf(s, 'alice', 'refresh').at(-1)!];
    expect(login.reason).toBe('ok');
    expect(refresh.reason).toBe('refresh_reused');
    expect(login.finishedAtMs!).toBeLessThan(refresh.finishedAtMs!);
    expect(s.clients.alice!.loginNeeded).toBe(false);
    expect(s.clients.alice!.storage.accessToken).not.toBeNull();
    expect(s.clients.alice!.storage.refreshToken).not.toBeNull();
  });

  it('the thief who refreshes first wins the race, but alice coming back revokes the family for both', async () => {
    const script: Script = [
      [0, { type: 'login', clientId: 'alice' }],
      [500, { type: 'steal', fromClientId: 'alice', attackerId: 'mallory' }],
      [1_000, { type: 'refresh', clientId: 'mallory' }], // mallory rotates R1 -> M2
      [2_000, { type: 'refresh', clientId: 'alice' }], // alice still holds R1: reuse detected
      [3_000, { type: 'refresh', clientId: 'mallory' }], // M2 belongs to the revoked family
    ];
    const d = await run({ mode: 'jwt', refreshTokens: true, clients: withMallory }, script, 5_000);
    const s = d.state;
    expect(requestsOf(s, 'mallory', 'refresh').map((r) => r.reason)).toEqual(['ok', 'refresh_invalid']);
    expect(requestsOf(s, 'alice', 'refresh').map((r) => r.reason)).toEqual(['refresh_reused']);
  });

  it('logout revokes the refresh-token family: a stolen refresh token no longer works', async () => {
    const script: Script = [
      [0, { type: 'login', clientId: 'alice' }],
      [500, { type: 'steal', fromClientId: 'alice', attackerId: 'mallory' }],
      [1_000, { type: 'logout', clientId: 'alice' }],
      [2_000, { type: 'refresh', clientId: 'mallory' }],
    ];
    const d = await run({ mode: 'jwt', refreshTokens: true, clients: withMallory }, script, 4_000);
    const s = d.state;
    const logout = requestsOf(s, 'alice', 'logout')[0]!;
    expect(logout.reason).toBe('ok');
    expect(JSON.parse(bodyOf(requestText(logout.httpRequest)))).toHaveProperty('refresh_token');
    expect(s.clients.alice!.storage).toEqual({ accessToken: null, refreshToken: null });
    expect(requestsOf(s, 'mallory', 'refresh').map((r) => r.reason)).toEqual(['refresh_invalid']);
    expect(Object.keys(s.store.revokedFamilies)).toHaveLength(1);
  });

  it('banning the user revokes the refresh tokens too', async () => {
    const script: Script = [
      [0, { type: 'login', clientId: 'alice' }],
      [1_000, { type: 'banUser', userId: 'alice' }],
      [2_000, { type: 'refresh', clientId: 'alice' }],
    ];
    const d = await run({ mode: 'jwt', refreshTokens: true }, script, 4_000);
    expect(requestsOf(d.state, 'alice', 'refresh').map((r) => r.reason)).toEqual(['refresh_invalid']);
    expect(d.state.log.entries.some((e) => e.kind === 'action' && /1 refresh-token family revoked/.test(e.text))).toBe(true);
  });
});
