import { describe, expect, it } from 'vitest';
import { SCENARIOS } from '../../src/scenarios';
import { runScenarioMode } from '../../src/scenarios/run';
import { DEFAULT_SWEEP } from '../../src/lab/settings';
import { rowOptions } from '../../src/lab/sweep';
import { SimDriver } from '../../src/sim/driver';
import { scheduleAction } from '../../src/sim/step';
import type { SimState } from '../../src/sim/types';
import { checkToken, createKey, signToken } from '../../src/auth/tokens';
import { VerifyMemo, type MemoRequest } from '../../src/auth/verifyMemo';

// The load lab's modelled signature checks must change nothing a learner could see: every lesson
// in the JWT world gives the same log and the same report with real and modelled checks, and the
// sample of real checks finds no disagreement.
describe('modelled signature checks', () => {
  for (const scenario of SCENARIOS.filter((s) => s.modes.includes('jwt'))) {
    it(`${scenario.id}: the same log and report as real checks, with most checks modelled`, async () => {
      const real = await runScenarioMode(scenario, 'jwt');
      const modelled = await runScenarioMode(scenario, 'jwt', scenario.seed, { verification: { kind: 'modelled', sampleEvery: 5 } });
      expect(modelled.run).toEqual(real.run);
      expect(modelled.driver.state.log.entries.map((e) => e.text)).toEqual(real.driver.state.log.entries.map((e) => e.text));
      const counts = modelled.driver.verifyMemo!.counts;
      expect(counts.mismatches).toBe(0);
      if (real.run.signatureVerifications > 20) expect(counts.modelled).toBeGreaterThan(counts.real);
    });
  }
});

describe('modelled checks, however the run is sliced', () => {
  /** A lab row's cluster, busy (4,000 req/s on one server) with a first check of each new token running while repeats arrive. */
  async function labRun(slice: { everyMs: number; budget: number } | null) {
    const settings = { ...DEFAULT_SWEEP, users: 100, ratePerUser: 40, requests: 12_000, storeCapacityOpsPerSec: 2_000, refreshTokens: true, verifyCostMs: 0.5 };
    const driver = await SimDriver.create(rowOptions(settings, 'jwt', 1), new Map(), { kind: 'modelled', sampleEvery: 7 });
    for (let i = 0; i < settings.users; i++) {
      scheduleAction(driver.state, { type: 'login', clientId: `user-${i + 1}` }, i);
      scheduleAction(driver.state, { type: 'traffic', clientId: `user-${i + 1}`, everyMs: 25, count: 120 }, 200 + i / 4);
    }
    const endMs = 9_000;
    if (!slice) while (!(await driver.runUntil(endMs)));
    else for (let t = slice.everyMs; t < endMs + slice.everyMs; t += slice.everyMs) while (!(await driver.runUntil(Math.min(t, endMs), slice.budget)));
    return driver;
  }
  /** The heap's array order depends on when results were pushed; what is queued, in order, does not. */
  const inOrder = (s: SimState) => ({ ...s, queue: [...s.queue].sort((a, b) => a.timeMs - b.timeMs || a.seq - b.seq) });

  it('counts the same real and modelled checks, and reaches the same state, whether it runs in one go or in small slices', async () => {
    const straight = await labRun(null);
    const sliced = await labRun({ everyMs: 13.7, budget: 37 });
    expect(inOrder(sliced.state)).toEqual(inOrder(straight.state));
    expect(sliced.verifyMemo!.counts).toEqual(straight.verifyMemo!.counts);
    // Every token was signed in the run (logins and refreshes), so the only real checks are the sample's.
    const { real, modelled, mismatches } = straight.verifyMemo!.counts;
    expect(real).toBe(Math.floor(modelled / 7));
    expect(mismatches).toBe(0);
  }, 60_000);
});

describe('a verdict remembered from an untimely first check', () => {
  const NOW_MS = Date.UTC(2026, 0, 5, 9, 0, 0);
  const NOW = NOW_MS / 1000;
  const seed = Uint8Array.from({ length: 32 }, (_, i) => i * 3);
  const claims = { sub: 'bob', role: 'user', jti: 'j-7', iat: NOW - 60, nbf: NOW - 30, exp: NOW + 300, iss: 'auth.sim', aud: 'api.sim' };

  async function setup() {
    const key = await createKey('k1', 'EdDSA', seed);
    const token = await signToken(claims, key);
    const request = (nowMs: number, clockToleranceMs = 0): MemoRequest => ({ token, knownKids: ['k1'], options: { algorithms: ['EdDSA'], issuer: 'auth.sim', audience: 'api.sim', nowMs, clockToleranceMs } });
    const real = (r: MemoRequest) => checkToken(r.token, { ...r.options, resolveKey: (kid) => (kid === 'k1' ? key : undefined) });
    return { token, request, real };
  }

  // An hour into a long run every token has expired: jose builds an error per check, so the seek
  // that recomputes that hour must be able to judge expired tokens from memory, and judge them right.
  for (const [what, firstAtMs] of [['expired', NOW_MS + 400_000], ['not yet valid', NOW_MS - 45_000]] as const) {
    it(`first checked when ${what}: every later check is modelled, and says what jose says at that time`, async () => {
      const { request, real } = await setup();
      const memo = new VerifyMemo(1_000);
      const first = await real(request(firstAtMs));
      expect(first.result.ok).toBe(false);
      memo.remember(request(firstAtMs), first);
      for (const offsetMs of [-45_000, -31_000, -29_000, 0, 299_000, 300_000, 301_000, 400_000, 3_600_000]) {
        for (const toleranceMs of [0, 5_000]) {
          const r = request(NOW_MS + offsetMs, toleranceMs);
          expect(memo.recall(r), `at ${offsetMs} ms, tolerance ${toleranceMs}`).toEqual((await real(r)).result);
        }
      }
      expect(memo.counts).toEqual({ real: 1, modelled: 18, mismatches: 0 });
    });
  }

  it('an altered expired token is remembered as a bad signature, never as good claims', async () => {
    const { token, request, real } = await setup();
    const [h, p, s] = token.split('.');
    const altered = `${h}.${p!.slice(0, -2)}${p!.endsWith('A') ? 'B' : 'A'}${p!.slice(-1)}.${s}`;
    const r = { ...request(NOW_MS + 400_000), token: altered };
    const first = await real(r);
    expect(first.signed).toBeNull();
    const memo = new VerifyMemo(1_000);
    memo.remember(r, first);
    expect(memo.recall({ ...r, options: { ...r.options, nowMs: NOW_MS } })).toMatchObject({ ok: false, reason: first.result.ok ? 'none' : first.result.reason });
  });
});

describe('a token the run signed itself', () => {
  const NOW_MS = Date.UTC(2026, 0, 5, 9, 0, 0);
  const NOW = NOW_MS / 1000;
  const claims = { sub: 'bob', role: 'user', jti: 'j-9', iat: NOW - 60, exp: NOW + 300, iss: 'auth.sim', aud: 'api.sim' };
  const rules = { algorithms: ['EdDSA' as const], issuer: 'auth.sim', audience: 'api.sim', clockToleranceMs: 0 };

  async function signedHere() {
    const key = await createKey('k1', 'EdDSA', Uint8Array.from({ length: 32 }, (_, i) => i * 5));
    const token = await signToken(claims, key);
    const memo = new VerifyMemo(1_000);
    memo.keysAre(1);
    memo.signedHere(token, 'k1', 'EdDSA', 1);
    const real = (r: MemoRequest) => checkToken(r.token, { ...r.options, resolveKey: (kid) => (kid === 'k1' ? key : undefined) });
    return { token, memo, real };
  }

  it('is judged without crypto from its first check, as jose judges it at each time', async () => {
    const { token, memo, real } = await signedHere();
    for (const offsetMs of [-120_000, 0, 299_000, 301_000, 3_600_000]) {
      const r: MemoRequest = { token, knownKids: ['k1'], options: { ...rules, nowMs: NOW_MS + offsetMs } };
      expect(memo.recall(r), `at ${offsetMs} ms`).toEqual((await real(r)).result);
    }
    expect(memo.counts).toEqual({ real: 0, modelled: 5, mismatches: 0 });
  });

  it('is checked for real where the rules might refuse it: an unknown kid, another algorithm, issuer or audience, altered bytes', async () => {
    const { token, memo } = await signedHere();
    const base: MemoRequest = { token, knownKids: ['k1'], options: { ...rules, nowMs: NOW_MS } };
    const [h, p, sig] = token.split('.');
    for (const r of [
      { ...base, knownKids: ['k2'] },
      { ...base, options: { ...base.options, algorithms: ['HS256' as const] } },
      { ...base, options: { ...base.options, issuer: 'other' } },
      { ...base, options: { ...base.options, audience: 'other' } },
      { ...base, token: `${h}.${p}.${sig!.slice(0, -2)}AA` },
    ]) expect(memo.recall(r)).toBeNull();
    expect(memo.counts.modelled).toBe(0);
  });

  it('counts only with the keys it was signed with: signed under older keys, or keys changed since, it is checked for real', async () => {
    const { token, memo } = await signedHere();
    const r: MemoRequest = { token, knownKids: ['k1'], options: { ...rules, nowMs: NOW_MS } };
    const stale = new VerifyMemo(1_000);
    stale.keysAre(2);
    stale.signedHere(token, 'k1', 'EdDSA', 1);
    expect(stale.recall(r)).toBeNull();
    memo.keysAre(2);
    expect(memo.recall(r)).toBeNull();
  });
});
