import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { SimDriver } from '../../src/sim/driver';
import { eachRequestOneOutcome, jwtAcceptedUntilExp, revokedNeverAccepted } from '../../src/sim/invariants';
import { withOptions } from '../../src/sim/options';
import type { Action, Mode, SimOptions } from '../../src/sim/types';
import { runs } from '../support/propsSetup';

// Random scripts over two browsers and an attacker: logins, traffic, logouts, bans, crashes,
// store outages and thefts, at random times. The model must keep its promises in every one.
const CLIENTS = ['alice', 'bob'];

const actionArb: fc.Arbitrary<Action> = fc.oneof(
  fc.constantFrom(...CLIENTS).map((clientId): Action => ({ type: 'login', clientId })),
  fc.constantFrom(...CLIENTS, 'mallory').map((clientId): Action => ({ type: 'request', clientId })),
  fc.constantFrom(...CLIENTS).map((clientId): Action => ({ type: 'logout', clientId })),
  fc.constantFrom(...CLIENTS).map((userId): Action => ({ type: 'banUser', userId })),
  fc.constantFrom(...CLIENTS).map((userId): Action => ({ type: 'logoutEverywhere', userId })),
  fc.constantFrom(...CLIENTS).map((fromClientId): Action => ({ type: 'steal', fromClientId, attackerId: 'mallory' })),
  fc.constantFrom('server-1', 'server-2').map((serverId): Action => ({ type: 'killServer', serverId })),
  fc.constantFrom('server-1', 'server-2').map((serverId): Action => ({ type: 'restartServer', serverId })),
  fc.constant<Action>({ type: 'storeDown' }),
  fc.constant<Action>({ type: 'storeUp' }),
  fc.constant<Action>({ type: 'rotateKey' }),
);

const scriptArb = fc.array(fc.record({ atMs: fc.integer({ min: 0, max: 20_000 }), action: actionArb }), { minLength: 1, maxLength: 40 });

function options(mode: Mode, seed: number, patch: Partial<SimOptions> = {}): SimOptions {
  return withOptions({
    mode,
    seed,
    servers: 2,
    tokenTtlMs: 8_000,
    requestTimeoutMs: 2_000,
    logCapacity: 100_000,
    recentRequestsCapacity: 100_000,
    clients: [
      { id: 'alice', userId: 'alice', kind: 'browser' },
      { id: 'bob', userId: 'bob', kind: 'browser' },
      { id: 'mallory', userId: 'mallory', kind: 'attacker' },
    ],
    ...patch,
  });
}

async function run(opts: SimOptions, script: { atMs: number; action: Action }[]) {
  const driver = await SimDriver.create(opts);
  // Traffic keeps requests flowing so revocations always meet live credentials.
  for (const c of CLIENTS) driver.dispatch({ type: 'traffic', clientId: c, everyMs: 700, count: 30 }, 100);
  for (const { atMs, action } of script) driver.dispatch(action, atMs);
  await driver.runUntil(40_000);
  return driver.state;
}

const RUNS = { numRuns: runs(25) };

describe('invariants over random scripts', () => {
  it.each(['session', 'jwt'] as const)('every request gets exactly one outcome (%s)', async (mode) => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 1e6 }), scriptArb, async (seed, script) => {
        const s = await run(options(mode, seed), script);
        expect(eachRequestOneOutcome(s)).toEqual([]);
      }),
      RUNS,
    );
  });

  it('a deleted session is never accepted again (shared store and local memory)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 1e6 }), scriptArb, fc.constantFrom('shared', 'local'), async (seed, script, storage) => {
        const s = await run(options('session', seed, { sessionStorage: storage }), script);
        expect(revokedNeverAccepted(s)).toEqual([]);
      }),
      RUNS,
    );
  });

  it('with the denylist on, a revoked jti is never accepted after revocation', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 1e6 }), scriptArb, async (seed, script) => {
        const s = await run(options('jwt', seed, { denylist: true, denylistFailMode: 'closed' }), script);
        expect(revokedNeverAccepted(s)).toEqual([]);
      }),
      RUNS,
    );
  });

  it('without the denylist, a revoked user token is accepted exactly until exp', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 1e6 }), scriptArb, async (seed, script) => {
        const s = await run(options('jwt', seed), script);
        expect(jwtAcceptedUntilExp(s)).toEqual([]);
        // And revocation alone rejects nothing: every rejection has another cause.
        expect(s.recent.filter((r) => r.reason === 'token_revoked')).toEqual([]);
      }),
      RUNS,
    );
  });

  it.each(['session', 'jwt'] as const)('the same seed and actions give the same event log (%s)', async (mode) => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 1e6 }), scriptArb, async (seed, script) => {
        const a = await run(options(mode, seed), script);
        const b = await run(options(mode, seed), script);
        expect(b.log.entries).toEqual(a.log.entries);
        expect(b.metrics).toEqual(a.metrics);
      }),
      { numRuns: runs(10) },
    );
  });
});
