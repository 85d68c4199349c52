import { useLayoutEffect, useState } from 'react';

export interface ElementSize {
  width: number;
  height: number;
}

/**
 * An element's border-box size in whole CSS px, kept current by a ResizeObserver (whole pixels, so
 * sub-pixel jitter does not re-render), measured first before the element is painted. null where nothing can measure
 * (no ResizeObserver, as in tests): callers pick their own fallback.
 */
export function useElementSize(ref: React.RefObject<Element | null>): ElementSize | null {
  const [size, setSize] = useState<ElementSize | null>(null);
  useLayoutEffect(() => {
    const el = ref.current;
    // No element (any more: a toggle unmounted): no size, not the last one it had.
    if (!el) setSize(null);
    if (!el || typeof ResizeObserver === 'undefined') return;
    const measure = () => {
      const box = el.getBoundingClientRect();
      const next = { width: Math.round(box.width), height: Math.round(box.height) };
      setSize((prev) => (prev && prev.width === next.width && prev.height === next.height ? prev : next));
    };
    // Once now, before the first paint (a layout effect's update renders before the browser paints),
    // so what depends on the size (a phone's world toggle) is on screen from the start and moves nothing.
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref]);
  return size;
}
