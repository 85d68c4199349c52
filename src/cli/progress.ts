import { clockTime } from '../format';

/** How often, in wall-clock ms, a long run says how far it is. */
export const PROGRESS_EVERY_MS = 2_000;

/**
 * A long run (--until a simulated day takes ~30 min) says how far it is, at most every
 * PROGRESS_EVERY_MS of wall time (the runner's own clock, not the model's), so it is not taken for
 * a hang. The runner writes it to stderr: stdout keeps only the report.
 */
export function progressReporter(write: (line: string) => void, now: () => number = () => performance.now()): (mode: string, reachedMs: number, endMs: number) => void {
  let toldAt = now();
  return (mode, reachedMs, endMs) => {
    if (now() - toldAt < PROGRESS_EVERY_MS) return;
    toldAt = now();
    write(`sim: ${mode} at ${clockTime(reachedMs, 0)} of ${clockTime(endMs, 0)} simulated (${Math.floor((reachedMs / endMs) * 100)}%)\n`);
  };
}
