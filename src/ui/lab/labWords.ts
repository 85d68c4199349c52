// The lab's sentences about a run in progress, derived from the settings and the rows only.
import { formatNumber, plural } from '../../format';
import type { SweepSettings } from '../../lab/settings';
import { SCHEME_WORDS, type Mode } from '../../sim/schemes/names';

/** Which model and server count row `index` of a sweep runs (models in order, servers ascending, as runSweep plans). */
export function rowAt(s: SweepSettings, index: number): { mode: Mode; servers: number } {
  const perModel = s.serversTo - s.serversFrom + 1;
  return { mode: s.modes[Math.min(s.modes.length - 1, Math.floor(index / perModel))]!, servers: s.serversFrom + (index % perModel) };
}

/** "Row 3 of 16: JWT, 3 servers". */
export function progressText(s: SweepSettings, index: number, total: number): string {
  const { mode, servers } = rowAt(s, index);
  return `Row ${index + 1} of ${total}: ${SCHEME_WORDS[mode].name}, ${plural(servers, 'server')}`;
}

export const cancelledText = (done: number, total: number): string => `Sweep cancelled after ${done} of ${total} rows.`;

export const doneText = (rows: number, elapsedMs: number): string => `Sweep done: ${plural(rows, 'row')} in ${formatNumber(elapsedMs / 1000)} s.`;

/** "EdDSA check: 0.18 ms measured here". */
export const measuredText = (alg: string, ms: number): string => `${alg} check: ${formatNumber(ms, 3)} ms measured here`;
export const referenceText = (alg: string, ms: number): string => `${alg} check: ${formatNumber(ms, 3)} ms on the reference laptop`;

/** The id of the form's problem `index` in its list: the boxes it names are described by it. */
export const problemId = (index: number): string => `lab-problem-${index}`;
