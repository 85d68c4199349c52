// Latency statistics in bounded memory. The first EXACT_SAMPLES latencies are kept as they are
// (every lesson stays under it, so its p50/p99 are exact nearest-rank values); past that, all of
// them move into log-spaced buckets 1% wide, whose midpoints are within 0.5% of any value they
// hold. Plain JSON, so a checkpoint can structuredClone it.

export interface LatencyStats {
  count: number;
  /** The latencies so far, while there are at most EXACT_SAMPLES; null once bucketed. */
  exact: number[] | null;
  /** Bucket index -> how many latencies fell in it (empty until the exact list is full). */
  buckets: Record<number, number>;
}

export const EXACT_SAMPLES = 4_096;
const GROWTH = 1.01;
/** Latencies under this (0.01 ms) share the first bucket. */
const FLOOR_MS = 0.01;

export const emptyLatencies = (): LatencyStats => ({ count: 0, exact: [], buckets: {} });

const LOG_GROWTH = Math.log(GROWTH);
const bucketOf = (ms: number): number => Math.max(0, Math.floor(Math.log(Math.max(ms, FLOOR_MS) / FLOOR_MS) / LOG_GROWTH));
/** The geometric middle of a bucket: at most half a bucket (0.5%) from anything in it. */
const middleOf = (bucket: number): number => FLOOR_MS * GROWTH ** (bucket + 0.5);

function countIn(buckets: Record<number, number>, bucket: number): void {
  buckets[bucket] = (buckets[bucket] ?? 0) + 1;
}

export function addLatency(stats: LatencyStats, ms: number): void {
  stats.count++;
  if (stats.exact && stats.exact.length < EXACT_SAMPLES) {
    stats.exact.push(ms);
    return;
  }
  if (stats.exact) {
    for (const v of stats.exact) countIn(stats.buckets, bucketOf(v));
    stats.exact = null;
  }
  countIn(stats.buckets, bucketOf(ms));
}

/** Nearest-rank percentile: exact while the samples are kept, else a bucket's middle (within 0.5%). */
export function latencyPercentile(stats: LatencyStats, p: number): number {
  return latencyPercentiles(stats, [p])[0]!;
}

/** Several percentiles from one ordering of the samples (a report asks for p50 and p99 on every publish). */
export function latencyPercentiles(stats: LatencyStats, ps: readonly number[]): number[] {
  if (stats.count === 0) return ps.map(() => 0);
  const rankOf = (p: number) => Math.max(1, Math.ceil((p / 100) * stats.count));
  if (stats.exact) {
    // A typed array sorts numerically, natively: several times faster than a comparator on a copy.
    const sorted = Float64Array.from(stats.exact).sort();
    return ps.map((p) => sorted[rankOf(p) - 1]!);
  }
  const ordered = Object.keys(stats.buckets)
    .map(Number)
    .sort((a, b) => a - b);
  return ps.map((p) => {
    const rank = rankOf(p);
    let seen = 0;
    for (const bucket of ordered) {
      seen += stats.buckets[bucket]!;
      if (seen >= rank) return middleOf(bucket);
    }
    return middleOf(ordered.at(-1)!);
  });
}
