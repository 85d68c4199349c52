import { useShallow } from 'zustand/react/shallow';
import type { AppStoreState } from '../../store/createAppStore';
import { lessonSteps } from '../../store/lesson';
import { shownModes } from '../../store/selectors';
import type { Mode } from '../../sim/types';
import { useMemo } from 'react';
import { sliderFromSpeed, speedFromSlider } from '../../store/clock';
import { clock } from '../../sim/world';
import { useApp } from '../storeContext';
import { ShareLink } from './ShareLink';
import './controls.css';

const selectControls = (s: AppStoreState) => ({
  playing: s.playing,
  speed: s.speed,
  timeMs: s.timeMs,
  endMs: s.endMs,
  ready: s.status === 'ready',
  scenario: s.scenario,
  modesKey: shownModes(s).join(' '),
  togglePlay: s.togglePlay,
  step: s.step,
  stepBack: s.stepBack,
  setSpeed: s.setSpeed,
  reset: s.reset,
  seek: s.seek,
});

const formatSpeed = (speed: number) => `${speed < 1 ? speed.toFixed(2).replace(/0$/, '') : Number(speed.toFixed(1))}x`;

/** Playback: play/pause, step, step back, speed (log scale), reset and the timeline scrubber. */
export function Controls() {
  const c = useApp(useShallow(selectControls));
  const { scenario, modesKey } = c;
  const markers = useMemo(() => lessonSteps(scenario, modesKey.split(' ') as Mode[]), [scenario, modesKey]);
  const end = Math.max(c.endMs, c.timeMs);
  return (
    <div className="controls" role="toolbar" aria-label="Playback">
      <div className="controls-row">
        <button type="button" className="play" onClick={c.togglePlay} disabled={!c.ready} aria-label={c.playing ? 'Pause' : 'Play'}>
          {c.playing ? '❚❚ Pause' : '▶ Play'}
        </button>
        <button type="button" onClick={() => void c.stepBack()} disabled={!c.ready || c.playing} aria-label="Step back" title="Step back (Left arrow)">
          ◀ Back
        </button>
        <button type="button" onClick={() => void c.step()} disabled={!c.ready || c.playing} aria-label="Step" title="Step to the next event (Right arrow)">
          Step ▶
        </button>
        <button type="button" onClick={() => void c.reset()} disabled={!c.ready} aria-label="Reset">
          ↺ Reset
        </button>
        <label className="speed">
          <span>Speed</span>
          <input
            type="range"
            min={0}
            max={1}
            step={1 / 24}
            value={sliderFromSpeed(c.speed)}
            onChange={(e) => c.setSpeed(speedFromSlider(Number(e.target.value)))}
            aria-label="Speed"
            aria-valuetext={formatSpeed(c.speed)}
          />
          <output>{formatSpeed(c.speed)}</output>
        </label>
        <ShareLink />
        <span className="time" aria-label="Simulation time">
          {clock(c.timeMs)}
        </span>
      </div>
      <div className="timeline">
        <input type="range" min={0} max={end} step={10} value={Math.min(c.timeMs, end)} onChange={(e) => void c.seek(Number(e.target.value))} aria-label="Timeline" aria-valuetext={clock(c.timeMs)} disabled={!c.ready} />
        <div className="markers">
          {markers.map((step) => (
            <button type="button" key={step.atMs} className="marker" style={{ left: `${(step.atMs / end) * 100}%` }} onClick={() => void c.seek(step.atMs + 1)} title={step.caption} aria-label={`Jump to ${clock(step.atMs)}: ${step.caption}`}>
              <span aria-hidden="true">◆</span>
            </button>
          ))}
        </div>
      </div>
    </div>
  );
}
