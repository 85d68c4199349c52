import { memo, useDeferredValue } from 'react';
import type { LogEntry, Mode } from '../../sim/types';
import { worldOf } from '../../store/selectors';
import type { AppStoreState } from '../../store/createAppStore';
import { useApp } from '../storeContext';
import { plural, clockTime } from '../../format';
import { SCHEME_WORDS } from '../../sim/schemes/names';

const selectSelect = (s: AppStoreState) => s.select;

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

/** The text log that carries everything the animation shows; a line with a request opens it. */
export function EventLog({ mode }: { mode: Mode }) {
  const world = useApp(worldOf(mode));
  const select = useApp(selectSelect);
  // The lines render after the rest of a new moment, in slices React can interrupt: after a seek
  // all of them are new, and drawn with the stage in one task they blocked the page for ~80 ms.
  const log = useDeferredValue(world?.log);
  if (!world || !log) return null;
  const hidden = world.logTotal - world.log.length;
  return (
    <section className="eventlog panel" aria-labelledby={`log-title-${mode}`}>
      <h2 id={`log-title-${mode}`}>{SCHEME_WORDS[mode].name} event log</h2>
      {hidden > 0 && <p className="eventlog-hidden">{plural(hidden, 'earlier event')} not shown.</p>}
      {/* role=log on a wrapper: an <ol role=log> would no longer be a list for its <li>s. The
          wrapper scrolls bottom-anchored (CSS column-reverse), so the newest line stays in view,
          and stays put once the reader scrolls up, without reading the layout on every update. */}
      <div role="log" aria-label={`${mode} event log`} className="eventlog-scroll" tabIndex={0}>
        <ol>
          {log.map((e) => (
            <LogLine key={e.seq} entry={e} mode={mode} select={select} />
          ))}
        </ol>
      </div>
    </section>
  );
}
