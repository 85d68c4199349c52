import { lazy, Suspense, useRef, type KeyboardEvent } from 'react';
import { clockTime } from '../../format';
import { useShallow } from 'zustand/react/shallow';
import type { AppStoreState } from '../../store/createAppStore';
import { fetchStageCode } from '../LazyStageArea';
import { useApp } from '../storeContext';
import { useElementSize } from '../useElementSize';

const selectTimeline = (s: AppStoreState) => ({ timeMs: s.timeMs, endMs: s.endMs, ready: s.status === 'ready', seek: s.seek, seekBy: s.seekBy });
const TimelineMarkers = lazy(() => fetchStageCode().then((m) => ({ default: m.TimelineMarkers })));

const SLIDER_STEP_MS = 10;
/** An arrow key's move: on the slider's own 10 ms grid a 42 s lesson took 4,200 presses (learner review). Shift+arrow keeps 10 ms. */
const ARROW_STEP_MS = 500;
const ARROWS: Record<string, number> = { ArrowRight: 1, ArrowUp: 1, ArrowLeft: -1, ArrowDown: -1 };

/** The scrubber, with a marker at each key moment of the lesson. */
export function Timeline() {
  const c = useApp(useShallow(selectTimeline));
  const track = useRef<HTMLDivElement>(null);
  const trackPx = useElementSize(track)?.width ?? 0;
  // On the slider's 10 ms grid: a value off it (a marker seeks to 1 ms past its moment) made the
  // browser snap the first key press to the grid instead of doing what the key says (Home went to 00:21).
  const end = Math.ceil(Math.max(c.endMs, c.timeMs) / SLIDER_STEP_MS) * SLIDER_STEP_MS;
  const value = Math.min(Math.round(c.timeMs / SLIDER_STEP_MS) * SLIDER_STEP_MS, end);
  // The value text says the lesson's length too (a screen reader heard "00:05.551" with no idea of
  // how far along that was). From where the last queued seek lands, not from the value drawn: a held key repeats before a seek is drawn.
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    const direction = ARROWS[e.key];
    if (!direction || e.shiftKey || e.altKey || e.ctrlKey || e.metaKey) return;
    e.preventDefault();
    void c.seekBy(direction * ARROW_STEP_MS);
  };
  return (
    <div className="timeline">
      <input type="range" min={0} max={end} step={SLIDER_STEP_MS} value={value} onChange={(e) => void c.seek(Number(e.target.value))} onKeyDown={onKeyDown} aria-label="Timeline" aria-valuetext={`${clockTime(c.timeMs)} of ${clockTime(end)}`} disabled={!c.ready} />
      <div className="markers" ref={track}>
        <Suspense fallback={null}>
          <TimelineMarkers endMs={end} trackPx={trackPx} />
        </Suspense>
      </div>
    </div>
  );
}
