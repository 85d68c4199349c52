import { lazy, Suspense, type ReactNode } from 'react';
import { clockTime } from '../../format';
import { useApp } from '../storeContext';
import type { WorldToggleState } from '../useShownWorlds';
import { FullscreenButton } from './FullscreenButton';
import { PlayButton, StepButtons } from './PlaybackButtons';
import { SpeedControl } from './SpeedControl';
import { Timeline } from './Timeline';
import { WorldToggle } from './WorldToggle';
import './controls.css';

// Only an embed shows the way out: its link code (momentLink) is no part of the full app's first load.
// Its code not come (offline, a deploy since): no link, rather than no embed.
const OpenFullLink = lazy((): Promise<{ default: () => ReactNode }> => import('./OpenFullLink').catch(() => ({ default: () => null })));

const selectControlsOn = (s: { presentation: { controls: boolean } }) => s.presentation.controls;
const selectTime = (s: { timeMs: number }) => s.timeMs;

/** The run's clock: a frame's captions count in seconds ("from 10 s on", "expired at 30 s") and it showed none. */
function EmbedClock() {
  return (
    <span className="time" role="timer" aria-label="Simulation time">
      {clockTime(useApp(selectTime), 1)}
    </span>
  );
}

/** An embed's one row: playback, the timeline, speed, which world (when only one fits), fullscreen and the way out to the full app. */
export function EmbedControls({ toggle }: { toggle: WorldToggleState | null }) {
  const full = useApp(selectControlsOn);
  return (
    <div className="controls embed-controls" role="group" aria-label="Playback">
      <PlayButton />
      {full && (
        <>
          <StepButtons />
          {/* One piece: on a phone-width frame the two take a row of their own together (controls.css). */}
          <div className="embed-time">
            <Timeline />
            <EmbedClock />
          </div>
          <SpeedControl />
        </>
      )}
      {toggle && <WorldToggle toggle={toggle} />}
      {full && <FullscreenButton />}
      <Suspense fallback={null}>
        <OpenFullLink />
      </Suspense>
    </div>
  );
}
