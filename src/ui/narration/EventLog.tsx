import { memo, useDeferredValue, useEffect, useState } from 'react';
import type { LogEntry, Mode } from '../../sim/types';
import { worldOf } from '../../store/selectors';
import type { AppStoreState } from '../../store/createAppStore';
import { useApp } from '../storeContext';
import { plural, clockTime } from '../../format';
import { SCHEME_WORDS } from '../../sim/schemes/names';

const selectSelect = (s: AppStoreState) => s.select;

/**
 * New lines a log takes in one frame. A seek makes a whole log new (120 lines a world): laid out
 * at once, both logs held a frame for 100 ms or more on a busy laptop. The newest lines (what the
 * stage shows) come at once, the older ones above them a chunk a frame after.
 */
export const LOG_LINES_PER_FRAME = 30;

/** One line; log entries never change, so a line renders once. */
const LogLine = memo(function LogLine({ entry: e, mode, select }: { entry: LogEntry; mode: Mode; select: AppStoreState['select'] }) {
  return (
    <li className={e.ok === false ? 'bad' : e.ok ? 'ok' : undefined}>
      <time>{clockTime(e.timeMs)}</time>{' '}
      {e.requestId !== undefined ? (
        <button type="button" className="linklike" onClick={() => select({ kind: 'request', mode, requestId: e.requestId! })}>
          {e.text}
        </button>
      ) : (
        e.text
      )}
    </li>
  );
},
// seq restarts with a reloaded world, so the text is compared too (the same string object while it plays).
(a, b) => a.entry.seq === b.entry.seq && a.entry.text === b.entry.text && a.mode === b.mode && a.select === b.select);

/** How many of the log's newest lines are drawn: all, unless many are new and the older ones are still coming. */
function useDrawnCount(log: readonly LogEntry[] | undefined): number {
  // From nothing drawn: the details often mount with a seek (the lesson moved), a whole log at once.
  const [drawn, setDrawn] = useState<{ log: readonly LogEntry[] | undefined; count: number }>({ log: undefined, count: Infinity });
  let count = drawn.count;
  if (drawn.log !== log) {
    // Adjusted while rendering (React's pattern for state derived from a change), so the many new lines are never drawn at once.
    const before = new Map(drawn.log?.map((e) => [e.seq, e.text]));
    const fresh = log ? log.reduce((n, e) => (before.get(e.seq) === e.text ? n : n + 1), 0) : 0;
    if (fresh > LOG_LINES_PER_FRAME) count = LOG_LINES_PER_FRAME;
    setDrawn({ log, count });
  }
  const whole = !log || count >= log.length;
  useEffect(() => {
    if (whole) return;
    // The next chunk after this frame is painted: a frame, then a task.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => setDrawn((d) => ({ ...d, count: d.count + LOG_LINES_PER_FRAME })), 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [whole, count]);
  return count;
}

/** The text log that carries everything the animation shows; a line with a request opens it. */
export function EventLog({ mode }: { mode: Mode }) {
  const world = useApp(worldOf(mode));
  const select = useApp(selectSelect);
  // The lines render after the rest of a new moment, in slices React can interrupt: after a seek
  // all of them are new, and drawn with the stage in one task they blocked the page for ~80 ms.
  const log = useDeferredValue(world?.log);
  const count = useDrawnCount(log);
  if (!world || !log) return null;
  const hidden = world.logTotal - world.log.length;
  const lines = count >= log.length ? log : log.slice(-count);
  return (
    <section className="eventlog panel" aria-labelledby={`log-title-${mode}`}>
      <h2 id={`log-title-${mode}`}>{SCHEME_WORDS[mode].name} event log</h2>
      {hidden > 0 && <p className="eventlog-hidden">{plural(hidden, 'earlier event')} not shown.</p>}
      {/* role=log on a wrapper: an <ol role=log> would no longer be a list for its <li>s. The
          wrapper scrolls bottom-anchored (CSS column-reverse), so the newest line stays in view,
          and stays put once the reader scrolls up, without reading the layout on every update. */}
      <div role="log" aria-label={`${mode} event log`} className="eventlog-scroll" tabIndex={0}>
        <ol>
          {lines.map((e) => (
            <LogLine key={e.seq} entry={e} mode={mode} select={select} />
          ))}
        </ol>
      </div>
    </section>
  );
}
