import { useCallback, useLayoutEffect, useRef, useState, type FocusEvent, type KeyboardEvent } from 'react';

/** Each item's element carries its key here, so the list learns which one took focus. */
export const ROVING_KEY_ATTR = 'data-roving-key';

/**
 * A list of buttons that is one tab stop, not one per line: an event log holds up to 120 request
 * lines a world, and a keyboard user had to press Tab 258 times to pass the logs to the comparison
 * table. Tab enters at the line last focused (the newest until one is), Up and Down move line by
 * line, Page Up and Page Down by as many lines as the log's window shows, Home and End to the ends;
 * Enter and Space still press the line.
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
    const next = list.current?.querySelector<HTMLElement>(`[${ROVING_KEY_ATTR}] button`) ?? list.current?.closest<HTMLElement>('[tabindex="0"]');
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
    const page = linesPerPage(e.target);
    const moves: Partial<Record<string, number>> = { ArrowUp: at - 1, ArrowDown: at + 1, PageUp: at - page, PageDown: at + page, Home: 0, End: buttons.length - 1 };
    const to = moves[e.key];
    if (to === undefined) return;
    e.preventDefault();
    buttons[Math.max(0, Math.min(buttons.length - 1, to))]!.focus();
  }, []);
  return { isStop: (key: string) => key === stop, listProps: { ref: list, onFocus, onBlur, onKeyDown } };
}

/** Lines a page holds: as many as the window scrolling the list shows (a log's 16rem box, else the viewport); 10 unlaid out. */
const LINES_WITHOUT_LAYOUT = 10;
function linesPerPage(line: HTMLElement): number {
  const lineHeight = line.getBoundingClientRect().height;
  if (!(lineHeight > 0)) return LINES_WITHOUT_LAYOUT;
  let box: Element | null = line.parentElement;
  while (box && !/(auto|scroll)/.test(getComputedStyle(box).overflowY)) box = box.parentElement;
  const view = box ? box.clientHeight : window.innerHeight;
  return Math.max(1, Math.floor(view / lineHeight) - 1);
}
