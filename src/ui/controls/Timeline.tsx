import { useMemo, useRef } from 'react';
import { clockTime } from '../../format';
import { useShallow } from 'zustand/react/shallow';
import type { AppStoreState } from '../../store/createAppStore';
import { lessonSteps } from '../../store/lesson';
import { modesFromKey, shownModes } from '../../store/selectors';
import { useApp } from '../storeContext';
import { useElementSize } from '../useElementSize';

const selectTimeline = (s: AppStoreState) => ({ timeMs: s.timeMs, endMs: s.endMs, ready: s.status === 'ready', scenario: s.scenario, modesKey: shownModes(s).join(' '), seek: s.seek });

/** Markers closer than one target apart would overlap: keep the first of each cluster (Next key moment reaches the rest). */
export function spacedMarkers<T extends { atMs: number }>(steps: T[], endMs: number, trackPx: number, minGapPx = 26): T[] {
  if (trackPx <= 0 || endMs <= 0) return steps;
  const kept: T[] = [];
  for (const step of steps) {
    const last = kept.at(-1);
    if (!last || ((step.atMs - last.atMs) / endMs) * trackPx >= minGapPx) kept.push(step);
  }
  return kept;
}

/** The scrubber, with a marker at each key moment of the lesson. */
export function Timeline() {
  const c = useApp(useShallow(selectTimeline));
  const { scenario, modesKey } = c;
  const steps = useMemo(() => lessonSteps(scenario, modesFromKey(modesKey)), [scenario, modesKey]);
  const track = useRef<HTMLDivElement>(null);
  const trackPx = useElementSize(track)?.width ?? 0;
  const end = Math.max(c.endMs, c.timeMs);
  const markers = spacedMarkers(steps, end, trackPx);
  return (
    <div className="timeline">
      <input type="range" min={0} max={end} step={10} value={Math.min(c.timeMs, end)} onChange={(e) => void c.seek(Number(e.target.value))} aria-label="Timeline" aria-valuetext={clockTime(c.timeMs)} disabled={!c.ready} />
      <div className="markers" ref={track}>
        {markers.map((step) => (
          <button type="button" key={step.atMs} className="marker" style={{ left: `${(step.atMs / end) * 100}%` }} onClick={() => void c.seek(step.atMs + 1)} title={step.caption} aria-label={`Jump to ${clockTime(step.atMs)}: ${step.caption}`}>
            <span aria-hidden="true">◆</span>
          </button>
        ))}
      </div>
    </div>
  );
}
