// While a lesson plays fast, the panels below the stage (event logs, comparison table, disagreement
// strip) take a new moment at most twice a second: at 16x a publish every 100 ms turned ~30 log
// lines over per world, faster than anyone reads, and mounting them was a third of a frame's work
// on a classroom laptop. Out of view (below the fold, where they start), a playing lesson's panels
// take one at most every 2 s, whatever the speed: laying out and painting them at every publish was
// ~6 of a frame's ~22 busy ms at 4x CPU with 300 requests in flight. Paused, or slower and in view,
// they follow every moment at once (`calmValue.ts`).
import { createContext, useContext } from 'react';
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
