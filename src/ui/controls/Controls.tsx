import { useShallow } from 'zustand/react/shallow';
import { clockTime } from '../../format';
import type { AppStoreState } from '../../store/createAppStore';
import { useApp } from '../storeContext';
import { PlayButton, StepButtons } from './PlaybackButtons';
import { SpeedControl } from './SpeedControl';
import { Timeline } from './Timeline';
import './controls.css';

const selectControls = (s: AppStoreState) => ({ timeMs: s.timeMs, ready: s.status === 'ready', reset: s.reset, nextMoment: s.nextMoment, previousMoment: s.previousMoment });

/** Playback: play/pause, step, step back, key moments, reset, speed (log scale) and the timeline. */
export function Controls() {
  const c = useApp(useShallow(selectControls));
  return (
    <div className="controls" role="toolbar" aria-label="Playback">
      <div className="controls-row">
        <PlayButton />
        <StepButtons />
        <button type="button" onClick={() => void c.previousMoment()} disabled={!c.ready} aria-label="Previous key moment" title="Back to the previous key moment of the lesson">
          ◀◀<span className="wide-only"> Previous</span>
        </button>
        <button type="button" onClick={() => void c.nextMoment()} disabled={!c.ready} aria-label="Next key moment" title="On to the next key moment of the lesson">
          <span className="wide-only">Next </span>▶▶
        </button>
        {/* aria-disabled, not disabled: Reset reloads the lesson, and a disabled button would drop focus to <body>. */}
        <button type="button" onClick={() => {
            if (c.ready) void c.reset();
          }} aria-disabled={!c.ready || undefined} aria-label="Reset">
          ↺<span className="button-word"> Reset</span>
        </button>
        <SpeedControl />
        <span className="time" aria-label="Simulation time">
          {clockTime(c.timeMs)}
        </span>
      </div>
      <Timeline />
    </div>
  );
}
