import { useEffect } from 'react';
import type { AppStore } from '../store/createAppStore';

/**
 * The page's keyboard shortcuts (`shortcuts.ts`), listening from just after the first screen is
 * drawn: they act on a lesson, which arrives later still, so their code is no part of the first
 * load. Should the code fail to come (offline before the service worker has it), the buttons still work.
 */
export function useShortcuts(store: AppStore): void {
  useEffect(() => {
    let stop: (() => void) | undefined;
    let gone = false;
    import('./shortcuts').then(
      (m) => {
        if (!gone) stop = m.listenForShortcuts(store);
      },
      () => {},
    );
    return () => {
      gone = true;
      stop?.();
    };
  }, [store]);
}
