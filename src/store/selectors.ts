// Module-level selectors (stable identities); components combine them with useShallow when they
// pick several fields.
import { MODES, type Mode } from '../sim/schemes/names';
import type { AppActions, AppState } from './createAppStore';
import type { WorldSnapshot } from './snapshot';

type S = AppState & AppActions;

export const selectWorlds = (s: S) => s.worlds;
export const selectTimeMs = (s: S) => s.timeMs;
export const selectSelection = (s: S) => s.selection;
export const selectReducedMotion = (s: S) => s.reducedMotion;

export const worldOf =
  (mode: Mode) =>
  (s: S): WorldSnapshot | undefined =>
    s.worlds[mode];

/** Modes back from a selector's `modes.join(' ')` key (a string, so a shallow compare sees no change when they are the same). */
export const modesFromKey = (key: string): Mode[] => (key ? (key.split(' ') as Mode[]) : []);

/** The worlds on screen, session first. */
export const shownModes = (s: S): Mode[] => MODES.filter((m) => s.worlds[m] !== undefined);
