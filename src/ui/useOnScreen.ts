import { useEffect, useState, type RefObject } from 'react';

/**
 * Whether any of the element is on screen (true until the browser first says, and where it cannot).
 * A box whose edge only touches the viewport's (the details, just under the fold) is not.
 */
export function useOnScreen(ref: RefObject<Element | null>): boolean {
  const [onScreen, setOnScreen] = useState(true);
  useEffect(() => {
    const el = ref.current;
    if (!el || typeof IntersectionObserver === 'undefined') return;
    // A viewport a pixel shorter: a box touching its foot intersects the real one with a ratio of 0,
    // and scrolling it into view then crossed no threshold, so the browser never said it came.
    const observer = new IntersectionObserver((entries) => setOnScreen(entries.at(-1)!.isIntersecting), { rootMargin: '0px 0px -1px 0px' });
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref]);
  return onScreen;
}
