// Durations that never print a negative number ("expired 13 s ago", not "-13 s left"), latencies and
// shares: the words of a run's details (inspectors, the comparison table, the engine's log lines),
// apart from format.ts so that the first screen's code does not carry them.
import { formatNumber } from './format';

/** A duration that never reads negative: "24.6 s", "850 ms" under a second, "0 s" for less than nothing. */
export function duration(ms: number): string {
  const v = Math.max(0, Number.isFinite(ms) ? ms : 0);
  if (v > 0 && v < 1_000) return `${formatNumber(v, 0)} ms`;
  return `${formatNumber(v / 1_000)} s`;
}

/** "41.2 s" from milliseconds (one decimal). Signed (a clock offset may be negative): for time left, use timeLeft. */
export function seconds(ms: number, digits = 1): string {
  return `${(ms / 1000).toFixed(digits)} s`;
}

/** "12.5 ms", rounded to a tenth: virtual latencies are fractional. */
export function millis(ms: number): string {
  return `${(Math.round(ms * 10) / 10).toFixed(1)} ms`;
}

/** Share of a part in a whole, "82.9 %"; 0 % when the whole is empty. */
export function percent(part: number, whole: number): string {
  return `${whole > 0 ? ((part / whole) * 100).toFixed(1) : '0.0'} %`;
}

/**
 * Time until a deadline, never negative: "41.2 s left" before it, "expired 13.0 s ago" after it.
 * `leftMs` is deadline minus now.
 */
export function timeLeft(leftMs: number, digits = 1): string {
  return leftMs > 0 ? `${seconds(leftMs, digits)} left` : `expired ${seconds(-leftMs, digits)} ago`;
}

/** The same, phrased for a countdown: "expires in 41.2 s" / "expired 3.0 s ago". */
export function expiresIn(leftMs: number, digits = 1): string {
  return leftMs > 0 ? `expires in ${seconds(leftMs, digits)}` : `expired ${seconds(-leftMs, digits)} ago`;
}

/** How often: "0 times", "once", "twice", "25 times" (takeaways' words, as the spans above). */
export function times(n: number): string {
  return n === 1 ? 'once' : n === 2 ? 'twice' : `${formatNumber(n)} times`;
}
