// Module-level selectors (stable identities); components combine them with useShallow when they
// pick several fields.
import { MODES, type Mode } from '../sim/schemes/names';
import type { AppActions, AppState } from './createAppStore';
import type { Question } from '../scenarios/scenario';
import type { WorldSnapshot } from './snapshot';

type S = AppState & AppActions;

export const selectWorlds = (s: S) => s.worlds;
export const selectTimeMs = (s: S) => s.timeMs;
export const selectSelection = (s: S) => s.selection;
export const selectReducedMotion = (s: S) => s.reducedMotion;

export const worldOf =
  (mode: Mode) =>
  (s: S): WorldSnapshot | undefined =>
    s.worlds[mode];

/** Modes back from a selector's `modes.join(' ')` key (a string, so a shallow compare sees no change when they are the same). */
export const modesFromKey = (key: string): Mode[] => (key ? (key.split(' ') as Mode[]) : []);

/** The worlds on screen, session first. */
export const shownModes = (s: Pick<S, 'worlds'>): Mode[] => MODES.filter((m) => s.worlds[m] !== undefined);

/**
 * A question waits for the learner's prediction: until it is made (or the card closed), no word
 * says what happens at this moment (the caption, its line of what just happened, the host page's
 * caption event), or the lesson would answer its own question. That includes the moment playback
 * has reached a question's time and is about to put it (the moment is published first).
 */
export function predicting(s: Pick<S, 'question' | 'questionsOn' | 'scenario' | 'asked' | 'timeMs' | 'worlds'>): boolean {
  if (s.question) return s.question.choiceId === null;
  return questionsToCome(s).some((q) => q.atMs === s.timeMs);
}

/** The questions this lesson will still put to the learner with the worlds on screen, and the one put and not yet answered (none with questions off). */
export function questionsToCome(s: Pick<S, 'question' | 'questionsOn' | 'scenario' | 'asked' | 'worlds'>): Question[] {
  const open = s.question?.choiceId === null ? s.question.question : null;
  if (!s.questionsOn) return open ? [open] : [];
  const modes = shownModes(s);
  return (s.scenario?.questions ?? []).filter((q) => q === open || (!s.asked.includes(q.id) && q.modes.every((m) => modes.includes(m))));
}

/** Moments back from a selector's key of them (`questionsToCome(s).map((q) => q.atMs).join(' ')`: a string, so a shallow compare sees no change). */
export const atMsList = (key: string): { atMs: number }[] => (key ? key.split(' ').map((atMs) => ({ atMs: Number(atMs) })) : []);
