import { memo, useDeferredValue, useMemo } from 'react';
import { clockTime } from '../../format';
import { findMeta } from '../../scenarios/catalog';
import { useShallow } from 'zustand/react/shallow';
import type { AppStoreState } from '../../store/createAppStore';
import { lessonSteps, stepsSoFar, type LessonStep } from '../../store/lesson';
import { atMsList, modesFromKey, questionsToComeKey, shownModes } from '../../store/selectors';
import { useApp } from '../storeContext';
import { ROVING_KEY_ATTR, useRovingStop } from '../useRovingStop';

const selectTranscript = (s: AppStoreState) => ({ scenario: s.scenario, scenarioId: s.scenarioId, modesKey: shownModes(s).join(' '), timeMs: s.timeMs, seek: s.seek, coming: questionsToComeKey(s) });

/**
 * The lesson's story so far, one caption a line with its time; a line takes you back there. It opens
 * with what to watch: a phone's caption box never shows the opening (Caption.tsx).
 */
export function Transcript() {
  const t = useApp(useShallow(selectTranscript));
  const notice = findMeta(t.scenarioId)?.notice;
  const steps = useMemo(() => lessonSteps(t.scenario, modesFromKey(t.modesKey)), [t.scenario, t.modesKey]);
  // The lines follow the new moment after the rest of it is drawn (a render React can interrupt).
  const timeMs = useDeferredValue(t.timeMs);
  // A caption a question still asks about is told once the learner has predicted (stepsSoFar).
  const told = useMemo(() => stepsSoFar(steps, timeMs, atMsList(t.coming)), [steps, timeMs, t.coming]);
  return (
    <section className="transcript panel" aria-labelledby="transcript-title">
      <h2 id="transcript-title">The lesson so far</h2>
      {/* The catalog's, by the lesson's id: while a newly picked lesson loads (or if it fails to), the last one is still `scenario`. */}
      {notice && (
        <p className="transcript-watch">
          <strong>What to watch:</strong> {notice}
        </p>
      )}
      <TranscriptLines told={told} seek={t.seek} />
      <p id="transcript-keys" hidden>
        Up and down arrows move between the captions; Page Up and Page Down, a page at a time.
      </p>
    </section>
  );
}

/**
 * The captions told so far, drawn again only when one more is told (or another lesson's are): the
 * clock moves at every publish, and the list is the same for seconds at a time.
 */
const TranscriptLines = memo(
  function TranscriptLines({ told, seek }: { told: LessonStep[]; seek: (atMs: number) => Promise<void> }) {
    // One tab stop for the whole story (arrows move within it), like the event logs.
    const roving = useRovingStop(useMemo(() => told.map((st) => String(st.atMs)), [told]));
    return told.length === 0 ? (
      <p className="muted">The captions will collect here as the lesson plays.</p>
    ) : (
      <ol {...roving.listProps}>
        {told.map((st) => {
          const stop = roving.isStop(String(st.atMs));
          return (
            <li key={st.atMs} {...{ [ROVING_KEY_ATTR]: String(st.atMs) }}>
              <button type="button" className="linklike" tabIndex={stop ? 0 : -1} aria-describedby={stop ? 'transcript-keys' : undefined} onClick={() => void seek(st.atMs + 1)}>
                <time>{clockTime(st.atMs)}</time> {st.caption}
              </button>
            </li>
          );
        })}
      </ol>
    );
  },
  (a, b) => a.seek === b.seek && a.told.length === b.told.length && a.told.every((st, i) => st === b.told[i]),
);
