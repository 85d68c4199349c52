// Small display helpers for the inspectors: text only, no simulation rules.
import { VIRTUAL_EPOCH_MS } from '../../sim/world';
import { SCHEME_WORDS, type Mode } from '../../sim/schemes/names';

export { shorten } from '../shorten';

/** The wall-looking instant of a virtual time: the simulation's epoch plus its ms. */
export const virtualIso = (virtualMs: number): string => new Date(VIRTUAL_EPOCH_MS + virtualMs).toISOString();

/** A token's own NumericDate (seconds) as an ISO date. */
export const numericDateIso = (sec: number): string => new Date(sec * 1000).toISOString();

/** Pretty JSON for <pre> blocks. */
export const pretty = (value: unknown): string => JSON.stringify(value, null, 2);

/** The HTTP text the way people read it: CRLF line ends become plain new lines. */
export const httpLines = (text: string): string[] => text.split('\r\n');

export const worldName = (mode: Mode): string => SCHEME_WORDS[mode].world;
