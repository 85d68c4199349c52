import { useLayoutEffect, useRef } from 'react';

/**
 * Phones keep the controls and the caption stuck to the top; each world is then sized to the
 * rest of the viewport. The bar's real height goes into the CSS variable --sticky-h.
 */
export function useStickyHeight() {
  const root = useRef<HTMLDivElement>(null);
  const bar = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const el = bar.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => root.current?.style.setProperty('--sticky-h', `${Math.ceil(el.getBoundingClientRect().height)}px`));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return { root, bar };
}
