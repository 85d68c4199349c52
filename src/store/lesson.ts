// The captioned steps of a lesson for the worlds on screen. Side by side, a step whose caption
// differs between the worlds keeps one labelled line per world, and steps only one world has
// still show.
import { firstCaptionOf, type ScenarioMeta } from '../scenarios/catalog';
import type { Question, Scenario } from '../scenarios/scenario';
import type { Mode } from '../sim/types';

export interface WorldCaption {
  /** null: the same words hold in every world on screen. */
  mode: Mode | null;
  text: string;
}

export interface LessonStep {
  atMs: number;
  /** The lines to show, one per world when the worlds say different things. */
  lines: WorldCaption[];
  /** The lines as one sentence ("Session: … JWT: …"), for a marker's title or a transcript. */
  caption: string;
  /** Per world, the node the caption is about (the step's `about`, or its action's client). */
  about: Partial<Record<Mode, string>>;
}

export const WORLD_LABEL: Record<Mode, string> = { session: 'Session', jwt: 'JWT' };

/**
 * What the worlds said, as one line: as it is with one world shown; with both, once after "Both
 * worlds:" when they said the same (a login's request), else each after its world's name, what
 * both begin with said once before them ("bob logs out everywhere. Session: 1 session deleted…
 * JWT: bob's id goes on the denylist…"): said twice, it took a phone's three lines of what just
 * happened, and the JWT world's half was cut.
 */
export function perWorldLine(said: readonly { mode: Mode; text: string }[], oneWorld: boolean): string {
  if (oneWorld) return said[0]?.text ?? '';
  if (said.length === 2 && said[0]!.text === said[1]!.text) return `Both worlds: ${said[0]!.text}`;
  const shared = said.length === 2 ? sharedClause(said[0]!.text, said[1]!.text) : '';
  const each = said.map((w) => `${WORLD_LABEL[w.mode]}: ${w.text.slice(shared.length)}`).join(' ');
  return shared ? `${shared.slice(0, -CLAUSE_END.length)}. ${each}` : each;
}

const CLAUSE_END = ': ';

/** The clause both lines open with, up to and with its ": " ("The admin bans alice: "), or ''. */
function sharedClause(a: string, b: string): string {
  const end = a.indexOf(CLAUSE_END);
  return end > 0 && b.startsWith(a.slice(0, end + CLAUSE_END.length)) && end + CLAUSE_END.length < Math.min(a.length, b.length) ? a.slice(0, end + CLAUSE_END.length) : '';
}

/** What the steps are read from: a lesson's worlds and its captioned moments. */
type Captioned = Pick<Scenario, 'modes'> & { timeline: (mode: Mode) => readonly { atMs: number; caption?: string; about?: string; action?: object }[] };

/**
 * The node an action's caption is about: the client it names, or the browser of the user it names
 * (lessons name a user's browser after them): "The admin demotes Alice" stood over "bob gets 200 OK",
 * and refresh-tokens' ban of Bob over Alice's requests.
 */
function aboutOf(action: object | undefined): string | undefined {
  if (!action) return undefined;
  if ('clientId' in action) return String(action.clientId);
  // A theft is about the thief: "Mallory copies both of Alice's tokens" stood over "bob sends …".
  if ('attackerId' in action) return String(action.attackerId);
  return 'userId' in action ? String(action.userId) : undefined;
}

export function lessonSteps(scenario: Captioned | null, modes: Mode[]): LessonStep[] {
  if (!scenario) return [];
  const shown = modes.filter((m) => scenario.modes.includes(m));
  const byTime = new Map<number, { captions: Map<Mode, string>; about: Partial<Record<Mode, string>> }>();
  for (const mode of shown) {
    for (const step of scenario.timeline(mode)) {
      if (!step.caption) continue;
      const at = byTime.get(step.atMs) ?? { captions: new Map<Mode, string>(), about: {} };
      // Two captions of one world at the same moment are both shown, one after the other.
      at.captions.set(mode, at.captions.has(mode) ? `${at.captions.get(mode)} ${step.caption}` : step.caption);
      const about = step.about ?? aboutOf(step.action);
      if (about) at.about[mode] ??= about;
      byTime.set(step.atMs, at);
    }
  }
  return [...byTime.entries()]
    .sort(([a], [b]) => a - b)
    .map(([atMs, { captions, about }]) => {
      const distinct = new Set(captions.values());
      const shared = distinct.size === 1 && captions.size === shown.length;
      const lines: WorldCaption[] = shared ? [{ mode: null, text: [...distinct][0]! }] : [...captions].map(([mode, text]) => ({ mode: shown.length > 1 ? mode : null, text }));
      return { atMs, lines, caption: lines.map((l) => (l.mode ? `${WORLD_LABEL[l.mode]}: ${l.text}` : l.text)).join(' '), about };
    });
}

/**
 * The lesson's first moment as the catalog says it (the same words its script says at 0 s): what
 * the caption shows before the script has arrived.
 */
export function firstSteps(meta: ScenarioMeta | undefined, modes: Mode[]): LessonStep[] {
  if (!meta?.firstCaption) return [];
  return lessonSteps({ modes: meta.modes, timeline: (mode) => [{ atMs: 0, caption: firstCaptionOf(meta, mode) }] }, modes);
}

/** How long before its question a step may come and still be the moment the question asks about. */
export const ASKED_ABOUT_WITHIN_MS = 1_000;

/**
 * Whether `next`, the first caption after a question at `questionAtMs`, is the one it asks about: it
 * comes within ASKED_ABOUT_WITHIN_MS, and shows as the prediction is made (Caption.tsx), in place of
 * the caption before it.
 */
export const asksAbout = (questionAtMs: number, next: { atMs: number } | undefined): boolean => next !== undefined && next.atMs > questionAtMs && next.atMs - questionAtMs <= ASKED_ABOUT_WITHIN_MS;

/** A question at `questionAtMs` keeps `step` (the caption just before it) back unseen until it is answered. */
export const keepsBack = (questionAtMs: number, step: { atMs: number }): boolean => step.atMs > 0 && questionAtMs - step.atMs <= ASKED_ABOUT_WITHIN_MS;

/**
 * The steps told by `timeMs`, keeping back each one a question still to come (or waiting for its
 * answer) asks about: the last step at or before its moment, when it comes with it (within
 * ASKED_ABOUT_WITHIN_MS: "the store goes down: everyone is refused" 100 ms before "the store has
 * just gone down: Alice's next request…?"). The lesson's first caption is never kept back (the first
 * screen draws it). It is told once the learner has predicted; until then the caption asks for the
 * prediction (selectors.ts `predicting`).
 */
export function stepsSoFar(steps: readonly LessonStep[], timeMs: number, coming: readonly { atMs: number }[]): LessonStep[] {
  const kept = new Set<LessonStep>();
  for (const q of coming) {
    if (q.atMs < timeMs) continue;
    const about = steps.filter((st) => st.atMs <= q.atMs).at(-1);
    if (about && keepsBack(q.atMs, about)) kept.add(about);
  }
  return steps.filter((st) => st.atMs <= timeMs && !kept.has(st));
}

/** The step on screen at `timeMs` (see stepsSoFar). */
export const stepAt = (steps: readonly LessonStep[], timeMs: number, coming: readonly { atMs: number }[]): LessonStep | undefined => stepsSoFar(steps, timeMs, coming).at(-1);

/** The key moment "Next key moment" goes to, if any is left: a moment starts 1 ms after its caption's time, so one at `nowMs - 1` is the one on screen. */
export const nextMomentAfter = (steps: readonly { atMs: number }[], nowMs: number): number | undefined => steps.find((st) => st.atMs + 1 > nowMs)?.atMs;

/**
 * Where a jump to the key moment at `atMs` lands from `nowMs`: on a question still to come that asks
 * within ASKED_ABOUT_WITHIN_MS before it, as playback would (basic asks at 0.4 s about its 0.5 s
 * moment: a marker's jump, 1 ms past the moment, went over the question and showed its answer).
 */
export function jumpTarget(atMs: number, nowMs: number, coming: readonly { atMs: number }[]): number {
  return coming.find((q) => q.atMs > nowMs && q.atMs <= atMs && atMs - q.atMs <= ASKED_ABOUT_WITHIN_MS)?.atMs ?? atMs + 1;
}

/**
 * Where a timeline marker's jump lands: on the first question still to come on the way there, which
 * its name promises ("a key moment, told after your prediction"); a jump past it skipped the question,
 * and the captions there told its answer (revocation's 21 s marker before its 5.1 s question: embed review).
 */
export const markerTarget = (atMs: number, nowMs: number, coming: readonly { atMs: number }[]): number =>
  coming.find((q) => q.atMs > nowMs && q.atMs <= atMs)?.atMs ?? atMs + 1;

/** Whether a marker keeps the words of the moment at `step` back: a question to come asks before or about it. */
export const toldAfterQuestion = (step: { atMs: number }, coming: readonly { atMs: number }[]): boolean => coming.some((q) => q.atMs <= step.atMs || keepsBack(q.atMs, step));

/** The lesson's questions for these worlds: those about a world not shown are not put. */
export const askable = (sc: Pick<Scenario, 'questions'>, modes: readonly Mode[]): Question[] => (sc.questions ?? []).filter((q) => q.modes.every((m) => modes.includes(m)));
