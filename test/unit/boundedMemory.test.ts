// Memory that does not grow with the run: latency percentiles (exact nearest-rank while samples are few,
// within 1% past that) and the record of issued tokens (recent ones only).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addLatency, emptyLatencies, EXACT_SAMPLES, latencyPercentile } from '../../src/sim/latency';

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
      { numRuns: 20 },
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
  });
});
