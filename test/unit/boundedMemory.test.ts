// Memory that does not grow with the run: latency percentiles (exact nearest-rank while samples are few,
// within 1% past that) and the record of issued tokens (recent ones only).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addLatency, emptyLatencies, EXACT_SAMPLES, latencyPercentile } from '../../src/sim/latency';
import { runs } from '../support/propsSetup';

const exactPercentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.max(1, Math.ceil((p / 100) * values.length)) - 1]!;

describe('latency stats', () => {
  it('are exact while the samples fit', () => {
    const stats = emptyLatencies();
    const values = [100, 98.5, 101.2, 97, 250, 99.9];
    values.forEach((v) => addLatency(stats, v));
    for (const p of [50, 99]) expect(latencyPercentile(stats, p)).toBe(exactPercentile(values, p));
  });

  it('stay within 1% of exact and bounded in size on a long run', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0.5, max: 5_000, noNaN: true }), { minLength: EXACT_SAMPLES + 1, maxLength: EXACT_SAMPLES * 3 }), (values) => {
        const stats = emptyLatencies();
        values.forEach((v) => addLatency(stats, v));
        expect(stats.exact).toBeNull();
        expect(Object.keys(stats.buckets).length).toBeLessThan(1_000);
        for (const p of [50, 99]) {
          const exact = exactPercentile(values, p);
          expect(Math.abs(latencyPercentile(stats, p) - exact) / exact).toBeLessThanOrEqual(0.01);
        }
      }),
      { numRuns: runs(20) },
    );
  });
});

describe('the record of issued tokens', () => {
  it('keeps the recent ones only, while the count covers the whole run', async () => {
    const { run } = await import('./support/run');
    // A new token every 10 s for 30 minutes, each living 10 s.
    const script = Array.from({ length: 180 }, (_, i): [number, { type: 'login'; clientId: string }] => [i * 10_000, { type: 'login', clientId: 'alice' }]);
    const d = await run({ mode: 'jwt', tokenTtlMs: 10_000 }, script, 30 * 60_000);
    expect(d.state.metrics.tokensIssued).toBe(180);
    // Ten minutes after exp, plus the live one: about 61 records, not 180.
    expect(Object.keys(d.state.issued).length).toBeLessThanOrEqual(62);
    // Exactly those expired less than ten minutes before the last signing are kept (a signing
    // walks the record only once its earliest expiry is that old, so that earliest must be right).
    const records = Object.values(d.state.issued);
    const lastSigned = Math.max(...records.map((r) => r.issuedAtMs));
    expect(records.every((r) => r.expiresAtMs >= lastSigned - 10 * 60_000)).toBe(true);
    expect(records).toHaveLength(61);
    expect(d.state.issuedEarliestExpMs).toBe(Math.min(...records.map((r) => r.expiresAtMs)));
  });
});

describe('the recent finished requests', () => {
  it('keep at least the newest `recentRequestsCapacity`, in finishing order, and never more than a quarter over', async () => {
    const { run } = await import('./support/run');
    const cap = 40;
    let seen = 0;
    // 300 requests, the list read after each tenth of them.
    const d = await run({ mode: 'session', recentRequestsCapacity: cap }, [[0, { type: 'login', clientId: 'alice' }], [100, { type: 'traffic', clientId: 'alice', everyMs: 100, count: 300 }]], 0);
    for (let t = 3_000; t <= 36_000; t += 3_000) {
      await d.runUntil(t);
      const recent = d.state.recent;
      const finished = d.state.metrics.total;
      expect(recent.length).toBeGreaterThanOrEqual(Math.min(cap, finished));
      expect(recent.length).toBeLessThanOrEqual(cap + cap / 4);
      // The newest finished request is the last, and they are in the order they finished.
      expect(recent.at(-1)!.id).toBe(d.state.served.entries.at(-1)!.requestId);
      expect(recent.map((r) => r.finishedAtMs)).toEqual([...recent.map((r) => r.finishedAtMs)].sort((a, b) => a! - b!));
      seen = finished;
    }
    expect(seen).toBe(301);
  });
});

describe('a lesson run past its script (--until)', () => {
  it('keeps its traffic going and its state small: load, session world, 5 simulated minutes', async () => {
    const { findScenario } = await import('../../src/scenarios');
    const { loadScenario } = await import('../../src/scenarios/run');
    const { stateJson } = await import('../../src/sim/stateJson');
    const scenario = findScenario('load')!;
    const untilMs = 5 * 60_000;
    const driver = await loadScenario(scenario, 'session', scenario.seed, {}, untilMs - scenario.durationMs);
    let peakBytes = 0;
    for (let t = 30_000; t <= untilMs; t += 30_000) {
      while (!(await driver.runUntil(t)));
      peakBytes = Math.max(peakBytes, stateJson(driver.state).length);
    }
    const s = driver.state;
    // 40 users at two requests a second, all the way: the overloaded store turns the excess away.
    expect(s.nextRequestId).toBeGreaterThan(40 * 2 * 280);
    expect(s.served.entries.at(-1)!.sentAtMs).toBeGreaterThan(untilMs - 10_000);
    expect(peakBytes).toBeLessThan(2 * 1024 * 1024);
    expect(s.store.queued).toBeLessThanOrEqual(s.options.storeQueueMax);
  }, 60_000);
});

describe('--until', () => {
  it('continues only the traffic still running when the script\'s traffic ends (clock-skew: alice stops, bob goes on)', async () => {
    const { findScenario } = await import('../../src/scenarios');
    const { runScenarioMode } = await import('../../src/scenarios/run');
    const scenario = findScenario('clock-skew')!;
    const sentBy = async (untilMs?: number) => {
      const { driver } = await runScenarioMode(scenario, 'jwt', scenario.seed, { untilMs });
      const count = (id: string) => Object.values(driver.state.metrics.byClient[id] ?? {}).reduce((a, b) => a + b, 0);
      return { alice: count('alice'), bob: count('bob') };
    };
    const script = await sentBy();
    const longer = await sentBy(scenario.durationMs + 30_000);
    expect(longer.alice).toBe(script.alice);
    expect(longer.bob).toBeGreaterThan(script.bob + 10);
  });
});
