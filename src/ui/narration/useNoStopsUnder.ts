import { useLayoutEffect, type RefObject } from 'react';

/** A stage node that is a tab stop (`NodeView.tsx`). */
const NODE_STOP = '.stage [tabindex="0"]';
/** Room around a focused node for its ring (as `scroll-margin` gives it elsewhere). */
const FOCUS_ROOM_PX = 8;

/** The height of the controls and caption stuck at the screen's top below 1024 px (0 where they do not stick). */
function stuckBarHeight(): number {
  const bar = document.querySelector('.sticky-top');
  return bar && getComputedStyle(bar).position === 'sticky' ? bar.getBoundingClientRect().height : 0;
}

/**
 * The stage nodes a question card lies over leave the Tab order while it lies there, as they are out
 * of a pointer's reach: Shift+Tab from the card went on into the world it covers, each node focused
 * unseen (WCAG 2.4.11). Judged by each node's middle, again whenever the card or the worlds change
 * size; `state` names what the card shows (its question, folded or not). A card pinned to the foot of
 * a phone's or tablet's screen (fixed) leaves a node only the room between it and the stuck bar,
 * wherever the page scrolls (3-73 px under an open card at 390x844 and 800x600): a node that fits
 * there stays a stop, scrolled into it when focused; one that does not is taken.
 */
export function useNoStopsUnder(card: RefObject<HTMLElement | null>, state: string): void {
  useLayoutEffect(() => {
    const el = card.current;
    if (!el) return;
    let taken: Element[] = [];
    let kept: SVGElement[] = [];
    const release = () => {
      for (const node of taken) node.setAttribute('tabindex', '0');
      for (const node of kept) node.style.scrollMarginBottom = '';
      taken = [];
      kept = [];
    };
    const judge = () => {
      release();
      const box = el.getBoundingClientRect();
      const pinned = getComputedStyle(el).position === 'fixed';
      // Pinned, a node is seen only between the stuck bar and the card (layout.css gives it the bar's height, and 8 px, above).
      const room = pinned ? box.top - stuckBarHeight() - 2 * FOCUS_ROOM_PX : 0;
      for (const node of document.querySelectorAll<SVGElement>(NODE_STOP)) {
        const at = node.getBoundingClientRect();
        const [x, y] = [at.left + at.width / 2, at.top + at.height / 2];
        if (pinned && at.height <= room) {
          // Focus scrolls it above the card: a node already in the viewport was left where it was, under it.
          node.style.scrollMarginBottom = `${innerHeight - box.top + FOCUS_ROOM_PX}px`;
          kept.push(node);
          continue;
        }
        if (!pinned && (x < box.left || x > box.right || y < box.top || y > box.bottom)) continue;
        node.setAttribute('tabindex', '-1');
        taken.push(node);
      }
    };
    judge();
    const observer = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(judge);
    for (const watched of [el, el.parentElement]) if (watched) observer?.observe(watched);
    return () => {
      observer?.disconnect();
      release();
    };
  }, [card, state]);
}
