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

/** Reports the learner's progress to the LMS; returns the function that ends the session. */
export function connectScorm(store: AppStore, api: Scorm12Api): () => void {
  if (api.LMSInitialize('') !== 'true') return () => {};
  if (UNSTARTED.has(api.LMSGetValue('cmi.core.lesson_status'))) {
    api.LMSSetValue('cmi.core.lesson_status', 'incomplete');
    api.LMSCommit('');
  }
  const stopWatching = watchLesson(store, {
    complete(_scenario, _mode, _summary, score) {
      // A score only when questions were asked (a skipped one counts as missed); a later, weaker
      // run of this or another lesson does not take back a better score.
      const raw = score.asked > 0 ? Math.round((score.correct / score.asked) * 100) : null;
      const best = Number.parseFloat(api.LMSGetValue('cmi.core.score.raw'));
      if (raw !== null && !(best >= raw)) {
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
    api.LMSFinish('');
  };
}
