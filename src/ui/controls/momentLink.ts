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

/**
 * The moment to a whole microsecond, rounded up where no event falls before it: a paused clock's
 * float made links of "t=4007.6016499999996". The same state then, since every event up to the
 * moment has happened, and the next is later still; else the exact moment, as it was.
 */
export function tidied(moment: Moment, nextEventMs: number | undefined): Moment {
  const timeMs = Math.ceil(moment.timeMs * 1000) / 1000;
  return nextEventMs === undefined || nextEventMs > timeMs ? { ...moment, timeMs } : moment;
}

/** The moment on screen, tidied for a link (Share's, the embed's way to the full simulator). */
export const tidyMoment = (store: AppStore): Moment => tidied(captureMoment(store), store.player.nextEventMs());

/** The address of a moment (scenario, mode, seed, speed, time, interventions) plus a teacher's choices; its speed always (see linkFor). */
export function momentLink(store: AppStore, extras: LinkExtras = {}, moment: Moment = tidyMoment(store)): string {
  const s = store.getState();
  return `${window.location.origin}${window.location.pathname}${linkFor({ ...s, timeMs: moment.timeMs }, moment.actions, extras)}`;
}
