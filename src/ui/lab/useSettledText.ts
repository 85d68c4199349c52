import { useEffect, useState } from 'react';

/** How long the form's words must stand before they are said: about a pause between keystrokes. */
export const SETTLE_MS = 1_000;

/**
 * `text` once it has stood unchanged for `SETTLE_MS`, else what stood before: a live region fed
 * with it speaks when the typing stops, not at every keystroke ("1", then "10", then "100" each
 * read out a different problem).
 */
export function useSettledText(text: string): string {
  const [settled, setSettled] = useState(text);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(text), SETTLE_MS);
    return () => clearTimeout(timer);
  }, [text]);
  return settled;
}
