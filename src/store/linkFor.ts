// Writing a link: the moment a page shows, as `?scenario=..&mode=..` (read back by urlState.ts's
// parseLink). Out of the first load, as the parser is: the address bar's (addressBar.ts) and Share's.
import type { RecordedAction } from '../sim/history';
import type { View } from './createAppStore';
import type { Presentation } from './presentation';

/** What a shared link may add to the moment: the teacher's choices for the page it opens. */
export interface LinkExtras {
  autoplay?: boolean;
  questionsOn?: boolean;
  presentation?: Partial<Presentation>;
}

/** `speed` null: none written (the address bar's, a lesson's own tempo); else always, since a lesson's own tempo is not 1x (Share's 1x opened at revocation's 2x). */
export function linkFor(s: { scenarioId: string; view: View; seed: number | null; speed: number | null; timeMs: number }, actions: readonly RecordedAction[] = [], extras: LinkExtras = {}): string {
  const params = new URLSearchParams({ scenario: s.scenarioId, mode: s.view });
  if (s.seed !== null) params.set('seed', String(s.seed));
  // (A speed is never 0: the slowest is 0.25x.)
  if (s.speed) params.set('speed', String(Math.round(s.speed * 100) / 100));
  // Exact (see momentLink.ts); under 1e-6 String writes an exponent, which t refuses, and nothing happens there.
  if (s.timeMs >= 1e-6) params.set('t', String(s.timeMs));
  if (actions.length) params.set('a', JSON.stringify(actions));
  if (extras.autoplay) params.set('play', '1');
  if (extras.questionsOn === false) params.set('q', '0');
  const p = extras.presentation ?? {};
  if (p.embed) params.set('embed', '1');
  // Only the choices that differ from a page's default are written.
  if (p.controls === false) params.set('controls', '0');
  if (p.inspect === false) params.set('inspect', '0');
  return `?${params.toString()}`;
}
