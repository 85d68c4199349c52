import { useShallow } from 'zustand/react/shallow';
import type { AppStoreState } from '../../store/createAppStore';
import { useApp } from '../storeContext';
import { predicting } from '../../store/selectors';

const selectPlayback = (s: AppStoreState) => ({ playing: s.playing, ready: s.status === 'ready', togglePlay: s.togglePlay, step: s.step, stepBack: s.stepBack, atStart: s.timeMs <= 0, atEnd: s.ended, asking: predicting(s) });

export function PlayButton() {
  const c = useApp(useShallow(selectPlayback));
  return (
    // While a question waits for its prediction Play does nothing: it says so, as Step does (it looked enabled, and a click on it looked like a freeze: review).
    <button type="button" className="play" onClick={c.togglePlay} disabled={!c.ready} aria-disabled={c.asking || undefined} title={c.asking ? 'Answer or skip the question first' : undefined} aria-label={c.playing ? 'Pause' : 'Play'} aria-keyshortcuts="Space">
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
      {/* At the start or the end, aria-disabled, not disabled: the button pressed to get there keeps focus. */}
      <button type="button" onClick={() => {
          if (!c.atStart) void c.stepBack();
        }} disabled={!c.ready || c.playing} aria-disabled={c.atStart || undefined} aria-label="Step back" aria-keyshortcuts="ArrowLeft" title={c.atStart ? 'At the start' : 'Step back (Left arrow)'}>
        {/* A step's glyph has its bar (|◀, ▶|): on a phone, where the words go, Step and Play were both ▶. */}
        ❙◀<span className="button-word"> Back</span>
      </button>
      <button type="button" onClick={() => {
          if (!c.atEnd && !c.asking) void c.step();
        }} disabled={!c.ready || c.playing} aria-disabled={c.atEnd || c.asking || undefined} aria-label="Step" aria-keyshortcuts="ArrowRight" title={c.atEnd ? 'At the end' : c.asking ? 'Answer or skip the question first' : 'Step to the next event (Right arrow)'}>
        <span className="button-word">Step </span>▶❙
      </button>
    </>
  );
}
