// The part of the app's state a link carries: scenario, mode, seed, speed and playback position (or the lab it opens instead).
// Parsing never throws: a bad value is dropped with a sentence saying why, the rest still loads.
// Only a page with a link loads this module (src/main.tsx), so it imports no engine module either:
// what only some links need (the interventions' gate, the engine's limits) is passed in by the caller.
// Writing a link (`linkFor`) is in the first load: `linkFor.ts`.
import { findMeta } from '../scenarios/catalog';
import { SPEED_MAX, SPEED_MIN, speedStepNear } from './clock';
import type { RecordedAction } from '../sim/history';
import type { parseInterventions } from '../sim/parseAction';
import { MODES } from '../sim/schemes/names';
import type { View } from './createAppStore';
import type { Presentation } from './presentation';

/** The seed's range, LIMITS.seed in src/sim/options.ts (a uint32); test/unit/urlState.test.ts holds them equal. */
export const LINK_SEED = { min: 0, max: 0xffff_ffff } as const;

/** The one gate for a link's `a=` (src/sim/parseAction.ts), loaded only for a link that has one. */
export type InterventionsGate = typeof parseInterventions;

export interface LinkState {
  /** Interventions made by hand, replayed at their times: a teacher's own situation. */
  actions?: RecordedAction[];
  scenarioId?: string;
  view?: View;
  seed?: number;
  speed?: number;
  timeMs?: number;
  autoplay?: boolean;
  /** q=0: no prediction questions (a teacher's choice for this link). */
  questionsOn?: boolean;
  /** How the page presents the lesson: embed=1, controls=0, inspect=0. */
  presentation?: Partial<Presentation>;
  /** lab=load: the page opens a lab (src/ui/lab/) instead of the lessons. */
  lab?: Lab;
}

/** The labs a link may open instead of the lessons. */
export const LABS = ['load'] as const;
export type Lab = (typeof LABS)[number];
const isLab = (value: string): value is Lab => (LABS as readonly string[]).includes(value);

export interface ParsedLink {
  state: LinkState;
  problems: string[];
}

const VIEWS: readonly View[] = [...MODES, 'both'];
/** A mode a link or a host page may ask for (an own value: not 'constructor' or '__proto__'). */
export const isView = (value: unknown): value is View => typeof value === 'string' && (VIEWS as readonly string[]).includes(value);
/** The furthest position a link or a host page may name. */
export const MAX_LINK_TIME_MS = 24 * 60 * 60_000;

/** `interventions`: the gate for `a=`; a link that has one and no gate keeps its other parameters and says so. */
export function parseLink(search: string, interventions?: InterventionsGate): ParsedLink {
  const params = new URLSearchParams(search);
  const state: LinkState = {};
  const problems: string[] = [];
  const lab = params.get('lab');
  if (lab !== null) {
    // A lab reads its own parameters and names the lessons' it ignores (src/lab/sweepLink.ts): judged
    // here too, they were told twice, and "showing the first one instead" of a lesson the lab never shows.
    if (isLab(lab)) return { state: { lab }, problems: [] };
    problems.push(`The link's lab "${lab.slice(0, 20)}" is not one this app has (${LABS.join(', ')}); showing the lessons instead.`);
  }
  // A lesson and a mode are read whatever their case: "scenario=Revocation" played the first lesson (teacher review).
  const scenario = params.get('scenario');
  if (scenario !== null) {
    const id = scenario.toLowerCase();
    if (findMeta(id)) state.scenarioId = id;
    else problems.push(`The link names a scenario "${scenario.slice(0, 40)}" that does not exist; showing the first one instead.`);
  }
  const mode = params.get('mode')?.toLowerCase() ?? null;
  if (mode !== null) {
    if (isView(mode)) state.view = mode;
    else problems.push(`The link's mode "${mode.slice(0, 20)}" is not session, jwt or both; it was ignored.`);
  }
  // Written in plain decimals, as links write them: 0x10, 1e3 or " 5" is no one's typo to honour.
  // `unit`: what the number counts, said where it is not plain ("t=00:12" and "t=12s" were not told that t is in milliseconds).
  const number = (name: string, min: number, max: number, integer: boolean, set: (n: number) => void, unit = '') => {
    const raw = params.get(name);
    if (raw === null) return;
    const n = Number(raw);
    if (!/^\d+(\.\d+)?$/.test(raw) || n < min || n > max || (integer && !Number.isInteger(n))) problems.push(`The link's ${name} "${raw.slice(0, 20)}" must be ${integer ? 'a whole number' : 'a number'}${unit} in plain digits${integer ? '' : ' (a point for decimals)'} from ${min} to ${max}; it was ignored.`);
    else set(n);
  };
  number('seed', LINK_SEED.min, LINK_SEED.max, true, (n) => (state.seed = n));
  number('speed', SPEED_MIN, SPEED_MAX, false, (n) => {
    state.speed = speedStepNear(n);
    if (state.speed !== n) problems.push(`The link's speed ${n} is played at ${state.speed}x: the speeds double from ${SPEED_MIN}x to ${SPEED_MAX}x.`);
  });
  number('t', 0, MAX_LINK_TIME_MS, false, (n) => (state.timeMs = n), ' of milliseconds (t=12000 is 12 s)');
  const flag = (name: string, meaning: string, set: (on: boolean) => void) => {
    const raw = params.get(name);
    if (raw === null) return;
    if (raw === '0' || raw === '1') set(raw === '1');
    else problems.push(`The link's ${name} "${raw.slice(0, 20)}" must be 0 or 1 (${meaning}); it was ignored.`);
  };
  flag('play', 'start playing', (on) => {
    if (on) state.autoplay = true;
  });
  flag('q', 'prediction questions', (on) => (state.questionsOn = on));
  const presentation: Partial<Presentation> = {};
  flag('embed', 'the embed layout', (on) => (presentation.embed = on));
  flag('controls', 'playback controls', (on) => (presentation.controls = on));
  flag('inspect', 'a clickable stage', (on) => (presentation.inspect = on));
  if (presentation.controls === false && !presentation.embed) {
    problems.push('The link\'s controls=0 applies to the embed layout (embed=1) only; it was ignored.');
    delete presentation.controls;
  }
  if (Object.keys(presentation).length) state.presentation = presentation;
  const actions = params.get('a');
  if (actions !== null) {
    const parsed = interventions ? interventions(actions, MAX_LINK_TIME_MS) : { ok: false as const, problem: 'they could not be read here' };
    if (parsed.ok) state.actions = parsed.value;
    else problems.push(`The link's interventions could not be used (${parsed.problem}); the lesson plays without them.`);
  }
  problems.push(...misnamed(params));
  return { state, problems };
}

/** The parameters a lesson's link is read by (a lab's `sweep` apart): others are an LMS's, a tracker's, or a typo. */
const KNOWN = ['scenario', 'mode', 'seed', 'speed', 't', 'play', 'q', 'embed', 'controls', 'inspect', 'a', 'lab'];
/** What a teacher may write for one: "autoplay=1" was ignored without a word. */
const ALIKE = new Map([['autoplay', 'play'], ['lesson', 'scenario'], ['time', 't'], ['start', 't'], ['seek', 't'], ['questions', 'q'], ['view', 'mode'], ['embedded', 'embed'], ['embeded', 'embed']]);

/**
 * The known name `name` (lower-cased) is nearest to, if a typo of it: the same first letter, one slip
 * in a name of five letters or fewer, two in a longer one; a name of one to three letters only in
 * another case. Two slips in four letters took an LMS's `code` or `role` for `mode`, `step` for `seed`
 * (code review); one still takes `seen` for `seed`, a word no host adds.
 */
function typoOf(name: string, names: readonly string[]): string | undefined {
  const slips = names.map((known) => (known.length < 4 || name[0] !== known[0] ? (name === known ? 0 : Infinity) : editDistance(known, name)));
  const nearest = slips.indexOf(Math.min(...slips));
  return slips[nearest]! <= (names[nearest]!.length <= 5 ? 1 : 2) ? names[nearest] : undefined;
}

/**
 * A parameter no lesson reads, named where it looks like one that is ("scenari=revocation" played the
 * first lesson without a word: teacher review). Others (an LMS's, a tracker's) are left alone. `also`:
 * the load lab's own (its `sweep`: a lab link's "embd=1" opened the full lab without a word).
 */
export function misnamed(params: URLSearchParams, also: readonly string[] = []): string[] {
  const read = [...KNOWN, ...also];
  const names = [...new Set(params.keys())].filter((name) => !read.includes(name));
  return names.flatMap((name) => {
    if (name === 'sweep') return ['The link\'s sweep is the load lab\'s (lab=load); it was ignored.'];
    const lower = name.toLowerCase();
    const meant = ALIKE.get(lower) ?? typoOf(lower, read);
    return meant ? [`The link's "${name.slice(0, 20)}" is not a parameter this app reads (did you mean ${meant}?); it was ignored.`] : [];
  });
}

/** Slips between two short names: a letter added, dropped, changed, or two side by side swapped ("mdoe"). */
function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}
