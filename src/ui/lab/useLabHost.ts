import { useEffect, type RefObject } from 'react';

/** In a frame, the page around the lab hears that it is there and its height (src/host/connectLab.ts); its code comes only then. */
export function useLabHost(content: RefObject<HTMLElement | null>, title: string): void {
  useEffect(() => {
    const element = content.current;
    if (window.parent === window || !element) return;
    let stop: (() => void) | null = null;
    let gone = false;
    void import('../../host/connectLab').then(({ connectLab }) => {
      if (!gone) stop = connectLab({ self: window, parent: window.parent, content: element, title, search: window.location.search, open: (link) => window.location.assign(link) });
    });
    return () => {
      gone = true;
      stop?.();
    };
  }, [content, title]);
}
