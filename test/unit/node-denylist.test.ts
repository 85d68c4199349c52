import { describe, expect, it } from 'vitest';
import type { ClientSpec } from '../../src/sim/types';
import { run, type Script, requestsOf, reasons } from './support/run';

// The jti denylist in the shared store: what makes a JWT revocable, what it costs (a store
// lookup per request again), and what happens when the store is down (fail open or closed).

const clients: ClientSpec[] = [
  { id: 'alice', userId: 'alice', kind: 'browser' },
  { id: 'bob', userId: 'bob', kind: 'browser' },
  { id: 'mallory', userId: 'mallory', kind: 'attacker' },
];


// Mallory copies alice's token, alice logs out, mallory replays the token.
const stolenThenLogout: Script = [
  [0, { type: 'login', clientId: 'alice' }],
  [500, { type: 'steal', fromClientId: 'alice', attackerId: 'mallory' }],
  [1_000, { type: 'request', clientId: 'mallory' }],
  [2_000, { type: 'logout', clientId: 'alice' }],
  [3_000, { type: 'request', clientId: 'mallory' }],
];

describe('denylist: revoking a JWT', () => {
  it('logout puts the jti on the denylist until exp, and the stolen copy is token_revoked', async () => {
    const d = await run({ mode: 'jwt', denylist: true, clients }, stolenThenLogout, 5_000);
    const s = d.state;
    const jti = requestsOf(s, 'alice', 'login')[0]!.credentialId!;
    expect(s.store.denylist).toEqual({ [jti]: s.issued[jti]!.expiresAtMs });
    expect(s.issued[jti]!.expiresAtMs).toBe(60_000);
    const replays = requestsOf(s, 'mallory', 'api');
    expect(replays.map((r) => [r.reason, r.status, r.credentialId])).toEqual([
      ['ok', 200, jti],
      ['token_revoked', 401, jti],
    ]);
    // The signature was fine: it is the store lookup that said no.
    expect(replays[1]).toMatchObject({ signatureVerifications: 1, storeLookups: 1 });
    expect(replays[1]!.detail).toMatch(/is on the denylist/);
    expect(s.servers.find((sv) => sv.id === replays[1]!.serverId)!.lastCheck).toMatchObject({ kind: 'denylist', ok: false, reason: 'token_revoked' });
    expect(s.metrics.acceptedAfterRevocation).toBe(0);
  });

  it('without the denylist the same logout changes nothing for the thief', async () => {
    const d = await run({ mode: 'jwt', denylist: false, clients }, stolenThenLogout, 5_000);
    const s = d.state;
    expect(reasons(requestsOf(s, 'mallory', 'api'))).toEqual(['ok', 'ok']);
    expect(s.store.denylist).toEqual({});
    expect(s.metrics.storeLookups).toBe(0);
    expect(s.metrics.acceptedAfterRevocation).toBe(1);
    expect(s.log.entries.some((e) => /has nothing to delete: the token stays valid until it expires/.test(e.text))).toBe(true);
  });

  it('the denylist costs a store lookup on every JWT request again', async () => {
    const script: Script = [
      [0, { type: 'login', clientId: 'alice' }],
      [1_000, { type: 'traffic', clientId: 'alice', everyMs: 500, count: 6 }],
    ];
    const on = await run({ mode: 'jwt', denylist: true }, script, 5_000);
    const off = await run({ mode: 'jwt', denylist: false }, script, 5_000);
    expect(requestsOf(on.state, 'alice', 'api').map((r) => [r.reason, r.storeLookups, r.signatureVerifications])).toEqual(Array(6).fill(['ok', 1, 1]));
    expect(on.state.metrics.storeLookups).toBe(6);
    expect(off.state.metrics.storeLookups).toBe(0);
  });

  it('banning a user denylists their id with a cut-off, not token ids the issuer never kept', async () => {
    const script: Script = [
      [0, { type: 'login', clientId: 'alice' }],
      [1_000, { type: 'request', clientId: 'alice' }],
      [2_000, { type: 'banUser', userId: 'alice' }],
      [3_000, { type: 'request', clientId: 'alice' }],
    ];
    const d = await run({ mode: 'jwt', denylist: true }, script, 5_000);
    expect(reasons(requestsOf(d.state, 'alice', 'api'))).toEqual(['ok', 'token_revoked']);
    expect(d.state.store.denylist).toEqual({});
    expect(d.state.store.revokedUsers).toEqual({ alice: 2_000 });
  });

  it('logging out everywhere refuses the tokens issued before it, and takes a new login', async () => {
    const script: Script = [
      // Issued before the denylist was on: nothing recorded it, the cut-off still refuses it.
      [0, { type: 'login', clientId: 'alice' }],
      [500, { type: 'setOptions', patch: { denylist: true } }],
      [1_000, { type: 'request', clientId: 'alice' }],
      [2_500, { type: 'logoutEverywhere', userId: 'alice' }],
      [3_000, { type: 'request', clientId: 'alice' }],
      [4_000, { type: 'login', clientId: 'alice' }],
      [5_000, { type: 'request', clientId: 'alice' }],
    ];
    const d = await run({ mode: 'jwt' }, script, 6_000);
    expect(reasons(requestsOf(d.state, 'alice', 'api'))).toEqual(['ok', 'token_revoked', 'ok']);
    expect(d.state.log.entries.map((e) => e.text)).toContain('alice logs out everywhere: alice\'s id goes on the denylist with a cut-off of 00:02.5, so every token of theirs with an iat up to it is refused (iat counts whole seconds: a new login in the same second is refused too).');
  });

  it('an entry is dropped once its token has expired anyway', async () => {
    const script: Script = [
      ...stolenThenLogout,
      [30_000, { type: 'login', clientId: 'bob' }],
      // alice's token expired at 60 s; bob's request makes the store check (and prune) its list.
      [61_000, { type: 'request', clientId: 'bob' }],
      [62_000, { type: 'request', clientId: 'mallory' }],
    ];
    const d = await run({ mode: 'jwt', denylist: true, clients }, script, 59_000);
    const jti = requestsOf(d.state, 'alice', 'login')[0]!.credentialId!;
    expect(Object.keys(d.state.store.denylist)).toEqual([jti]);
    await d.runUntil(65_000);
    const s = d.state;
    expect(reasons(requestsOf(s, 'bob', 'api'))).toEqual(['ok']);
    expect(s.store.denylist).toEqual({});
    // Nothing was lost by forgetting it: the token itself is now refused as expired.
    expect(reasons(requestsOf(s, 'mallory', 'api'))).toEqual(['ok', 'token_revoked', 'token_expired']);
  });
});

describe('denylist: the store is down', () => {
  const script: Script = [
    [0, { type: 'login', clientId: 'alice' }],
    [1_000, { type: 'request', clientId: 'alice' }],
    [2_000, { type: 'storeDown' }],
    [3_000, { type: 'request', clientId: 'alice' }],
    [4_000, { type: 'storeUp' }],
    [5_000, { type: 'request', clientId: 'alice' }],
  ];

  it('fail closed: a valid token is refused with 503 store_unavailable', async () => {
    const d = await run({ mode: 'jwt', denylist: true, denylistFailMode: 'closed' }, script, 7_000);
    const api = requestsOf(d.state, 'alice', 'api');
    expect(api.map((r) => [r.reason, r.status])).toEqual([
      ['ok', 200],
      ['store_unavailable', 503],
      ['ok', 200],
    ]);
    expect(api[1]!.detail).toMatch(/fails closed/);
  });

  it("fail closed: the server's last check is the denylist's, failed, not the signature that passed before it (its chip showed a green ✓ beside the refusal)", async () => {
    const d = await run({ mode: 'jwt', servers: 1, denylist: true, denylistFailMode: 'closed' }, script.slice(0, 4), 3_900);
    const refused = requestsOf(d.state, 'alice', 'api')[1]!;
    expect(refused.reason).toBe('store_unavailable');
    expect(d.state.servers[0]!.lastCheck).toMatchObject({ requestId: refused.id, kind: 'denylist', ok: false, reason: 'store_unavailable' });
  });

  it('fail open: the server trusts the signature alone and accepts', async () => {
    const d = await run({ mode: 'jwt', denylist: true, denylistFailMode: 'open' }, script, 7_000);
    const s = d.state;
    const api = requestsOf(s, 'alice', 'api');
    expect(reasons(api)).toEqual(['ok', 'ok', 'ok']);
    expect(s.log.entries.some((e) => e.requestId === api[1]!.id && /cannot reach the denylist and fails open/.test(e.text))).toBe(true);
  });

  it('fail open lets a revoked token back in while the store is down', async () => {
    const revokedThenOutage: Script = [
      ...stolenThenLogout,
      [4_000, { type: 'storeDown' }],
      [5_000, { type: 'request', clientId: 'mallory' }],
    ];
    const open = await run({ mode: 'jwt', denylist: true, denylistFailMode: 'open', clients }, revokedThenOutage, 7_000);
    expect(reasons(requestsOf(open.state, 'mallory', 'api'))).toEqual(['ok', 'token_revoked', 'ok']);
    expect(open.state.metrics.acceptedAfterRevocation).toBe(1);
    const closed = await run({ mode: 'jwt', denylist: true, denylistFailMode: 'closed', clients }, revokedThenOutage, 7_000);
    expect(reasons(requestsOf(closed.state, 'mallory', 'api'))).toEqual(['ok', 'token_revoked', 'store_unavailable']);
    expect(closed.state.metrics.acceptedAfterRevocation).toBe(0);
  });
});
