// What a link asked for that the lesson it opened could not show, said once the lesson is loaded.
// Its own module, fetched only for a link with a mode or a moment: no part of the first load.
import { duration } from '../formatSpans';
import { SCHEME_WORDS, type Mode } from '../sim/schemes/names';
import type { LinkState } from './urlState';

/** A mode the lesson has no world for, a moment past its end (a seek stops a little after it): said, not silently changed. */
export function linkAdjustments(link: Pick<LinkState, 'view' | 'timeMs'>, shown: { modes: readonly Mode[]; timeMs: number }): string[] {
  const notes: string[] = [];
  if (link.view && link.view !== 'both' && !shown.modes.includes(link.view))
    notes.push(`This lesson has no ${SCHEME_WORDS[link.view].world}, which the link's mode asked for; it shows the ${shown.modes.map((m) => SCHEME_WORDS[m].world).join(' and ')}.`);
  if (link.timeMs !== undefined && link.timeMs > shown.timeMs) notes.push(`The link's moment (${duration(link.timeMs)}) is past the end of this lesson; it opens at ${duration(shown.timeMs)}.`);
  return notes;
}
