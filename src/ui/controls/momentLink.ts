import type { AppStore } from '../../store/createAppStore';
import type { RecordedAction } from '../../sim/history';
import { linkFor, type LinkExtras } from '../../store/urlState';

export interface Moment {
  timeMs: number;
  actions: readonly RecordedAction[];
}

/** Where the learner is: the time on screen and the interventions made by hand. */
export function captureMoment(store: AppStore): Moment {
  const asked = store.getState().question;
  // A question waiting for its answer is asked again by whoever opens the link: land just before it.
  const timeMs = asked && !asked.result ? Math.max(0, asked.question.atMs - 1) : store.player.timeMs;
  return { timeMs, actions: store.player.recordedActions() };
}

/** The address of a moment (scenario, mode, seed, speed, time, interventions) plus a teacher's choices. */
export function momentLink(store: AppStore, extras: LinkExtras = {}, moment: Moment = captureMoment(store)): string {
  const s = store.getState();
  return `${window.location.origin}${window.location.pathname}${linkFor({ ...s, timeMs: moment.timeMs }, moment.actions, extras)}`;
}
