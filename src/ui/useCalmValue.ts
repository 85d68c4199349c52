// While a lesson plays fast, the panels below the stage (event logs, comparison table, disagreement
// strip) take a new moment at most twice a second: at 16x a publish every 100 ms turned ~30 log
// lines over per world, faster than anyone reads, and mounting them was a third of a frame's work
// on a classroom laptop. Out of view (below the fold, where they start), a playing lesson's panels
// take one at most every 2 s, whatever the speed: laying out and painting them at every publish was
// ~6 of a frame's ~22 busy ms at 4x CPU with 300 requests in flight. Paused, or slower and in view,
// they follow every moment at once.
import { createContext, useContext, useEffect, useState } from 'react';
import type { AppStoreState } from '../store/createAppStore';
import { useApp } from './storeContext';

/** From this speed up a playing lesson turns its details over faster than anyone reads them. */
export const FAST_SPEED = 4;
/** The least real time between two moments a calm panel shows. */
export const CALM_MS = 500;

/** The least real time between two moments a panel out of view shows while the lesson plays. */
export const OUT_OF_VIEW_MS = 2_000;

/** Whether the details are on screen (Details.tsx watches them); outside Details, they are. */
export const DetailsOnScreen = createContext(true);

const selectPlayingFast = (s: AppStoreState) => s.playing && s.speed >= FAST_SPEED;

/** Whether the lesson plays at FAST_SPEED or faster. */
export const usePlayingFast = (): boolean => useApp(selectPlayingFast);

/** The least real time between two moments a panel below the stage shows now: 0, every one. */
export function useCalmMs(): number {
  const onScreen = useContext(DetailsOnScreen);
  return useApp((s) => (s.playing && !onScreen ? OUT_OF_VIEW_MS : selectPlayingFast(s) ? CALM_MS : 0));
}

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
