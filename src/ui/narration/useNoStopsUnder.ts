import { useLayoutEffect, type RefObject } from 'react';

/** A stage node that is a tab stop (`NodeView.tsx`). */
const NODE_STOP = '.stage [tabindex="0"]';

/**
 * The stage nodes a question card lies over leave the Tab order while it lies there, as they are out
 * of a pointer's reach: Shift+Tab from the card went on into the world it covers, each node focused
 * unseen (WCAG 2.4.11). Judged by each node's middle, again whenever the card or the worlds change
 * size; `state` names what the card shows (its question, folded or not). A card pinned to a phone's
 * screen (fixed) covers what the page's scroll brings under it: nothing is taken there.
 */
export function useNoStopsUnder(card: RefObject<HTMLElement | null>, state: string): void {
  useLayoutEffect(() => {
    const el = card.current;
    if (!el) return;
    let taken: Element[] = [];
    const release = () => {
      for (const node of taken) node.setAttribute('tabindex', '0');
      taken = [];
    };
    const judge = () => {
      release();
      if (getComputedStyle(el).position === 'fixed') return;
      const box = el.getBoundingClientRect();
      for (const node of document.querySelectorAll(NODE_STOP)) {
        const at = node.getBoundingClientRect();
        const [x, y] = [at.left + at.width / 2, at.top + at.height / 2];
        if (x < box.left || x > box.right || y < box.top || y > box.bottom) continue;
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
