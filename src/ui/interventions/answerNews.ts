// The answer an intervention's browser gets, said as it comes while the lesson plays: a press of
// "Request from alice" said only "alice sends a 117-byte GET…", and the 401 the stage then showed
// was never said (a11y review, WCAG 4.1.3). Paused, the moment's news says a paused moment.
import type { AppStore } from '../../store/createAppStore';
import type { LogEntry, Mode } from '../../sim/types';
import { perWorldLine } from '../../store/lesson';
import { linesSince } from '../../store/news';
import { shownModes } from '../../store/selectors';

/** How long (virtual ms) an answer is waited for: a tampered browser sending nothing more gets none. */
const ANSWER_WAIT_MS = 10_000;

/** What one world is waiting for: the request the press made (or the browser's next one), then its answer. */
interface Awaited {
  requestId?: number;
  answer?: LogEntry;
  /** The last line read: each update reads only the lines after it (a load lesson's log is long). */
  read?: LogEntry;
}

/**
 * Says each shown world's answer to the request `clientId` sent at `atMs` (the last one logged then:
 * a second press at the same moment sent the later), or, where the press sent none (a tamper), to
 * its next request, once every world has answered; not an answer to a request already on its way
 * before the press. Gives up when the lesson is paused, moved back or replaced, or after ANSWER_WAIT_MS.
 */
export function sayAnswersTo(store: AppStore, clientId: string, atMs: number, say: (text: string) => void): void {
  const start = store.getState();
  const modes = shownModes(start);
  const awaited: Partial<Record<Mode, Awaited>> = {};
  for (const mode of modes) {
    const log = start.worlds[mode]?.log ?? [];
    const sent = log.findLast((e) => e.kind === 'request' && e.nodeId === clientId && e.timeMs === atMs);
    awaited[mode] = { requestId: sent?.requestId, read: sent ?? log.at(-1) };
  }
  const follow = (mode: Mode, log: readonly LogEntry[]) => {
    const w = awaited[mode]!;
    if (w.answer) return;
    for (const e of linesSince(log, w.read) ?? log.filter((e) => e.timeMs >= atMs)) {
      if (w.requestId === undefined && e.kind === 'request' && e.nodeId === clientId) w.requestId = e.requestId;
      else if (e.kind === 'response' && e.requestId !== undefined && e.requestId === w.requestId) w.answer = e;
    }
    w.read = log.at(-1);
  };
  const stop = store.subscribe((s) => {
    if (!s.playing || s.timeMs < atMs || s.timeMs > atMs + ANSWER_WAIT_MS || s.scenario !== start.scenario) return stop();
    for (const mode of modes) follow(mode, s.worlds[mode]?.log ?? []);
    if (modes.some((mode) => !awaited[mode]!.answer)) return;
    stop();
    say(perWorldLine(modes.map((mode) => ({ mode, text: awaited[mode]!.answer!.text })), modes.length === 1));
  });
}
