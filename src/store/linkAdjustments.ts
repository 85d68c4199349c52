// What a link asked for that the lesson it opened could not show, said once the lesson is loaded.
// Its own module, fetched only for a link with a mode or a moment: no part of the first load.
import { duration } from '../formatSpans';
import { SCHEME_WORDS, type Mode } from '../sim/schemes/names';
import type { AppStore } from './createAppStore';
import type { LinkState } from './urlState';

/**
 * A mode the lesson has no world for, a moment past the lesson's end (a seek there stops where the
 * run does: player.ts jumpTo): said, not silently changed. Judged on the lesson and the link alone:
 * not on the worlds shown (a page without WebCrypto hides the JWT world and says so itself) nor on the
 * time reached (a host page's seek may have taken the link's place).
 */
export function linkAdjustments(link: Pick<LinkState, 'view' | 'timeMs'>, lesson: { modes: readonly Mode[]; endMs: number }): string[] {
  const notes: string[] = [];
  if (link.view && link.view !== 'both' && !lesson.modes.includes(link.view))
    notes.push(`This lesson has no ${SCHEME_WORDS[link.view].world}, which the link's mode asked for; it shows the ${lesson.modes.map((m) => SCHEME_WORDS[m].world).join(' and ')}.`);
  if (link.timeMs !== undefined && link.timeMs > lesson.endMs) notes.push(`The link's moment (${duration(link.timeMs)}) is past the end of this lesson (${duration(lesson.endMs)}); it opens at the end.`);
  return notes;
}

/** The loaded lesson's notices gain what it could not show of the link (after the link's seek). */
export function noticeLinkAdjustments(store: AppStore, link: Pick<LinkState, 'view' | 'timeMs'>): void {
  const { scenario, endMs } = store.getState();
  const adjusted = scenario ? linkAdjustments(link, { modes: scenario.modes, endMs }) : [];
  if (adjusted.length) store.setState((s) => ({ notices: [...s.notices, ...adjusted] }));
}
