import { useEffect, useState } from 'react';

/**
 * `value`, but a new one at most every `everyMs`: the first change at once, then the latest when
 * the wait ends (so the last moment always shows). At 0, every change at once.
 */
export function useCalmValue<T>(value: T, everyMs: number): T {
  const calm = everyMs > 0;
  const [shown, setShown] = useState(value);
  // A new object per spell of rest: one that starts as the last ends must start its own timer.
  const [rest, setRest] = useState({ on: false });
  // Adjusted while rendering (React's pattern for state derived from a change): no frame shows a
  // stale value. Not calm, nothing is kept (a second render per publish for nothing), and the next
  // calm spell starts afresh: its first change shows at once.
  if (!calm) {
    if (rest.on) setRest({ on: false });
  } else if (shown !== value && !rest.on) {
    setShown(value);
    setRest({ on: true });
  }
  useEffect(() => {
    if (!rest.on) return;
    const timer = setTimeout(() => setRest({ on: false }), everyMs);
    return () => clearTimeout(timer);
  }, [rest, everyMs]);
  return calm && rest.on ? shown : value;
}
