// The lab's form as typed (text, as the inputs hold it) and its one way to sweep settings:
// parseSweepSettings (src/lab/settings.ts), which names every bad value in a sentence.
import { ALGS, type Alg } from '../../auth/alg';
import { DEFAULT_SWEEP, parseSweepSettings, referenceCostMs, type SweepParse, type SweepSettings } from '../../lab/settings';
import type { Mode } from '../../sim/schemes/names';

/** Where a signature check's CPU cost comes from: measured in this browser, or the reference laptop's figure. */
export type CostSource = 'measured' | 'reference';

/** The numeric fields, as their inputs hold them (text: what was typed, valid or not). */
export type NumberKey = 'serversFrom' | 'serversTo' | 'users' | 'ratePerUser' | 'requests' | 'storeCapacityOpsPerSec' | 'seed';

export type LabForm = Record<NumberKey, string> & {
  modes: Mode[];
  alg: Alg;
  denylist: boolean;
  refreshTokens: boolean;
  costSource: CostSource;
};

/** What the cost of one check is known to be now (measured ones arrive later, per algorithm). */
export type CostReading = { status: 'measuring' } | { status: 'measured'; ms: number } | { status: 'failed'; problem: string };

export const DEFAULT_FORM: LabForm = {
  modes: [...DEFAULT_SWEEP.modes],
  serversFrom: String(DEFAULT_SWEEP.serversFrom),
  serversTo: String(DEFAULT_SWEEP.serversTo),
  users: String(DEFAULT_SWEEP.users),
  ratePerUser: String(DEFAULT_SWEEP.ratePerUser),
  requests: String(DEFAULT_SWEEP.requests),
  storeCapacityOpsPerSec: String(DEFAULT_SWEEP.storeCapacityOpsPerSec),
  seed: String(DEFAULT_SWEEP.seed),
  alg: DEFAULT_SWEEP.alg,
  denylist: DEFAULT_SWEEP.denylist,
  refreshTokens: DEFAULT_SWEEP.refreshTokens,
  costSource: 'measured',
};

/**
 * The form showing these settings (a link's), with the reference laptop's check cost: measured, each
 * device ran its own rows (0.19 then 0.96 ms an EdDSA check on two loads of one machine), so a
 * teacher's link gave each student other JWT numbers. The page can still switch to measured.
 */
export function formOf(s: Omit<SweepSettings, 'verifyCostMs'>): LabForm {
  return {
    ...DEFAULT_FORM,
    costSource: 'reference',
    modes: [...s.modes],
    serversFrom: String(s.serversFrom),
    serversTo: String(s.serversTo),
    users: String(s.users),
    ratePerUser: String(s.ratePerUser),
    requests: String(s.requests),
    storeCapacityOpsPerSec: String(s.storeCapacityOpsPerSec),
    seed: String(s.seed),
    alg: s.alg,
    denylist: s.denylist,
    refreshTokens: s.refreshTokens,
  };
}

/** A number as written here: digits, a point for decimals, an exponent; no hex, no separators. */
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/**
 * A typed value as the gate sees it: a number when it reads as one, else the text itself, so the
 * gate's sentence repeats what was typed ("got 12abc"; "1,5" with the way to write it); an empty
 * box reads "nothing".
 */
export function typedNumber(raw: string): number | string {
  const text = raw.trim();
  const n = DECIMAL.test(text) ? Number(text) : NaN;
  return Number.isFinite(n) ? n : text;
}

/** The problem while the cost is measured; the cost's own figure says it aloud (CostField), so the problems region does not. */
const stillMeasuring = (alg: string): string => `The ${alg} check is still being measured in this browser.`;
export const isStillMeasuring = (problem: string): boolean => ALGS.some((alg) => problem === stillMeasuring(alg));

/** The cost a sweep would use now, or why there is none yet. */
export function costOf(form: LabForm, measured: CostReading | undefined): { ms: number } | { problem: string } {
  if (form.costSource === 'reference') return { ms: referenceCostMs(form.alg) };
  if (!measured || measured.status === 'measuring') return { problem: stillMeasuring(form.alg) };
  if (measured.status === 'failed') return { problem: `The ${form.alg} check could not be measured here (${measured.problem}): choose the reference laptop's cost.` };
  return { ms: measured.ms };
}

/** The form through the one gate: settings to run, or every problem in a sentence. */
export function settingsOf(form: LabForm, measured: CostReading | undefined): SweepParse {
  const cost = costOf(form, measured);
  const input: Record<keyof SweepSettings, unknown> = {
    modes: form.modes,
    serversFrom: typedNumber(form.serversFrom),
    serversTo: typedNumber(form.serversTo),
    users: typedNumber(form.users),
    ratePerUser: typedNumber(form.ratePerUser),
    requests: typedNumber(form.requests),
    storeCapacityOpsPerSec: typedNumber(form.storeCapacityOpsPerSec),
    alg: form.alg,
    denylist: form.denylist,
    refreshTokens: form.refreshTokens,
    verifyCostMs: 'ms' in cost ? cost.ms : DEFAULT_SWEEP.verifyCostMs,
    seed: typedNumber(form.seed),
  };
  const parsed = parseSweepSettings(input);
  if ('ms' in cost) return parsed;
  // The measured choice is what it names: a refused Run goes there, and reads it (no box was marked, and Run said nothing).
  return { ok: false, problems: [...(parsed.ok ? [] : parsed.problems), cost.problem], fields: { ...(parsed.ok ? {} : parsed.fields), verifyCostMs: cost.problem } };
}
