import type { AppStore } from '../../store/createAppStore';
import type { RecordedAction } from '../../sim/history';
import { linkFor, type LinkExtras } from '../../store/linkFor';

export interface Moment {
  timeMs: number;
  actions: readonly RecordedAction[];
}

/** Where the learner is: the time on screen and the interventions made by hand. */
export function captureMoment(store: AppStore): Moment {
  const asked = store.getState().question;
  const actions = store.player.recordedActions();
  // A question waiting for its answer is asked again by whoever opens the link: land just before it.
  // Else the moment on screen exactly, fraction and all. Rounded to whole ms, it crossed what the
  // screen showed: paused in a caption's reading time (0.01 ms before the next caption's moment,
  // 499.99 ms) the link opened at 500, on the next caption (teacher review); a Step lands on an
  // event's fractional moment. Interventions are made on whole ms (Player.dispatch), so never after now.
  const timeMs = asked && !asked.result ? Math.max(0, asked.question.atMs - 1) : store.player.timeMs;
  return { timeMs, actions };
}

/** The address of a moment (scenario, mode, seed, speed, time, interventions) plus a teacher's choices. */
export function momentLink(store: AppStore, extras: LinkExtras = {}, moment: Moment = captureMoment(store)): string {
  const s = store.getState();
  return `${window.location.origin}${window.location.pathname}${linkFor({ ...s, timeMs: moment.timeMs }, moment.actions, extras)}`;
}
