// A leaf (no engine import), so the stage can shorten an id without pulling a simulation module into the first load.

/** "3fA9k2…" for long ids and tokens; the full value goes in a title attribute. */
export const shorten = (text: string, keep = 10): string => (text.length > keep + 2 ? `${text.slice(0, keep)}…` : text);
