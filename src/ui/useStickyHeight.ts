import { useLayoutEffect, useRef } from 'react';
import { useElementSize } from './useElementSize';

/**
 * Phones keep the controls and the caption stuck to the top; each world is then sized to the
 * rest of the viewport. The bar's real height goes into the CSS variable --sticky-h on the root.
 */
export function useStickyHeight() {
  const root = useRef<HTMLDivElement>(null);
  const bar = useRef<HTMLDivElement>(null);
  const height = useElementSize(bar)?.height;
  useLayoutEffect(() => {
    if (height !== undefined) root.current?.style.setProperty('--sticky-h', `${height}px`);
  }, [height]);
  return { root, bar };
}
