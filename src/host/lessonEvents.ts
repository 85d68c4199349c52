// What happens in a lesson, as events a host page or an LMS cares about: ready, a new caption,
// a question asked or answered, the lesson complete. Derived from store changes, so the host API
// and the SCORM reporter tell the same story and neither reaches into the player.
import type { Answer, AppStore, AppStoreState, View } from '../store/createAppStore';
import { askable, lessonSteps, stepAt } from '../store/lesson';
import { newlyAsked, predicting, questionsToCome, shownModes } from '../store/selectors';
import type { RunReport } from '../sim/report';
import type { Score } from './messages';

export interface LessonListener {
  /** `about`: the lesson's title and what to watch (an embed shows neither: the course page may, around it). */
  ready?(scenario: string, mode: View, about: { title: string; notice: string }): void;
  caption?(text: string, timeMs: number): void;
  question?(id: string, text: string, choices: { id: string; text: string }[]): void;
  answer?(answer: Answer): void;
  complete?(scenario: string, mode: View, summary: RunReport, score: Score): void;
}

/** The learner's predictions: the questions put to them in this lesson, answered, and borne out by the run, of the lesson's own. */
export function scoreOf(s: Pick<AppStoreState, 'asked' | 'answers' | 'scenario' | 'worlds'>): Score {
  // Whether questions are on or not: a learner who turned them off has not met them either.
  const total = s.scenario ? askable(s.scenario, shownModes(s)).length : 0;
  return { asked: s.asked.length, answered: s.answers.length, correct: s.answers.filter((a) => a.correct).length, total };
}

/** The caption on screen: a question still to come keeps back the one it asks about. */
export function captionAt(s: AppStoreState): { atMs: number; text: string } | null {
  const step = stepAt(lessonSteps(s.scenario, shownModes(s)), s.timeMs, questionsToCome(s));
  return step ? { atMs: step.atMs, text: step.caption } : null;
}

/**
 * The clock just came to a question's very moment: the player asks it there, again if it was asked
 * before, so the caption it keeps back waits for its card (teacher review: a seek back onto
 * revocation's question told "The admin bans Alice. Watch whether…" before the question), whatever
 * card the move left up meanwhile (a later question's, until the move lands: code review).
 */
const landedOnQuestion = (s: AppStoreState): boolean => s.questionsOn && !!s.scenario && askable(s.scenario, shownModes(s)).some((q) => q.atMs === s.timeMs);

/** Calls `listener` as the lesson moves on; returns the unsubscribe. */
export function watchLesson(store: AppStore, listener: LessonListener): () => void {
  let lastCaptionAt: number | null = null;
  // Once per load and score: pressing Play at the end replays the last moment, it does not finish
  // again; but a learner who sought to the end, then went back and answered, finishes with that.
  let completedWith: string | null = null;
  const captionIfNew = (s: AppStoreState) => {
    // A card waiting keeps back the caption it asks about (`captionAt`): the one told is the one on
    // screen under it, so a host that heard a later one (a seek back from the end) is not left on it.
    const caption = captionAt(s);
    // The caption's own moment, not the moment it was told: a host seeking back to a caption lands on it.
    if (caption && caption.atMs !== lastCaptionAt) listener.caption?.(caption.text, caption.atMs);
    lastCaptionAt = caption?.atMs ?? null;
  };
  const ask = (card: NonNullable<AppStoreState['question']>) =>
    listener.question?.(card.question.id, card.question.prompt, card.question.choices.map((c) => ({ id: c.id, text: c.text })));
  const complete = (s: AppStoreState) => {
    const score = scoreOf(s);
    if (!s.scenario || JSON.stringify(score) === completedWith) return;
    completedWith = JSON.stringify(score);
    const runs = shownModes(s).flatMap((m) => (s.worlds[m] ? [s.worlds[m].report] : []));
    listener.complete?.(s.scenario.id, s.view, { scenario: s.scenario.id, seed: s.seed ?? s.scenario.seed, runs }, score);
  };
  // Nothing is told before `ready`, which a host may take as a fresh start: a link's moment is
  // reached while the lesson loads, so `ready` then tells the question open there, or the end.
  const ready = (s: AppStoreState) => {
    lastCaptionAt = null;
    completedWith = null;
    const { id, title, notice } = s.scenario!;
    listener.ready?.(id, s.view, { title, notice });
    captionIfNew(s);
    if (predicting(s)) ask(s.question!);
    if (s.ended && !predicting(s)) complete(s);
  };
  // Connected after the lesson loaded (a lazy import can lose that race): say so now.
  const now = store.getState();
  if (now.status === 'ready' && now.scenario) ready(now);
  return store.subscribe((s, prev) => {
    if (s.status !== 'ready' || !s.scenario) return;
    if (prev.status !== 'ready' || s.scenario !== prev.scenario) return ready(s);
    // A card put up tells the caption under it first: one card replacing another changes no `predicting`.
    const card = newlyAsked(s, prev);
    if (card || predicting(s) !== predicting(prev) || (s.timeMs !== prev.timeMs && !landedOnQuestion(s))) captionIfNew(s);
    if (card) ask(card);
    if (s.answers !== prev.answers && s.answers.length) {
      const latest = s.answers.at(-1)!;
      if (!prev.answers.includes(latest)) listener.answer?.(latest);
    }
    // Once no card waits: the end reached under one (a host's seek past the question) said complete
    // before the last caption, which the card kept back until the move landed and closed it.
    if (s.ended && !predicting(s) && (!prev.ended || predicting(prev))) complete(s);
  });
}
