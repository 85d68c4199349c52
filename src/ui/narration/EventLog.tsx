import { memo, useDeferredValue, useEffect, useMemo, useState } from 'react';
import type { LogEntry, Mode } from '../../sim/types';
import { worldOf } from '../../store/selectors';
import type { AppStoreState } from '../../store/createAppStore';
import { useApp } from '../storeContext';
import { plural, clockTime } from '../../format';
import { SCHEME_WORDS } from '../../sim/schemes/names';
import { useCalmValue } from '../calmValue';
import { useCalmMs, usePlayingFast } from '../useCalmValue';
import { ROVING_KEY_ATTR, useRovingStop } from '../useRovingStop';

const selectSelect = (s: AppStoreState) => s.select;

/**
 * New lines a log takes in one frame. A seek makes a whole log new (120 lines a world): laid out
 * at once, both logs held a frame for 100 ms or more on a busy laptop. The newest lines (what the
 * stage shows) come at once, the older ones above them a chunk a frame after.
 */
export const LOG_LINES_PER_FRAME = 30;

type LineProps = { entry: LogEntry; mode: Mode; select: AppStoreState['select']; tabStop: boolean };

/** One line; log entries never change, so a line renders once (and again when it becomes or stops being the log's tab stop). */
const LogLine = memo(function LogLine({ entry: e, mode, select, tabStop }: LineProps) {
  const opens = e.requestId !== undefined;
  return (
    <li className={e.ok === false ? 'bad' : e.ok ? 'ok' : undefined} {...(opens && { [ROVING_KEY_ATTR]: String(e.seq) })}>
      <time>{clockTime(e.timeMs)}</time>{' '}
      {opens ? (
        <button
          type="button"
          className="linklike"
          tabIndex={tabStop ? 0 : -1}
          // Said on the way in (the tab stop) only, not at every arrow press.
          aria-describedby={tabStop ? `log-keys-${mode}` : undefined}
          onClick={() => select({ kind: 'request', mode, requestId: e.requestId! })}
        >
          {e.text}
        </button>
      ) : (
        e.text
      )}
    </li>
  );
},
// seq restarts with a reloaded world, so the text is compared too (the same string object while it plays).
(a, b) => a.entry.seq === b.entry.seq && a.entry.text === b.entry.text && a.mode === b.mode && a.select === b.select && a.tabStop === b.tabStop);

/**
 * How many of the log's newest lines are drawn: all, unless many are new and the older ones are
 * still coming. While the lesson plays fast and a moment turns most of the log over (the load
 * lesson at 16x: up to 120 new lines a world every 100 ms, faster than anyone reads), only the
 * newest chunk is drawn until playback pauses or slows below 4x. Drawing the rest a chunk a frame
 * after each such moment kept the page busy every frame: half of a frame's work on a classroom
 * laptop. (Ending the hold after a few calm moments instead made it end at every caption the
 * lesson slows for: busy time per frame at 4x CPU went from ~34 to ~52 ms.)
 */
function useDrawnCount(log: readonly LogEntry[] | undefined, playingFast: boolean): number {
  // From nothing drawn: the details often mount with a seek (the lesson moved), a whole log at once.
  const [drawn, setDrawn] = useState<{ log: readonly LogEntry[] | undefined; count: number; holding: boolean }>({ log: undefined, count: Infinity, holding: false });
  // Adjusted while rendering (React's pattern for state derived from a change), so the many new lines are never drawn at once.
  let { count, holding } = drawn;
  if (drawn.log !== log) {
    const before = new Map(drawn.log?.map((e) => [e.seq, e.text]));
    const fresh = log ? log.reduce((n, e) => (before.get(e.seq) === e.text ? n : n + 1), 0) : 0;
    if (fresh > LOG_LINES_PER_FRAME) {
      count = LOG_LINES_PER_FRAME;
      holding = playingFast;
    }
  }
  if (!playingFast) holding = false;
  if (drawn.log !== log || drawn.holding !== holding) setDrawn({ log, count, holding });
  const whole = !log || count >= log.length;
  useEffect(() => {
    if (whole || holding) return;
    // The next chunk after this frame is painted: a frame, then a task.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => setDrawn((d) => ({ ...d, count: d.count + LOG_LINES_PER_FRAME })), 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [whole, holding, count]);
  return count;
}

/** The text log that carries everything the animation shows; a line with a request opens it. */
export function EventLog({ mode }: { mode: Mode }) {
  // Playing fast, a lesson that turns its log over is also held to its newest lines (useDrawnCount).
  const playingFast = usePlayingFast();
  const world = useCalmValue(useApp(worldOf(mode)), useCalmMs());
  const select = useApp(selectSelect);
  // The lines render after the rest of a new moment, in slices React can interrupt: after a seek
  // all of them are new, and drawn with the stage in one task they blocked the page for ~80 ms.
  const log = useDeferredValue(world?.log);
  const count = useDrawnCount(log, playingFast);
  const lines = !log || count >= log.length ? log : log.slice(-count);
  const requestKeys = useMemo(() => (lines ?? []).filter((e) => e.requestId !== undefined).map((e) => String(e.seq)), [lines]);
  const roving = useRovingStop(requestKeys);
  if (!world || !log || !lines) return null;
  // While playing fast holds the older lines back, they count as not shown, so the words agree with the list.
  const waiting = playingFast && lines.length < log.length;
  const hidden = world.logTotal - world.log.length + (waiting ? log.length - lines.length : 0);
  return (
    <section className="eventlog panel" aria-labelledby={`log-title-${mode}`}>
      <h2 id={`log-title-${mode}`}>{SCHEME_WORDS[mode].name} event log</h2>
      {hidden > 0 && (
        <p className="eventlog-hidden">
          {/* The log keeps its newest lines; an earlier moment's lines are its newest there (a takeaway's "accepted 25 times" was nowhere in the log at the end). */}
          {plural(hidden, 'earlier event')} not shown{waiting ? `. Pause to see the last ${log.length}.` : ': move the timeline back to see them.'}
        </p>
      )}
      {/* role=log on a wrapper: an <ol role=log> would no longer be a list for its <li>s. The
          wrapper scrolls bottom-anchored (CSS column-reverse), so the newest line stays in view,
          and stays put once the reader scrolls up, without reading the layout on every update.
          Silent: the caption's MomentNews says a paused moment's lines, naming the worlds. Live,
          the logs read each line of a Step again (twice with both worlds, naming neither), a seek's
          whole log, and ~3 lines a second over the captions while playing. */}
      {/* One tab stop, as the transcript: its request line (useRovingStop); the log itself only while
          it has none, so a keyboard can still scroll it (it was a second stop before the line). */}
      <div role="log" aria-live="off" aria-label={`${mode} event log`} className="eventlog-scroll" tabIndex={requestKeys.length ? -1 : 0}>
        <ol {...roving.listProps}>
          {lines.map((e) => (
            <LogLine key={e.seq} entry={e} mode={mode} select={select} tabStop={roving.isStop(String(e.seq))} />
          ))}
        </ol>
        {/* Before anything happens the log, a keyboard stop, would be 0 px tall: its focus ring a flat bar. */}
        {lines.length === 0 && <p className="eventlog-empty muted">Nothing has happened yet.</p>}
      </div>
      {/* hidden: a description, read with the line, never on its own in a read-through */}
      <p id={`log-keys-${mode}`} hidden>
        Up and down arrows move between the log's requests; Page Up and Page Down, a page at a time.
      </p>
    </section>
  );
}
