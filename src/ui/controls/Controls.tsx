import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { AppStoreState } from '../../store/createAppStore';
import { lessonSteps, nextMomentAfter } from '../../store/lesson';
import { modesFromKey, predicting, shownModes } from '../../store/selectors';
import { useApp } from '../storeContext';
import { Clock } from './Clock';
import { PlayButton, StepButtons } from './PlaybackButtons';
import { SpeedControl } from './SpeedControl';
import { Timeline } from './Timeline';
import './controls.css';

const selectControls = (s: AppStoreState) => ({ timeMs: s.timeMs, ready: s.status === 'ready', reset: s.reset, nextMoment: s.nextMoment, previousMoment: s.previousMoment, holding: s.holding, scenario: s.scenario, modesKey: shownModes(s).join(' '), asking: predicting(s) });

/** Playback: play/pause, step, step back, key moments, reset, speed (log scale) and the timeline. */
export function Controls() {
  const c = useApp(useShallow(selectControls));
  const { scenario, modesKey } = c;
  const steps = useMemo(() => lessonSteps(scenario, modesFromKey(modesKey)), [scenario, modesKey]);
  // No key moment left, unless a caption still held on screen may be let go (nextMoment releases it).
  const noneLater = nextMomentAfter(steps, c.timeMs) === undefined && !c.holding;
  // While a question waits for its prediction Next goes nowhere, as Step: it went past the question to
  // the moment whose caption answers it, the card closed without a word (learner review).
  const nextBlocked = noneLater || c.asking;
  const atStart = c.timeMs <= 0;
  // A group, not a toolbar: a toolbar promises arrows between its controls; here Tab moves between
  // them, and Left and Right on a button step (shortcuts.ts), as Step's hint says.
  return (
    <div className="controls" role="group" aria-label="Playback">
      <div className="controls-row">
        <PlayButton />
        <StepButtons />
        {/* aria-disabled where there is no moment that way: the button pressed to get there keeps focus. */}
        <button type="button" onClick={() => {
            if (!atStart) void c.previousMoment();
          }} disabled={!c.ready} aria-disabled={atStart || undefined} aria-label="Previous key moment" title={atStart ? 'At the start' : 'Back to the previous key moment'}>
          ◀◀<span className="wide-only"> Previous</span>
        </button>
        <button type="button" onClick={() => {
            if (!nextBlocked) void c.nextMoment();
          }} disabled={!c.ready} aria-disabled={nextBlocked || undefined} aria-label="Next key moment" title={noneLater ? 'No key moment left' : c.asking ? 'Answer or skip the question first' : 'On to the next key moment'}>
          <span className="wide-only">Next </span>▶▶
        </button>
        {/* aria-disabled, not disabled: Reset reloads the lesson, and a disabled button would drop focus to <body>. */}
        <button type="button" onClick={() => {
            if (c.ready) void c.reset();
          }} aria-disabled={!c.ready || undefined} aria-label="Reset">
          ↺<span className="button-word"> Reset</span>
        </button>
        <SpeedControl />
        <Clock />
      </div>
      <Timeline />
    </div>
  );
}
