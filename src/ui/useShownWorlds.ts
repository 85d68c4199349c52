import { useMemo, useState, type RefObject } from 'react';
import type { Mode } from '../sim/types';
import type { AppStoreState } from '../store/createAppStore';
import { useApp } from './storeContext';
import { useElementSize, type ElementSize } from './useElementSize';

/** Below this width per world, its labels would shrink under 11 px: side by side needs twice it. */
export const WORLD_MIN_WIDTH_PX = 340;
/**
 * Stacked (a phone): below this height per world its cluster cannot be drawn whole at 11 px with
 * room for the dots (the compact rows in which a one-row cluster keeps its lines, `COMPACT_MIN_HEIGHT_PX`
 * in stage/layout.ts, plus the world's title and frame; test/ui/phoneLayout.test.tsx holds them together).
 */
export const WORLD_MIN_HEIGHT_PX = 244;
/** The gap between two stacked worlds (`.stages` in layout.css). */
export const STACK_GAP_PX = 8;

/** The question put to the learner now, unanswered. */
const selectAsked = (s: AppStoreState) => (s.question?.choiceId === null ? s.question.question : null);
/** The world of the part being inspected, if any. */
const selectInspectedWorld = (s: AppStoreState) => s.selection?.mode ?? null;

export interface WorldToggleState {
  modes: Mode[];
  shown: Mode;
  show(mode: Mode): void;
}

/** Whether two worlds fit this region side by side: each as wide as WORLD_MIN_WIDTH_PX. */
export const sideBySide = (size: ElementSize | null): boolean => !size || size.width >= 2 * WORLD_MIN_WIDTH_PX; // nothing measures (tests): the layout's own choice

/** Whether two worlds fit this region: side by side (wide enough), or, where the layout stacks them, one above the other. */
export function twoWorldsFit(size: ElementSize | null, stacks: boolean): boolean {
  if (!size) return true; // nothing measures (tests): the layout's own choice
  return sideBySide(size) || (stacks && size.height >= 2 * WORLD_MIN_HEIGHT_PX + STACK_GAP_PX);
}

/**
 * The worlds a stage region shows: all of them when they fit legibly, else one, with a toggle to
 * the other (the embed in a small frame, a short phone); and whether they go side by side (`side`:
 * the region is wide enough; a tablet's stylesheet stacks them otherwise, `is-side`), judged on the
 * region, not the window, whose scrollbar a media query counts. The choice is measured on the region,
 * which the stylesheet sizes before any world is drawn, so no world appears and then goes.
 */
export function useShownWorlds(area: RefObject<HTMLElement | null>, modes: Mode[], stacks: boolean): { shown: Mode[]; side: boolean; toggle: WorldToggleState | null; toggleRowRef: (el: HTMLElement | null) => void } {
  const measured = useElementSize(area);
  // Shown, the toggle's row (given `toggleRowRef`: above the region, in the full app) is taken from
  // the region: two worlds would have it back. Judged without it, a phone that once showed one world
  // (Options opened, then closed) never showed two again. Its gap is not counted: judged a few px
  // short, the choice can never flip back and forth. Held in state: the toggle may come later (a
  // lesson with two worlds after one with one), and its size is then measured from then on.
  const [toggleRow, toggleRowRef] = useState<HTMLElement | null>(null);
  const row = useElementSize(useMemo(() => ({ current: toggleRow }), [toggleRow]));
  const size = measured && row && row.height > 0 ? { width: measured.width, height: measured.height + row.height } : measured;
  const [chosen, setChosen] = useState<Mode | null>(null);
  const all = modes.length < 2 || twoWorldsFit(size, stacks);
  const one = chosen && modes.includes(chosen) ? chosen : modes[0]!;
  // A question asked while one world is shown, about a world that is not the one on screen, puts
  // that world there (the learner was asked about the JWT world with the session world drawn); it
  // stays for the outcome. A question about both leaves the learner's choice alone.
  useWhenChanged(useApp(selectAsked), (asked) => {
    const about = asked?.modes.find((m) => modes.includes(m));
    if (!all && about && !asked!.modes.includes(one)) setChosen(about);
  });
  // A part inspected is that world's: it is the one kept when the drawer, opening beside the worlds,
  // leaves room for one (a JWT server clicked at 1024 px showed the session world beside its inspector).
  useWhenChanged(useApp(selectInspectedWorld), (inspected) => {
    if (inspected && modes.includes(inspected)) setChosen(inspected);
  });
  const shown = all ? modes : [one];
  return { shown, side: sideBySide(size), toggle: all ? null : { modes, shown: shown[0]!, show: setChosen }, toggleRowRef };
}

/** Runs `then` while rendering, once each time `value` changes (React's way to adjust state when an input changes). */
function useWhenChanged<T>(value: T, then: (value: T) => void): void {
  const [seen, setSeen] = useState(value);
  if (value !== seen) {
    setSeen(value);
    then(value);
  }
}
