import { useLayoutEffect, type RefObject } from 'react';

/**
 * Sets `--now-lines` on "what just happened": how many whole lines of it fit in the caption box under
 * the lesson's lines (1 or 2; layout.css uses 2 until measured). The box never grows, so the worlds
 * never move; a line the box can only half hold is not drawn half. Measured by a ResizeObserver on
 * the box and the lesson's lines (after layout, so a publish, ten a second while playing, forces
 * none), and set through the CSSOM: a style attribute in the built first screen breaks the CSP.
 *
 * Also `--now-more`: the whole lines the moment's caption leaves empty above what just happened, in
 * a box as tall as the lesson's longest caption (a phone's), which a longer line may rise into
 * (layout.css): revocation's ban ended "so 1…" under three empty lines. Measured again when the
 * caption's words change (a MutationObserver: a few times a lesson, never per publish).
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
      const lessonBox = l.getBoundingClientRect();
      const room = Math.floor((inner - lessonBox.height + 0.5) / lineHeight);
      n.style.setProperty('--now-lines', String(Math.max(1, Math.min(2, room))));
      n.style.setProperty('--now-more', String(emptyLinesBelow(l, lessonBox, lineHeight)));
    };
    const observer = new ResizeObserver(measure);
    observer.observe(b);
    observer.observe(l);
    const words = new MutationObserver(measure);
    words.observe(l, { childList: true, subtree: true, characterData: true });
    return () => {
      observer.disconnect();
      words.disconnect();
    };
  }, [box, lesson, now]);
}

/** Whole lines of `lineHeight` between the end of the lesson's words and the foot of its box (0 when they fill it, or scroll). */
function emptyLinesBelow(lesson: HTMLElement, lessonBox: DOMRect, lineHeight: number): number {
  const words = document.createRange();
  words.selectNodeContents(lesson);
  const { height, bottom } = words.getBoundingClientRect();
  const free = lessonBox.bottom - (height > 0 ? bottom : lessonBox.top);
  return lesson.scrollTop > 0 ? 0 : Math.max(0, Math.floor((free - 2) / lineHeight));
}
