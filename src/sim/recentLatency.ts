// A world's latency of late, read from what it served: the figure the load lesson's stage shows
// and the one its question's verdict quotes, by one rule, so the two agree.
import { latencyPercentile } from './latency';
import type { Served } from './types';

/** How many of the latest finished API requests the latency of late is the median of. */
export const LATEST_API_REQUESTS = 20;

/** The run's own p50 rule (nearest rank), over these latencies alone; null for none. */
const median = (values: number[]): number | null => (values.length === 0 ? null : latencyPercentile({ count: values.length, exact: values, buckets: {} }, 50));

/** The median latency of the latest LATEST_API_REQUESTS API requests finished; null before any. */
export function latestLatencyMs(served: readonly Served[]): number | null {
  const latest: number[] = [];
  for (let i = served.length - 1; i >= 0 && latest.length < LATEST_API_REQUESTS; i--) {
    const s = served[i]!;
    if (s.kind === 'api') latest.push(s.finishedAtMs - s.sentAtMs);
  }
  return median(latest);
}

/** The median latency of the API requests that finished in [fromMs, toMs); null when none did. */
export function latencyBetween(served: readonly Served[], fromMs: number, toMs: number): number | null {
  return median(served.filter((s) => s.kind === 'api' && s.finishedAtMs >= fromMs && s.finishedAtMs < toMs).map((s) => s.finishedAtMs - s.sentAtMs));
}
