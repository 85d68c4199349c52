import { useMemo, useRef, type KeyboardEvent } from 'react';
import { clockTime, plural } from '../../format';
import { useShallow } from 'zustand/react/shallow';
import type { AppStoreState } from '../../store/createAppStore';
import { jumpTarget, lessonSteps, toldAfterQuestion } from '../../store/lesson';
import { atMsList, modesFromKey, questionsToComeKey, shownModes } from '../../store/selectors';
import { useApp } from '../storeContext';
import { useElementSize } from '../useElementSize';

const selectTimeline = (s: AppStoreState) => ({ timeMs: s.timeMs, endMs: s.endMs, ready: s.status === 'ready', scenario: s.scenario, modesKey: shownModes(s).join(' '), coming: questionsToComeKey(s), seek: s.seek, seekBy: s.seekBy });

const SLIDER_STEP_MS = 10;
/** An arrow key's move: on the slider's own 10 ms grid a 42 s lesson took 4,200 presses (learner review). Shift+arrow keeps 10 ms. */
const ARROW_STEP_MS = 500;
const ARROWS: Record<string, number> = { ArrowRight: 1, ArrowUp: 1, ArrowLeft: -1, ArrowDown: -1 };

/** A marker on the track: its moment, and how many moments after it share its place, up to which. */
export interface Marker<T> {
  step: T;
  alsoHere: number;
  lastAtMs: number;
}

/**
 * Markers closer than one target apart would overlap: the first of each cluster stands for the
 * rest, and its name counts them, so no moment goes unmentioned (Step and Next key moment reach them).
 * But the lesson's start, where the track begins, gives its marker to the moment after it: in an
 * 800 px embed, revocation's ban was "0:00 (and 1 more moment just after)".
 */
export function spacedMarkers<T extends { atMs: number }>(steps: T[], endMs: number, trackPx: number, minGapPx = 26): Marker<T>[] {
  const kept: Marker<T>[] = [];
  for (const step of steps) {
    const last = kept.at(-1);
    if (!last || !(trackPx > 0 && endMs > 0 && ((step.atMs - last.step.atMs) / endMs) * trackPx < minGapPx)) kept.push({ step, alsoHere: 0, lastAtMs: step.atMs });
    else if (last.step.atMs === 0) Object.assign(last, { step, lastAtMs: step.atMs });
    else Object.assign(last, { alsoHere: last.alsoHere + 1, lastAtMs: step.atMs });
  }
  return kept;
}

/**
 * Its name: the moment, and the others it stands for up to when (a 90 px track's marker stood for
 * moments 12-28 s later, "just after"). Its caption only once no question to come asks before or
 * about it: basic's one marker said its question's answer from the first screen, as a tooltip.
 */
export function markerName({ step, alsoHere, lastAtMs }: Marker<{ atMs: number; caption: string }>, coming: readonly { atMs: number }[] = []): string {
  const more = alsoHere === 0 ? '' : ` (and ${plural(alsoHere, 'more moment')} up to ${clockTime(lastAtMs)})`;
  return `Jump to ${clockTime(step.atMs)}: ${toldAfterQuestion(step, coming) ? 'a key moment, told after your prediction' : step.caption}${more}`;
}

/** The scrubber, with a marker at each key moment of the lesson. */
export function Timeline() {
  const c = useApp(useShallow(selectTimeline));
  const { scenario, modesKey } = c;
  const steps = useMemo(() => lessonSteps(scenario, modesFromKey(modesKey)), [scenario, modesKey]);
  const track = useRef<HTMLDivElement>(null);
  const trackPx = useElementSize(track)?.width ?? 0;
  // On the slider's 10 ms grid: a value off it (a marker seeks to 1 ms past its moment) made the
  // browser snap the first key press to the grid instead of doing what the key says (Home went to 00:21).
  const end = Math.ceil(Math.max(c.endMs, c.timeMs) / SLIDER_STEP_MS) * SLIDER_STEP_MS;
  const value = Math.min(Math.round(c.timeMs / SLIDER_STEP_MS) * SLIDER_STEP_MS, end);
  const markers = spacedMarkers(steps, end, trackPx);
  const coming = atMsList(c.coming);
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
        {markers.map((marker) => (
          <button type="button" key={marker.step.atMs} className="marker" style={{ left: `${(marker.step.atMs / end) * 100}%` }} onClick={() => void c.seek(jumpTarget(marker.step.atMs, c.timeMs, coming))} title={markerName(marker, coming)} aria-label={markerName(marker, coming)}>
            <span aria-hidden="true">◆</span>
          </button>
        ))}
      </div>
    </div>
  );
}
