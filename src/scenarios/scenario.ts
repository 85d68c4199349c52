// A scenario is plain data: the cluster it sets up, a timeline of actions with captions, what to
// notice, and an expectation that states its lesson in code over the measured report.
import type { ModeRun } from '../sim/report';
import type { ReasonCode } from '../reasons';
import type { Action, ClientSpec, Mode, RequestRecord, Served, SimOptions } from '../sim/types';

export interface TimelineStep {
  atMs: number;
  action: Action;
  /** A plain sentence for the caption and the scrubber's marker; omitted for routine traffic. */
  caption?: string;
  /**
   * The node (a client, a server) the caption is about, when its action names no client (a note, a
   * crash): while the caption is on screen, "what just happened" follows it, not whoever logged last.
   */
  about?: string;
}

/** What a question's outcome reads of one world: its clock, settings, recent requests, what it served and its report. */
export interface WorldView {
  mode: Mode;
  timeMs: number;
  options: SimOptions;
  /** The most recent finished requests (oldest first), then those in flight. */
  requests: RequestRecord[];
  /** What it served for every finished request (the newest few thousand), oldest first. */
  served: readonly Served[];
  report: ModeRun;
}

export type WorldViews = Partial<Record<Mode, WorldView>>;

/**
 * Predict, then see: playback pauses at `atMs` and asks; the learner picks a choice; the answer is
 * then read from the run itself (`outcome`), never from a hard-coded key.
 */
export interface Question {
  id: string;
  /** Virtual time at which playback pauses to ask. */
  atMs: number;
  /** The worlds the question is about: it is asked only when all of them are on screen. */
  modes: Mode[];
  prompt: string;
  /** Three or four answers, written around the common misconceptions. */
  choices: { id: string; text: string }[];
  /**
   * Which choice the run bore out, with one sentence of why (citing what happened), read from the
   * worlds as they are now (`askedAtMs` is the question's own `atMs`, so the two cannot drift);
   * null while the run has not decided yet (playback goes on until it has).
   */
  outcome: (worlds: WorldViews, askedAtMs: number) => { choiceId: string; why: string } | null;
}

export interface Scenario {
  id: string;
  title: string;
  /** One line: the runner's list (`--list`), and the caption when the lesson says nothing. */
  summary: string;
  /** What to watch for, a few sentences (from the catalog, like the title). */
  notice: string;
  modes: Mode[];
  seed: number;
  /** The stage shows each world's latency of late: what the lesson asks the learner to watch (load). */
  showsLatency?: boolean;
  /** Playback speed the lesson opens at, so its key moments arrive within a minute (default 1x). */
  speed?: number;
  /**
   * Options for a mode (the topology and settings); the mode itself is filled in by the runner.
   * To compare two settings within one mode (HS256 then EdDSA, fail closed then fail open), change
   * them mid-run with a `setOptions` step and give each phase its own clients or its own figure.
   */
  options: (mode: Mode) => Partial<SimOptions>;
  timeline: (mode: Mode) => TimelineStep[];
  durationMs: number;
  /** Predictions asked at the lesson's key moments, in time order (optional). */
  questions?: Question[];
  /** The one-line takeaway shown at the end, with the numbers measured in this run (one report per world shown). */
  takeaway?: (reports: Partial<Record<Mode, ModeRun>>) => string;
  /** The lesson as code: the failed expectations, each one sentence; empty means the lesson holds. */
  expect: (run: ModeRun) => string[];
}

/** Small helper for expectations: collects a message when a condition is false. */
export function check(failures: string[], condition: boolean, message: string): void {
  if (!condition) failures.push(message);
}

/** Traffic of one client: `count` API requests, one every `everyMs`, from `atMs`. */
export function browse(clientId: string, atMs: number, everyMs: number, count: number): TimelineStep {
  return { atMs, action: { type: 'traffic', clientId, everyMs, count } };
}

// The counts below read every request of a run, logins, logouts and refreshes included (what an
// expectation checks the mechanism with). A takeaway's request counts read the api* ones: the
// comparison table counts API requests, so a number means the same in both worlds and on the table.

/** How many requests of the run ended with `reason` (0 when none did). */
export function count(run: ModeRun, reason: ReasonCode): number {
  return run.requests.byReason[reason] ?? 0;
}

/** How many requests of one client ended with `reason` (0 when none did). */
export function countFor(run: ModeRun, clientId: string, reason: ReasonCode): number {
  return run.byClient[clientId]?.[reason] ?? 0;
}

/** Requests one app server answered with this reason. */
export function countAt(run: ModeRun, serverId: string, reason: ReasonCode): number {
  return run.byServer[serverId]?.[reason] ?? 0;
}

/** Every request of one client, whatever its outcome. */
export function totalFor(run: ModeRun, clientId: string): number {
  return Object.values(run.byClient[clientId] ?? {}).reduce((sum, n) => sum + n, 0);
}

/** How many API requests of the run ended with `reason` (0 when none did): logins, logouts and refreshes are not counted. */
export function apiCount(run: ModeRun, reason: ReasonCode): number {
  return run.apiOutcomes.byReason[reason] ?? 0;
}

/** How many API requests of one client ended with `reason` (0 when none did). */
export function apiCountFor(run: ModeRun, clientId: string, reason: ReasonCode): number {
  return run.apiOutcomes.byClient[clientId]?.[reason] ?? 0;
}

/** Every API request of one client, whatever its outcome (its logins, logouts and refreshes not counted). */
export function apiTotalFor(run: ModeRun, clientId: string): number {
  return Object.values(run.apiOutcomes.byClient[clientId] ?? {}).reduce((sum, n) => sum + n, 0);
}

/** Browser clients named after their users: `browsers('alice', 'bob')`. */
export const browsers = (...ids: string[]): ClientSpec[] => ids.map((id) => ({ id, userId: id, kind: 'browser' }));
