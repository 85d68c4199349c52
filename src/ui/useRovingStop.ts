import { useCallback, useLayoutEffect, useRef, useState, type FocusEvent, type KeyboardEvent } from 'react';

/** Each item's element carries its key here, so the list learns which one took focus. */
export const ROVING_KEY_ATTR = 'data-roving-key';

/**
 * A list of buttons that is one tab stop, not one per line: an event log holds up to 120 request
 * lines a world, and a keyboard user had to press Tab 258 times to pass the logs to the comparison
 * table. Tab enters at the line last focused (the newest until one is), Up and Down move line by
 * line, Page Up and Page Down as far as the window scrolling the list shows (`pageFrom`), Home and
 * End to the ends; Enter and Space still press the line.
 *
 * `keys` are the items that hold a button, in order. `isStop(key)` says which one Tab reaches.
 */
export function useRovingStop(keys: readonly string[]) {
  const [chosen, setChosen] = useState<string | undefined>(undefined);
  const list = useRef<HTMLOListElement>(null);
  /** The line that has focus now, if any: a removed element takes focus with it without a blur. */
  const focused = useRef<string | null>(null);
  const stop = chosen !== undefined && keys.includes(chosen) ? chosen : keys.at(-1);

  // A bounded log drops its oldest lines as it plays: the focused one went, and focus fell to
  // <body>. It goes on to the oldest line left, next to where the reader was (or the log itself).
  useLayoutEffect(() => {
    if (focused.current === null || keys.includes(focused.current)) return;
    focused.current = null;
    if (document.activeElement && document.activeElement !== document.body) return;
    const next = list.current?.querySelector<HTMLElement>(`[${ROVING_KEY_ATTR}] button`) ?? list.current?.closest<HTMLElement>('[tabindex]');
    next?.focus({ preventScroll: true });
  }, [keys]);

  const onFocus = useCallback((e: FocusEvent<HTMLElement>) => {
    const key = (e.target as Element).closest(`[${ROVING_KEY_ATTR}]`)?.getAttribute(ROVING_KEY_ATTR);
    focused.current = key ?? null;
    if (key != null) setChosen(key);
  }, []);
  const onBlur = useCallback(() => {
    focused.current = null;
  }, []);
  const onKeyDown = useCallback((e: KeyboardEvent<HTMLElement>) => {
    if (e.altKey || e.ctrlKey || e.metaKey || !(e.target instanceof HTMLButtonElement)) return;
    const buttons = [...e.currentTarget.querySelectorAll<HTMLButtonElement>(`[${ROVING_KEY_ATTR}] button`)];
    const at = buttons.indexOf(e.target);
    if (at < 0) return;
    const moves: Partial<Record<string, () => number>> = {
      ArrowUp: () => at - 1,
      ArrowDown: () => at + 1,
      PageUp: () => pageFrom(buttons, at, -1),
      PageDown: () => pageFrom(buttons, at, 1),
      Home: () => 0,
      End: () => buttons.length - 1,
    };
    const to = moves[e.key]?.();
    if (to === undefined) return;
    e.preventDefault();
    buttons[Math.max(0, Math.min(buttons.length - 1, to))]!.focus();
  }, []);
  return { isStop: (key: string) => key === stop, listProps: { ref: list, onFocus, onBlur, onKeyDown } };
}

/** Lines a page moves where nothing is laid out (tests). */
const LINES_WITHOUT_LAYOUT = 10;

/**
 * The line a page away: the farthest whose top is within the window scrolling the list (a log's
 * 16rem box, else the viewport), less one line, of this one's. Measured in px: the transcript's
 * lines wrap to one to four rows, and a count of lines skipped past the window.
 */
function pageFrom(buttons: HTMLButtonElement[], at: number, step: 1 | -1): number {
  const from = buttons[at]!.getBoundingClientRect();
  if (!(from.height > 0)) return at + step * LINES_WITHOUT_LAYOUT;
  let box: Element | null = buttons[at]!.parentElement;
  while (box && !/(auto|scroll)/.test(getComputedStyle(box).overflowY)) box = box.parentElement;
  const reach = (box ? box.clientHeight : window.innerHeight) - from.height;
  let to = at + step;
  for (let i = to; i >= 0 && i < buttons.length && Math.abs(buttons[i]!.getBoundingClientRect().top - from.top) <= reach; i += step) to = i;
  return to;
}
