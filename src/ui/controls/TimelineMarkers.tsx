// The timeline's markers, one at each key moment: drawn once a lesson's script has come, so they
// come with the stage's code (LazyStageArea.tsx), not in the first load.
import { Fragment, useMemo, type CSSProperties } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { clockTime, plural } from '../../format';
import type { AppStoreState } from '../../store/createAppStore';
import { lessonSteps, markerTarget, toldAfterQuestion } from '../../store/lesson';
import { atMsList, modesFromKey, predicting, questionsToComeKey, shownModes } from '../../store/selectors';
import { useApp } from '../storeContext';

const selectMarkers = (s: AppStoreState) => ({ timeMs: s.timeMs, scenario: s.scenario, modesKey: shownModes(s).join(' '), coming: questionsToComeKey(s), seek: s.seek, askingAtMs: predicting(s) ? s.question!.question.atMs : null });

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

/**
 * The markers over a track `trackPx` wide for a timeline `endMs` long; a jump lands on a question asked
 * just before its moment. Named by their title alone: as aria-label too, a screen reader read it twice.
 */
/** Escape puts a focused marker's name away, the focus staying (WCAG 1.4.13): it lay over the caption's first line. */
function hideTipOnEscape(e: React.KeyboardEvent<HTMLButtonElement>) {
  if (e.key !== 'Escape' || e.currentTarget.dataset.tip === 'hidden' || !e.currentTarget.matches(':focus-visible')) return;
  e.currentTarget.dataset.tip = 'hidden';
  // This Escape's only job: a drawer open beside it stays (DrawerPanel skips one already handled).
  e.preventDefault();
}

export function TimelineMarkers({ endMs, trackPx }: { endMs: number; trackPx: number }) {
  const c = useApp(useShallow(selectMarkers));
  const { scenario, modesKey } = c;
  const steps = useMemo(() => lessonSteps(scenario, modesFromKey(modesKey)), [scenario, modesKey]);
  const coming = atMsList(c.coming);
  return spacedMarkers(steps, endMs, trackPx).map((marker) => {
    const share = marker.step.atMs / endMs;
    // Past a question that waits for its prediction, a marker goes nowhere, as Next and Step: it jumped to the caption that answers it.
    const blocked = c.askingAtMs !== null && marker.step.atMs >= c.askingAtMs;
    const name = `${markerName(marker, coming)}${blocked ? ' (answer or skip the question first)' : ''}`;
    return (
      <Fragment key={marker.step.atMs}>
        <button type="button" className="marker" style={{ left: `${share * 100}%` }} aria-disabled={blocked || undefined} onClick={() => {
            if (!blocked) void c.seek(markerTarget(marker.step.atMs, c.timeMs, coming));
          }} onKeyDown={hideTipOnEscape} onBlur={(e) => delete e.currentTarget.dataset.tip} title={name}>
          <span aria-hidden="true">◆</span>
        </button>
        {/* Its name in sight while it has the keyboard's focus: a title shows only to a pointer, and Tab met bare diamonds (a11y review). */}
        <span className="marker-tip" style={{ '--share': share } as CSSProperties} aria-hidden="true">
          {name}
        </span>
      </Fragment>
    );
  });
}
