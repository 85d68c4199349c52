import { useEffect } from 'react';
import type { AppStore } from '../store/createAppStore';

const TYPING = new Set(['INPUT', 'SELECT', 'TEXTAREA', 'BUTTON']);

/** Space: play/pause; Left/Right: step back/forward; + and -: faster/slower. */
export function useShortcuts(store: AppStore): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      if (e.ctrlKey || e.metaKey || e.altKey || (target && (TYPING.has(target.tagName) || target.isContentEditable))) return;
      const s = store.getState();
      if (e.key === ' ') s.togglePlay();
      else if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
        // Stepping means looking closely: stop the clock first, as the disabled buttons imply.
        if (s.playing) s.pause();
        void (e.key === 'ArrowRight' ? s.step() : s.stepBack());
      }
      else if (e.key === '+' || e.key === '=') s.setSpeed(s.speed * 2);
      else if (e.key === '-' || e.key === '_') s.setSpeed(s.speed / 2);
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store]);
}

/** The simulation pauses itself when the tab is hidden, and follows prefers-reduced-motion. */
export function usePageSignals(store: AppStore): void {
  useEffect(() => {
    const onVisibility = () => {
      if (document.hidden) store.getState().pause();
    };
    document.addEventListener('visibilitychange', onVisibility);
    const media = window.matchMedia?.('(prefers-reduced-motion: reduce)');
    const onMotion = () => store.getState().setReducedMotion(media?.matches ?? false);
    onMotion();
    media?.addEventListener?.('change', onMotion);
    return () => {
      document.removeEventListener('visibilitychange', onVisibility);
      media?.removeEventListener?.('change', onMotion);
    };
  }, [store]);
}
