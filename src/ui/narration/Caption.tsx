import { useShallow } from 'zustand/react/shallow';
import type { AppStoreState } from '../../store/createAppStore';
import { lessonSteps } from '../../store/lesson';
import { shownModes } from '../../store/selectors';
import { useApp } from '../storeContext';

const selectCaption = (s: AppStoreState) => {
  const modes = shownModes(s);
  const step = lessonSteps(s.scenario, modes).filter((st) => st.atMs <= s.timeMs).at(-1);
  // What just happened, in whichever world it happened last (named when both are on screen).
  let now: { timeMs: number; text: string } | null = null;
  for (const mode of modes) {
    const last = s.worlds[mode]?.log.filter((e) => e.kind !== 'key').at(-1);
    if (last && (!now || last.timeMs >= now.timeMs)) now = { timeMs: last.timeMs, text: modes.length > 1 ? `${mode === 'session' ? 'Session' : 'JWT'}: ${last.text}` : last.text };
  }
  return { lesson: step?.caption ?? s.scenario?.summary ?? '', now: now?.text ?? 'Press Play to start.', ended: s.ended };
};

/** One plain sentence for what just happened, announced politely to screen readers. */
export function Caption() {
  const c = useApp(useShallow(selectCaption));
  return (
    <div className="caption">
      <p className="caption-lesson">{c.lesson}</p>
      <p className="caption-now" aria-live="polite" aria-atomic="true" data-testid="caption">
        {c.ended ? 'The scenario has finished. Step back, scrub the timeline, or try an intervention.' : c.now}
      </p>
    </div>
  );
}
