// What the learner chose once and expects to find again. Storage may be unavailable (a sandboxed
// iframe, private mode): then the default applies and nothing breaks.
export const QUESTIONS_KEY = 'authsim:questions';

export function questionsPreference(storage: Pick<Storage, 'getItem'> | undefined = safeStorage()): boolean {
  try {
    return storage?.getItem(QUESTIONS_KEY) !== 'off';
  } catch {
    return true;
  }
}

export function rememberQuestions(on: boolean, storage: Pick<Storage, 'setItem'> | undefined = safeStorage()): void {
  try {
    storage?.setItem(QUESTIONS_KEY, on ? 'on' : 'off');
  } catch {
    // Not remembered: the choice still holds for this visit.
  }
}

function safeStorage(): Storage | undefined {
  try {
    return typeof localStorage === 'undefined' ? undefined : localStorage;
  } catch {
    return undefined;
  }
}
