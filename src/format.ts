// The one place where counts and clock times become words: plurals by Intl.PluralRules, numbers for
// people. Pure text helpers, used by the UI, the headless runner and the simulation's log lines
// alike. Durations, time left, shares and how often, which only a run's details say, are in formatSpans.ts: a
// module of their own, so the first screen's code does not carry them.

const PLURAL = new Intl.PluralRules('en');

/** The English plural of a regular noun phrase (its last word changes): family -> families, crash -> crashes, key -> keys. */
function pluralOf(one: string): string {
  if (/[^aeiou]y$/.test(one)) return `${one.slice(0, -1)}ies`;
  if (/(s|x|z|ch|sh)$/.test(one)) return `${one}es`;
  return `${one}s`;
}

/** The word for `n` of it: word(1, 'family') = 'family', word(2, 'family') = 'families'; `many` for irregular ones. */
export function word(n: number, one: string, many?: string): string {
  return PLURAL.select(n) === 'one' ? one : (many ?? pluralOf(one));
}

/** A count with its noun: plural(2, 'refresh family') = '2 refresh families', plural(1, 'server') = '1 server'. */
export function plural(n: number, one: string, many?: string): string {
  return `${formatNumber(n)} ${word(n, one, many)}`;
}

/**
 * A count or measure for people: at most `digits` decimals, no trailing zeros, never "-0".
 * Rounded to k / 10^digits, the shortest text that reads back as the same double (String) is that
 * decimal, as Intl.NumberFormat would print it without grouping; Intl is kept for the huge numbers
 * String writes with an exponent. Creating the first NumberFormat costs Chromium ~100 ms (ICU
 * data), which made the first log line counting "earlier events" a long task of its own.
 */
export function formatNumber(n: number, digits = 1): string {
  if (!Number.isFinite(n)) return '0';
  const f = 10 ** digits;
  const r = Math.round(n * f) / f;
  if (Object.is(r, -0) || r === 0) return '0';
  if (digits <= 6 && Math.abs(r) < 1e21) return String(r);
  return new Intl.NumberFormat('en-US', { maximumFractionDigits: digits, useGrouping: false }).format(r);
}

/**
 * "00:12.345" virtual time, for log lines; `digits` 1 gives "00:12.3" (never "00:60.0"). Cut, not
 * rounded, as a clock is: a caption's reading time parks playback 0.01 ms before the next caption,
 * and the clock read that caption's moment beside the one still on screen (teacher review). Within a
 * millionth of a unit counts as reached (float sums: 0.1 + 0.2 ms).
 */
export function clockTime(ms: number, digits = 3): string {
  const unit = 10 ** (3 - digits);
  const total = Math.floor(Math.max(0, Number.isFinite(ms) ? ms : 0) / unit + 1e-6) * unit;
  const min = Math.floor(total / 60_000);
  const sec = (total % 60_000) / 1000;
  return `${String(min).padStart(2, '0')}:${sec.toFixed(digits).padStart(digits ? 3 + digits : 2, '0')}`;
}

/**
 * A number and its unit on one line ("25 s", "4096 bytes", "4824-byte"): a takeaway wrapped as
 * "with a 25 / s tolerance", and token-size's as "a 4824- / byte cookie" (learner review). The
 * hyphen becomes a non-breaking one.
 */
export const unitsKept = (text: string): string => text.replace(/(\d) (?=(?:ms|s|B|KB|MB|bytes?|req\/s|ops\/s)\b)/g, '$1\u00a0').replace(/(\d)-(?=(?:byte|second)\b)/g, '$1\u2011');
