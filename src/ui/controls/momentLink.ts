import type { AppStore } from '../../store/createAppStore';
import type { RecordedAction } from '../../sim/history';
import { linkFor, type LinkExtras } from '../../store/urlState';

export interface Moment {
  timeMs: number;
  actions: readonly RecordedAction[];
}

/**
 * A link's t is whole ms. Rounded, the moment of an intervention made while paused (at 560.43 ms)
 * opened at 560, just before it: the killed server was not down yet. So t goes up to the last one.
 */
export function linkTimeMs(nowMs: number, actions: readonly RecordedAction[]): number {
  const lastDone = actions.reduce((at, a) => (a.atMs <= nowMs ? Math.max(at, a.atMs) : at), 0);
  return Math.max(Math.round(nowMs), Math.ceil(lastDone));
}

/** Where the learner is: the time on screen and the interventions made by hand. */
export function captureMoment(store: AppStore): Moment {
  const asked = store.getState().question;
  const actions = store.player.recordedActions();
  // A question waiting for its answer is asked again by whoever opens the link: land just before it.
  const timeMs = asked && !asked.result ? Math.max(0, asked.question.atMs - 1) : linkTimeMs(store.player.timeMs, actions);
  return { timeMs, actions };
}

/** The address of a moment (scenario, mode, seed, speed, time, interventions) plus a teacher's choices. */
export function momentLink(store: AppStore, extras: LinkExtras = {}, moment: Moment = captureMoment(store)): string {
  const s = store.getState();
  return `${window.location.origin}${window.location.pathname}${linkFor({ ...s, timeMs: moment.timeMs }, moment.actions, extras)}`;
}
