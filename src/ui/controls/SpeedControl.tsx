import { memo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { AppStoreState } from '../../store/createAppStore';
import { SPEED_OCTAVES, sliderFromSpeed, speedFromSlider } from '../../store/clock';
import { useApp } from '../storeContext';

const selectSpeed = (s: AppStoreState) => ({ speed: s.speed, setSpeed: s.setSpeed });

const formatSpeed = (speed: number) => `${speed < 1 ? speed.toFixed(2).replace(/0$/, '') : Number(speed.toFixed(1))}x`;

/**
 * Playback speed on a log scale (0.25x to 16x), a step doubling or halving it (a quarter octave gave
 * 1.2x, 1.4x, 1.7x and links saying speed=2.38). Memo'd: the controls around it re-render with every
 * moment while playing, and React writes a range input's name and type again each time it renders.
 */
export const SpeedControl = memo(function SpeedControl() {
  const c = useApp(useShallow(selectSpeed));
  return (
    <label className="speed">
      <span>Speed</span>
      <input type="range" min={0} max={1} step={1 / SPEED_OCTAVES} value={sliderFromSpeed(c.speed)} onChange={(e) => c.setSpeed(speedFromSlider(Number(e.target.value)))} aria-label="Speed" aria-valuetext={formatSpeed(c.speed)} />
      {/* Hidden from screen readers: an <output> is a live status, and each change was heard twice (the slider says it). */}
      <output aria-hidden="true">{formatSpeed(c.speed)}</output>
    </label>
  );
});
