// Small display helpers for the inspectors: text only, no simulation rules.
import { VIRTUAL_EPOCH_MS } from '../../sim/world';
import { SCHEME_WORDS, type Mode } from '../../sim/schemes/names';

/** "3fA9k2…" for long ids and tokens; the full value goes in a title attribute. */
export const shorten = (text: string, keep = 10): string => (text.length > keep + 2 ? `${text.slice(0, keep)}…` : text);

/** The wall-looking instant of a virtual time: the simulation's epoch plus its ms. */
export const virtualIso = (virtualMs: number): string => new Date(VIRTUAL_EPOCH_MS + virtualMs).toISOString();

/** A token's own NumericDate (seconds) as an ISO date. */
export const numericDateIso = (sec: number): string => new Date(sec * 1000).toISOString();

/** Pretty JSON for <pre> blocks. */
export const pretty = (value: unknown): string => JSON.stringify(value, null, 2);

/** The HTTP text the way people read it: CRLF line ends become plain new lines. */
export const httpLines = (text: string): string[] => text.split('\r\n');

export const worldName = (mode: Mode): string => SCHEME_WORDS[mode].world;
