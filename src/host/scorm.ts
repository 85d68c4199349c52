// SCORM 1.2 reporting: inside an LMS (Moodle, Canvas, Blackboard import the package from
// `npm run package:scorm`), a finished lesson is reported as completed with the question score.
// Without an LMS nothing happens. API discovery is the ADL algorithm written out (20 lines):
// the npm wrapper of pipwerks' finder pulls a git dependency that `npm ci` cannot fetch offline.
import type { AppStore } from '../store/createAppStore';
import { watchLesson } from './lessonEvents';

/** The run-time API an LMS puts on a window above the content (SCORM 1.2 RTE 3.3). */
export interface Scorm12Api {
  LMSInitialize(arg: ''): string;
  LMSFinish(arg: ''): string;
  LMSGetValue(element: string): string;
  LMSSetValue(element: string, value: string): string;
  LMSCommit(arg: ''): string;
}

/** ADL's limit on how many parents to climb before giving up. */
const MAX_PARENTS = 7;

function apiOn(win: Window): Scorm12Api | null {
  try {
    const api = (win as Window & { API?: unknown }).API;
    return api && typeof (api as Scorm12Api).LMSInitialize === 'function' ? (api as Scorm12Api) : null;
  } catch {
    return null; // a cross-origin window: not an LMS frame of ours
  }
}

function climb(start: Window): Scorm12Api | null {
  let win = start;
  try {
    for (let i = 0; i <= MAX_PARENTS; i++) {
      const api = apiOn(win);
      if (api) return api;
      if (win.parent === win) return null;
      win = win.parent;
    }
  } catch {
    // A window we may not look into ends the climb.
  }
  return null;
}

/** The LMS's API in this window, a parent, or the window that opened us; null outside an LMS. */
export function findScormApi(win: Window): Scorm12Api | null {
  return climb(win) ?? (win.opener ? climb(win.opener as Window) : null);
}

const UNSTARTED = new Set(['', 'not attempted']);
const FINISHED = new Set(['completed', 'passed']);

/** SCORM 1.2's CMITimespan, HHHH:MM:SS.SS: whole centiseconds first, so 59.996 s is never "00:60.00". */
export function scormTimespan(ms: number): string {
  const cs = Math.min(Math.round(Math.max(0, ms) / 10), (10_000 * 3600 - 1) * 100 + 99);
  const hours = Math.floor(cs / 360_000);
  const minutes = Math.floor((cs % 360_000) / 6_000);
  const seconds = (cs % 6_000) / 100;
  return `${String(hours).padStart(4, '0')}:${String(minutes).padStart(2, '0')}:${seconds.toFixed(2).padStart(5, '0')}`;
}

/**
 * Reports the learner's progress to the LMS; returns the function that ends the session. Built for
 * a teacher who grades it (teacher review): a lesson counts as completed only when the learner met
 * all of its questions (a seek to the end skipped them, and completed it with no score); an answer
 * whose verdict came after the learner's own interventions (which can make any prediction come
 * true) counts as not borne out; the first score reported stands (a wrong answer shows the right
 * one, and a Reset then answered it again).
 */
export function connectScorm(store: AppStore, api: Scorm12Api, now: () => number = () => performance.now()): () => void {
  if (api.LMSInitialize('') !== 'true') return () => {};
  const startedAt = now();
  if (UNSTARTED.has(api.LMSGetValue('cmi.core.lesson_status'))) {
    api.LMSSetValue('cmi.core.lesson_status', 'incomplete');
    api.LMSCommit('');
  }
  /** Interventions the lesson came with (its link's), and answers whose verdict came after one made by hand. */
  let linkActions = new Set<string>();
  let steered = new Set<string>();
  const stopWatching = watchLesson(store, {
    ready() {
      linkActions = new Set(store.player.recordedActions().map((a) => JSON.stringify(a)));
      steered = new Set();
    },
    answer(a) {
      // Made by hand and already applied when the run gave its verdict (one made later, then sought back from, changed nothing).
      const now = store.player.timeMs;
      if (store.player.recordedActions().some((r) => r.atMs <= now && !linkActions.has(JSON.stringify(r)))) steered.add(a.id);
    },
    complete(_scenario, _mode, _summary, score) {
      if (score.asked < score.total) return;
      const borneOut = store.getState().answers.filter((a) => a.correct && !steered.has(a.id)).length;
      const raw = score.asked > 0 ? Math.round((borneOut / score.asked) * 100) : null;
      if (raw !== null && Number.isNaN(Number.parseFloat(api.LMSGetValue('cmi.core.score.raw')))) {
        api.LMSSetValue('cmi.core.score.min', '0');
        api.LMSSetValue('cmi.core.score.max', '100');
        api.LMSSetValue('cmi.core.score.raw', String(raw));
      }
      if (!FINISHED.has(api.LMSGetValue('cmi.core.lesson_status'))) api.LMSSetValue('cmi.core.lesson_status', 'completed');
      api.LMSCommit('');
    },
  });
  let finished = false;
  return () => {
    if (finished) return;
    finished = true;
    stopWatching();
    api.LMSSetValue('cmi.core.session_time', scormTimespan(now() - startedAt));
    api.LMSFinish('');
  };
}
