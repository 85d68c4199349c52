// The answer an intervention's browser gets, said as it comes while the lesson plays: a press of
// "Request from alice" said only "alice sends a 117-byte GET…", and the 401 the stage then showed
// was never said (a11y review, WCAG 4.1.3). Paused, the moment's news says a paused moment.
import type { AppStore } from '../../store/createAppStore';
import type { LogEntry } from '../../sim/types';
import { perWorldLine } from '../../store/lesson';
import { shownModes } from '../../store/selectors';

/** The first answer `clientId` got after `atMs`, read from the log's end back (a load lesson's log is long). */
function firstAnswerAfter(log: readonly LogEntry[] | undefined, clientId: string, atMs: number): LogEntry | undefined {
  let first: LogEntry | undefined;
  for (let i = (log?.length ?? 0) - 1; i >= 0 && log![i]!.timeMs > atMs; i--) if (log![i]!.kind === 'response' && log![i]!.nodeId === clientId) first = log![i];
  return first;
}

/** How long (virtual ms) an answer is waited for: a tampered browser sending nothing more gets none, and its log would be read to the lesson's end. */
const ANSWER_WAIT_MS = 10_000;

/**
 * Says each shown world's first answer to `clientId` after `atMs` once every world has given one;
 * gives up when the lesson is paused, moved back or replaced, or after ANSWER_WAIT_MS.
 */
export function sayAnswersTo(store: AppStore, clientId: string, atMs: number, say: (text: string) => void): void {
  const start = store.getState();
  const modes = shownModes(start);
  const stop = store.subscribe((s) => {
    if (!s.playing || s.timeMs < atMs || s.timeMs > atMs + ANSWER_WAIT_MS || s.scenario !== start.scenario) return stop();
    const answers = modes.map((mode) => ({ mode, entry: firstAnswerAfter(s.worlds[mode]?.log, clientId, atMs) }));
    if (answers.some((a) => !a.entry)) return;
    stop();
    say(perWorldLine(answers.map((a) => ({ mode: a.mode, text: a.entry!.text })), modes.length === 1));
  });
}
