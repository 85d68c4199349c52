import { useShallow } from 'zustand/react/shallow';
import type { AppStoreState } from '../../store/createAppStore';
import { useApp } from '../storeContext';

const selectCaption = (s: AppStoreState) => {
  const primary = s.worlds.session ?? s.worlds.jwt;
  const scenario = s.scenario;
  const mode = primary?.mode ?? 'session';
  const step = scenario?.timeline(mode).filter((st) => st.caption && st.atMs <= s.timeMs).at(-1);
  const last = primary?.log.filter((e) => e.kind !== 'key').at(-1);
  return { lesson: step?.caption ?? scenario?.summary ?? '', now: last?.text ?? 'Press Play to start.', ended: s.ended };
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
