import { useEffect, type RefObject } from 'react';

/** What Tab reaches on the stage: its nodes (`NodeView.tsx`), and under reduced motion the list of messages on the wire. */
const STAGE_STOP = '.stage :is([tabindex="0"], button:not([disabled]))';
/** Room around a focused node for its ring (as `scroll-margin` gives it elsewhere). */
const FOCUS_ROOM_PX = 8;

/** The height of the controls and caption stuck at the screen's top below 1024 px (0 where they do not stick). */
function stuckBarHeight(): number {
  const bar = document.querySelector('.sticky-top');
  return bar && getComputedStyle(bar).position === 'sticky' ? bar.getBoundingClientRect().height : 0;
}

/**
 * The stage's tab stops a question card lies over leave the Tab order while it lies there, as they
 * are out of a pointer's reach: Shift+Tab from the card went on into the world it covers, each node
 * focused unseen (WCAG 2.4.11). Judged by each one's middle as Tab is pressed, before the focus
 * moves (the worlds change under a card: a toggled world, a server added while it is folded, nodes
 * gliding), so only whether the card is up (`shown`) starts and ends it. A card pinned to the
 * foot of a phone's or tablet's screen (fixed) leaves a node only the room between it and the stuck
 * bar, wherever the page scrolls (3-73 px under an open card at 390x844 and 800x600): a node that
 * fits there stays a stop, scrolled into it when focused; one that does not is taken.
 */
export function useNoStopsUnder(card: RefObject<HTMLElement | null>, shown: boolean): void {
  useEffect(() => {
    const el = card.current;
    if (!el) return;
    // Each stop taken, with the tabindex it had (null: none, a button's own).
    let taken: [HTMLElement | SVGElement, string | null][] = [];
    let kept: (HTMLElement | SVGElement)[] = [];
    const release = () => {
      for (const [stop, had] of taken) {
        if (had === null) stop.removeAttribute('tabindex');
        else stop.setAttribute('tabindex', had);
      }
      for (const stop of kept) stop.style.scrollMarginBottom = '';
      taken = [];
      kept = [];
    };
    const judge = () => {
      release();
      const box = el.getBoundingClientRect();
      const pinned = getComputedStyle(el).position === 'fixed';
      // Pinned, a node is seen only between the stuck bar and the card (layout.css gives it the bar's height, and 8 px, above).
      const room = pinned ? box.top - stuckBarHeight() - 2 * FOCUS_ROOM_PX : 0;
      for (const stop of document.querySelectorAll<HTMLElement | SVGElement>(STAGE_STOP)) {
        const at = stop.getBoundingClientRect();
        const [x, y] = [at.left + at.width / 2, at.top + at.height / 2];
        if (pinned && at.height <= room) {
          // Focus scrolls it above the card: a node already in the viewport was left where it was, under it.
          stop.style.scrollMarginBottom = `${innerHeight - box.top + FOCUS_ROOM_PX}px`;
          kept.push(stop);
          continue;
        }
        if (!pinned && (x < box.left || x > box.right || y < box.top || y > box.bottom)) continue;
        taken.push([stop, stop.getAttribute('tabindex')]);
        stop.setAttribute('tabindex', '-1');
      }
    };
    // Capturing: before the browser moves the focus.
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Tab') judge();
    };
    document.addEventListener('keydown', onKey, true);
    return () => {
      document.removeEventListener('keydown', onKey, true);
      release();
    };
  }, [card, shown]);
}
