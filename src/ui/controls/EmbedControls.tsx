import { lazy, Suspense, type ReactNode } from 'react';
import { useApp } from '../storeContext';
import type { WorldToggleState } from '../useShownWorlds';
import { Clock } from './Clock';
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

/** An embed's one row: playback, the timeline, speed, which world (when only one fits), fullscreen and the way out to the full app. */
export function EmbedControls({ toggle }: { toggle: WorldToggleState | null }) {
  const full = useApp(selectControlsOn);
  return (
    <div className="controls embed-controls" id="playback" role="group" aria-label="Playback">
      <PlayButton />
      {full && (
        <>
          <StepButtons />
          {/* One piece: on a phone-width frame the two take a row of their own together (controls.css). */}
          <div className="embed-time">
            <Timeline />
            <Clock digits={1} />
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
