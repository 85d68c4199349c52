// Module-level selectors (stable identities); components combine them with useShallow when they
// pick several fields.
import { MODES, type Mode } from '../sim/schemes/names';
import type { AppActions, AppState } from './createAppStore';
import type { Question } from '../scenarios/scenario';
import type { WorldSnapshot } from './snapshot';
import { keepsBack } from './lesson';

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
 * caption event), or the lesson would answer its own question.
 */
export const predicting = (s: Pick<S, 'question'>): boolean => s.question?.choiceId === null;

/**
 * The card a store change has just put up, waiting for an answer: none if it was already waiting
 * (the same question again after a seek back counts as new). Focus goes to it; the host page hears it.
 */
export const newlyAsked = (s: Pick<S, 'question'>, prev: Pick<S, 'question'>): S['question'] =>
  predicting(s) && !(predicting(prev) && prev.question!.question === s.question!.question) ? s.question : null;

/**
 * The questions still ahead with the worlds on screen (asked before or not: playing a stretch again
 * asks them again; at their very moment, only if not put yet), and the one put and not yet
 * answered. None with questions off.
 */
export function questionsToCome(s: Pick<S, 'question' | 'questionsOn' | 'scenario' | 'asked' | 'timeMs' | 'worlds'>): Question[] {
  const open = s.question?.choiceId === null ? s.question.question : null;
  if (!s.questionsOn) return open ? [open] : [];
  const modes = shownModes(s);
  const ahead = (q: Question) => q.atMs > s.timeMs || (q.atMs === s.timeMs && !s.asked.includes(q.id));
  return (s.scenario?.questions ?? []).filter((q) => q === open || (ahead(q) && q.modes.every((m) => modes.includes(m))));
}

/**
 * The stage keeps back the words it infers (a stale badge, an unused store's "JWT needs no lookup")
 * while a prediction is asked, and in the moment just before a question to come, whose caption is
 * kept back then too: a Step stops at store-outage's outage, 100 ms before it asks (code review).
 */
export const holdsBackInferences = (s: Parameters<typeof questionsToCome>[0]): boolean =>
  predicting(s) || questionsToCome(s).some((q) => q.atMs >= s.timeMs && keepsBack(q.atMs, { atMs: s.timeMs }));

/** The moments of `questionsToCome`, as a selector's key (a string, so a shallow compare sees no change); `atMsList` reads it back. */
export const questionsToComeKey = (s: Parameters<typeof questionsToCome>[0]): string => questionsToCome(s).map((q) => q.atMs).join(' ');
export const atMsList = (key: string): { atMs: number }[] => (key ? key.split(' ').map((atMs) => ({ atMs: Number(atMs) })) : []);
