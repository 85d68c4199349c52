import { useEffect } from 'react';
import type { AppStore } from '../store/createAppStore';

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
