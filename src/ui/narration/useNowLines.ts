import { useLayoutEffect, type RefObject } from 'react';

/**
 * Sets `--now-lines` on "what just happened": how many whole lines of it fit in the caption box under
 * the lesson's lines (1 or 2; layout.css uses 2 until measured). The box never grows, so the worlds
 * never move; a line the box can only half hold is not drawn half. Measured by a ResizeObserver on
 * the box and the lesson's lines (after layout, so a publish, ten a second while playing, forces
 * none), and set through the CSSOM: a style attribute in the built first screen breaks the CSP.
 */
export function useNowLines(box: RefObject<HTMLElement | null>, lesson: RefObject<HTMLElement | null>, now: RefObject<HTMLElement | null>): void {
  useLayoutEffect(() => {
    const [b, l, n] = [box.current, lesson.current, now.current];
    if (!b || !l || !n || typeof ResizeObserver === 'undefined') return;
    const measure = () => {
      const style = getComputedStyle(b);
      const inner = b.clientHeight - parseFloat(style.paddingTop) - parseFloat(style.paddingBottom) - (parseFloat(style.rowGap) || 0);
      const lineHeight = parseFloat(getComputedStyle(n).lineHeight);
      if (!(lineHeight > 0)) return;
      const room = Math.floor((inner - l.getBoundingClientRect().height + 0.5) / lineHeight);
      n.style.setProperty('--now-lines', String(Math.max(1, Math.min(2, room))));
    };
    const observer = new ResizeObserver(measure);
    observer.observe(b);
    observer.observe(l);
    return () => observer.disconnect();
  }, [box, lesson, now]);
}
