// Narration at a reading pace: each lesson caption stays on screen for at least
// max(2.5 s, its words at 3 words/s) of real time while playing (up to 4x; faster speeds are a
// deliberate fast-forward and shorten it in proportion), and playback stops at each question.
// Pure data, computed once per loaded lesson; the Player enforces it.
import { keepsBack, type LessonStep } from './lesson';

export const CAPTION_MIN_DWELL_MS = 2_500;
export const WORDS_PER_SECOND = 3;
/** Up to this speed the full dwell applies; above it the dwell shrinks as speed grows. */
export const FULL_DWELL_MAX_SPEED = 4;

export interface CaptionStop {
  atMs: number;
  /** Real ms the caption must stay on screen at speeds up to 4x. */
  dwellMs: number;
}

export interface QuestionStop {
  id: string;
  atMs: number;
}

export interface Pacing {
  captions: CaptionStop[];
  questions: QuestionStop[];
}

export const NO_PACING: Pacing = { captions: [], questions: [] };

export const wordCount = (text: string): number => text.split(/\s+/).filter(Boolean).length;

/** Real reading time for a caption's words (every world's line counts: the learner reads them all). */
export function dwellMs(text: string): number {
  return Math.max(CAPTION_MIN_DWELL_MS, (wordCount(text) / WORDS_PER_SECOND) * 1000);
}

/** The dwell that applies at a playback speed. */
export function dwellAtSpeed(dwell: number, speed: number): number {
  return speed <= FULL_DWELL_MAX_SPEED ? dwell : (dwell * FULL_DWELL_MAX_SPEED) / speed;
}

/**
 * Whether a run landing at `timeMs` (a link, a seek, a Step) asks `question` there, as playback
 * reaching it would: at its moment, or past the caption it keeps back and before it (a link to the
 * ban at 5000, asked at 5100). `question` is the next one still to come.
 */
export function landsOnQuestion(pacing: Pacing, question: QuestionStop | undefined, timeMs: number): question is QuestionStop {
  if (!question || timeMs <= 0) return false;
  const keptBack = pacing.captions.findLast((c) => c.atMs <= question.atMs);
  return question.atMs === timeMs || (!!keptBack && keptBack.atMs <= timeMs && keepsBack(question.atMs, keptBack));
}

/** The question a link to `timeMs` asks as it opens, if any: the first one from there on, where it lands on it. */
export function questionOnOpening(pacing: Pacing, timeMs: number): QuestionStop | null {
  const next = pacing.questions.find((q) => q.atMs >= timeMs);
  return landsOnQuestion(pacing, next, timeMs) ? next : null;
}

export function pacingFor(steps: LessonStep[], questions: QuestionStop[]): Pacing {
  return {
    captions: steps.map((s) => ({ atMs: s.atMs, dwellMs: dwellMs(s.lines.map((l) => l.text).join(' ')) })),
    questions: [...questions].sort((a, b) => a.atMs - b.atMs),
  };
}
