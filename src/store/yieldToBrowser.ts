// Long work (a seek far ahead, a replay) pauses between slices so the page keeps painting and
// answering input: a task never runs much past YIELD_AFTER_MS (plus one slice) before the browser gets a turn.
const YIELD_AFTER_MS = 16;

type Scheduler = { yield?: () => Promise<void> };

/**
 * A pause for History (and before drawing a jump's result): yields once the current task has run
 * YIELD_AFTER_MS, or always when `always` (drawing a new moment is a long render of its own).
 */
export function browserPause(now: () => number = () => performance.now()): (always?: boolean) => Promise<void> {
  let taskStart = now();
  return async (always = false) => {
    if (!always && now() - taskStart < YIELD_AFTER_MS) return;
    const scheduler = (globalThis as { scheduler?: Scheduler }).scheduler;
    await (scheduler?.yield ? scheduler.yield() : new Promise<void>((resolve) => setTimeout(resolve, 0)));
    taskStart = now();
  };
}
