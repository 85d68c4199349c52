import { useDeferredValue, useMemo } from 'react';
import { clockTime } from '../../format';
import { useShallow } from 'zustand/react/shallow';
import type { AppStoreState } from '../../store/createAppStore';
import { lessonSteps } from '../../store/lesson';
import { modesFromKey, shownModes } from '../../store/selectors';
import { useApp } from '../storeContext';

const selectTranscript = (s: AppStoreState) => ({ scenario: s.scenario, modesKey: shownModes(s).join(' '), timeMs: s.timeMs, seek: s.seek });

/**
 * The lesson's story so far, one caption a line with its time; a line takes you back there. It opens
 * with what to watch: a phone's or an embed's caption box never shows the opening (Caption.tsx).
 */
export function Transcript() {
  const t = useApp(useShallow(selectTranscript));
  const steps = useMemo(() => lessonSteps(t.scenario, modesFromKey(t.modesKey)), [t.scenario, t.modesKey]);
  // The lines follow the new moment after the rest of it is drawn (a render React can interrupt).
  const timeMs = useDeferredValue(t.timeMs);
  const told = useMemo(() => steps.filter((st) => st.atMs <= timeMs), [steps, timeMs]);
  return (
    <section className="transcript panel" aria-labelledby="transcript-title">
      <h2 id="transcript-title">The lesson so far</h2>
      {t.scenario && (
        <p className="transcript-watch">
          <strong>What to watch:</strong> {t.scenario.notice}
        </p>
      )}
      {told.length === 0 ? (
        <p className="muted">The captions will collect here as the lesson plays.</p>
      ) : (
        <ol>
          {told.map((st) => (
            <li key={st.atMs}>
              <button type="button" className="linklike" onClick={() => void t.seek(st.atMs + 1)}>
                <time>{clockTime(st.atMs)}</time> {st.caption}
              </button>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
