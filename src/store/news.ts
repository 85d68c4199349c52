import type { LogEntry, Mode } from '../sim/types';
import { REASON_CODES } from '../reasons';
import { perWorldLine } from './lesson';

// What a move logged, in words: the paused moment's news (MomentNews) and an intervention's while playing.

/** More new lines than this at once (a seek, a burst) are told by the moment's summary instead. */
export const MOST_LINES_SAID = 6;

const sameLine = (a: LogEntry, b: LogEntry) => a.seq === b.seq && a.timeMs === b.timeMs && a.text === b.text;

/** The lines logged after `last`; null where the log no longer holds it (a seek back, a reload, a burst past its window). */
export function linesSince(log: readonly LogEntry[], last: LogEntry | undefined): readonly LogEntry[] | null {
  if (!last) return log.length ? null : [];
  for (let i = log.length - 1; i >= 0; i--) if (sameLine(log[i]!, last)) return log.slice(i + 1);
  return null;
}

/** What the new lines say, each world's named when both are shown (said once when they are the same). */
export function newsOf(fresh: { mode: Mode; lines: readonly LogEntry[] }[]): string {
  const told = fresh.filter((f) => f.lines.length).map((f) => ({ mode: f.mode, text: f.lines.map((e) => e.text).join(' ') }));
  return perWorldLine(told, fresh.length === 1);
}

const CODES = new RegExp(`\\b(${REASON_CODES.filter((code) => code.includes('_')).join('|')})\\b`, 'g');

/**
 * A line as a screen reader is given it: log lines name a refusal by its reason code, and a code said
 * aloud is its words ("token revoked"), not "token underscore revoked" (a11y review). Seen, the code stays.
 */
export const spoken = (text: string): string => text.replace(CODES, (code) => code.replaceAll('_', ' '));
