// What a question's outcome reads of one world, built from the driver's state: the UI snapshot and
// the tests share this, so a question sees the same thing in both.
import { modeRun } from '../sim/report';
import type { SimState } from '../sim/types';
import type { WorldView } from './scenario';

/** How many recent finished requests a view keeps (the UI snapshot keeps as many). */
export const VIEW_RECENT_REQUESTS = 60;

export function worldViewOf(state: SimState, recent = VIEW_RECENT_REQUESTS): WorldView {
  return {
    mode: state.options.mode,
    timeMs: state.timeMs,
    requests: [...state.recent.slice(-recent), ...Object.values(state.requests)],
    report: modeRun(state),
  };
}
