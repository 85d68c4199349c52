import { useShallow } from 'zustand/react/shallow';
import type { AppStoreState } from '../../store/createAppStore';
import { lessonSteps } from '../../store/lesson';
import { shownModes } from '../../store/selectors';
import type { Mode } from '../../sim/types';
import { useMemo, useRef } from 'react';
import { useElementSize } from '../useElementSize';
import { sliderFromSpeed, speedFromSlider } from '../../store/clock';
import { clock } from '../../sim/world';
import { useApp } from '../storeContext';
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
  nextMoment: s.nextMoment,
  previousMoment: s.previousMoment,
});

const formatSpeed = (speed: number) => `${speed < 1 ? speed.toFixed(2).replace(/0$/, '') : Number(speed.toFixed(1))}x`;

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

/** Playback: play/pause, step, step back, speed (log scale), reset and the timeline scrubber. */
export function Controls() {
  const c = useApp(useShallow(selectControls));
  const { scenario, modesKey } = c;
  const steps = useMemo(() => lessonSteps(scenario, modesKey.split(' ') as Mode[]), [scenario, modesKey]);
  const track = useRef<HTMLDivElement>(null);
  const trackPx = useElementSize(track)?.width ?? 0;
  const end = Math.max(c.endMs, c.timeMs);
  const markers = spacedMarkers(steps, end, trackPx);
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
        <span className="time" aria-label="Simulation time">
          {clock(c.timeMs)}
        </span>
      </div>
      <div className="timeline">
        <input type="range" min={0} max={end} step={10} value={Math.min(c.timeMs, end)} onChange={(e) => void c.seek(Number(e.target.value))} aria-label="Timeline" aria-valuetext={clock(c.timeMs)} disabled={!c.ready} />
        <div className="markers" ref={track}>
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
