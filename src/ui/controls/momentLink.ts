import type { AppStore } from '../../store/createAppStore';
import { linkFor, type LinkExtras } from '../../store/urlState';

/** The address of this moment (scenario, mode, seed, speed, time, interventions) plus a teacher's choices. */
export function momentLink(store: AppStore, extras: LinkExtras = {}): string {
  const s = store.getState();
  return `${window.location.origin}${window.location.pathname}${linkFor({ ...s, timeMs: store.player.timeMs }, store.player.recordedActions(), extras)}`;
}
