// The address bar kept on what is loaded, so a reload or a copied URL shows the same lesson. Fetched
// beside the first lesson (src/main.tsx), with linkFor.ts: neither is part of the first load.
import type { AppStore } from './createAppStore';
import { linkFor, type LinkExtras } from './linkFor';

/**
 * Rewritten at each load after the first (another lesson, other worlds, another seed: each load sets
 * `comingModes`, the worlds it will show, anew), not as the link's own lesson settles on its worlds (a
 * key-rotation link's mode=both, shown as one world, lost its t and a=), nor to worlds the lesson
 * lacks (mode=session kept for key-rotation said so on reload). It names the interventions the load
 * replays (another view of a run goes on with them: a mode switch dropped a link's a=, which the run
 * still played), and where the lesson can show no world here (JWT-only, without WebCrypto), the view
 * asked for (it wrote mode=undefined). No speed, no moment: the lesson's own, from its start.
 */
export function keepAddressBar(store: AppStore, extras: Pick<LinkExtras, 'questionsOn' | 'presentation'>): void {
  store.subscribe((s, prev) => {
    if (!prev.scenario || s.comingModes === prev.comingModes) return;
    const [first, second] = s.comingModes;
    const view = second ? 'both' : (first ?? s.wantedView);
    window.history.replaceState(null, '', linkFor({ ...s, view, speed: null, timeMs: 0 }, s.comingActions, extras));
  });
}
