import { useShallow } from 'zustand/react/shallow';
import type { AppStoreState } from '../../store/createAppStore';
import { useApp } from '../storeContext';

const selectPlayback = (s: AppStoreState) => ({ playing: s.playing, ready: s.status === 'ready', togglePlay: s.togglePlay, step: s.step, stepBack: s.stepBack });

export function PlayButton() {
  const c = useApp(useShallow(selectPlayback));
  return (
    <button type="button" className="play" onClick={c.togglePlay} disabled={!c.ready} aria-label={c.playing ? 'Pause' : 'Play'}>
      {/* A phone shows the glyph alone (controls.css); the accessible name stays Play / Pause. */}
      {c.playing ? '❚❚' : '▶'}
      <span className="play-word"> {c.playing ? 'Pause' : 'Play'}</span>
    </button>
  );
}

/** Step back and Step: one logged moment at a time, while paused. */
export function StepButtons() {
  const c = useApp(useShallow(selectPlayback));
  return (
    <>
      <button type="button" onClick={() => void c.stepBack()} disabled={!c.ready || c.playing} aria-label="Step back" title="Step back (Left arrow)">
        ◀<span className="button-word"> Back</span>
      </button>
      <button type="button" onClick={() => void c.step()} disabled={!c.ready || c.playing} aria-label="Step" title="Step to the next event (Right arrow)">
        <span className="button-word">Step </span>▶
      </button>
    </>
  );
}
