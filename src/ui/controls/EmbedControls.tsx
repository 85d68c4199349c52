import type { Mode } from '../../sim/types';
import { WORLD_LABEL } from '../../store/lesson';
import { useApp } from '../storeContext';
import { FullscreenButton } from './FullscreenButton';
import { OpenFullLink } from './OpenFullLink';
import { PlayButton, StepButtons } from './PlaybackButtons';
import { SpeedControl } from './SpeedControl';
import { Timeline } from './Timeline';
import './controls.css';

const selectControlsOn = (s: { presentation: { controls: boolean } }) => s.presentation.controls;

export interface WorldToggle {
  modes: Mode[];
  shown: Mode;
  show(mode: Mode): void;
}

/** An embed's one row: playback, the timeline, speed, which world (when only one fits), fullscreen and the way out to the full app. */
export function EmbedControls({ toggle }: { toggle: WorldToggle | null }) {
  const full = useApp(selectControlsOn);
  return (
    <div className="controls embed-controls" role="toolbar" aria-label="Playback">
      <PlayButton />
      {full && (
        <>
          <StepButtons />
          <Timeline />
          <SpeedControl />
        </>
      )}
      {toggle && (
        <div className="world-toggle" role="group" aria-label="World shown">
          {toggle.modes.map((mode) => (
            <button key={mode} type="button" aria-pressed={toggle.shown === mode} onClick={() => toggle.show(mode)}>
              {WORLD_LABEL[mode]}
            </button>
          ))}
        </div>
      )}
      {full && <FullscreenButton />}
      <OpenFullLink />
    </div>
  );
}
