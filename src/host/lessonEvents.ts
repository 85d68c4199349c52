// What happens in a lesson, as events a host page or an LMS cares about: ready, a new caption,
// a question asked or answered, the lesson complete. Derived from store changes, so the host API
// and the SCORM reporter tell the same story and neither reaches into the player.
import { askable, type Answer, type AppStore, type AppStoreState, type View } from '../store/createAppStore';
import { lessonSteps } from '../store/lesson';
import { shownModes } from '../store/selectors';
import type { RunReport } from '../sim/report';
import type { Score } from './messages';

export interface LessonListener {
  ready?(scenario: string, mode: View): void;
  caption?(text: string, timeMs: number): void;
  question?(id: string, text: string, choices: { id: string; text: string }[]): void;
  answer?(answer: Answer): void;
  complete?(scenario: string, mode: View, summary: RunReport, score: Score): void;
}

/** The learner's predictions so far, out of the questions this lesson can ask on screen. */
export function scoreOf(s: AppStoreState): Score {
  const asked = s.questionsOn && s.scenario ? askable(s.scenario, shownModes(s)).length : 0;
  return { asked, answered: s.answers.length, correct: s.answers.filter((a) => a.correct).length };
}

function captionAt(s: AppStoreState): { atMs: number; text: string } | null {
  const step = lessonSteps(s.scenario, shownModes(s))
    .filter((st) => st.atMs <= s.timeMs)
    .at(-1);
  return step ? { atMs: step.atMs, text: step.caption } : null;
}

/** Calls `listener` as the lesson moves on; returns the unsubscribe. */
export function watchLesson(store: AppStore, listener: LessonListener): () => void {
  let lastCaptionAt: number | null = null;
  // Connected after the lesson loaded (a lazy import can lose that race): say so now.
  const now = store.getState();
  if (now.status === 'ready' && now.scenario) listener.ready?.(now.scenario.id, now.view);
  return store.subscribe((s, prev) => {
    const loaded = s.status === 'ready' && (prev.status !== 'ready' || s.scenario !== prev.scenario);
    if (loaded && s.scenario) {
      lastCaptionAt = null;
      listener.ready?.(s.scenario.id, s.view);
    }
    if (s.status === 'ready' && s.timeMs !== prev.timeMs) {
      const caption = captionAt(s);
      if (caption && caption.atMs !== lastCaptionAt) listener.caption?.(caption.text, s.timeMs);
      lastCaptionAt = caption?.atMs ?? null;
    }
    const asked = s.question?.question;
    if (asked && asked !== prev.question?.question) listener.question?.(asked.id, asked.prompt, asked.choices.map((c) => ({ id: c.id, text: c.text })));
    if (s.answers !== prev.answers && s.answers.length) {
      const latest = s.answers.at(-1)!;
      if (!prev.answers.includes(latest)) listener.answer?.(latest);
    }
    if (s.ended && !prev.ended && s.scenario) {
      const runs = shownModes(s).flatMap((m) => (s.worlds[m] ? [s.worlds[m].report] : []));
      listener.complete?.(s.scenario.id, s.view, { scenario: s.scenario.id, seed: s.seed ?? s.scenario.seed, runs }, scoreOf(s));
    }
  });
}
