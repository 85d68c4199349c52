// What a load-lab sweep is asked to do, and the one gate every setting passes (the lab's form, the
// runner's --sweep flags): each field is checked against its range and a bad one is named, never
// clamped in silence.
import { ALGS, type Alg } from '../auth/alg';
import { formatNumber } from '../format';
import { DEFAULT_OPTIONS, LIMITS } from '../sim/options';
import { isMode, MODES, SCHEME_WORDS, type Mode } from '../sim/schemes/names';

export interface SweepSettings {
  modes: Mode[];
  /** One row per server count in [serversFrom, serversTo], per model. */
  serversFrom: number;
  serversTo: number;
  users: number;
  /** Requests each user sends a second: users x this is the offered load. */
  ratePerUser: number;
  /** API requests measured per row (after every user has logged in). */
  requests: number;
  storeCapacityOpsPerSec: number;
  alg: Alg;
  denylist: boolean;
  refreshTokens: boolean;
  /** CPU ms one signature check costs a server: the reference laptop's, or measured here (calibrate.ts). */
  verifyCostMs: number;
  seed: number;
}

export const SWEEP_LIMITS = {
  serversFrom: LIMITS.servers,
  serversTo: LIMITS.servers,
  users: { min: 1, max: 10_000 },
  ratePerUser: { min: 0.1, max: 50 },
  requests: { min: 100, max: 200_000 },
  storeCapacityOpsPerSec: { min: 10, max: 1_000_000 },
  verifyCostMs: { min: 0.001, max: 100 },
  seed: LIMITS.seed,
} as const;

/** The lab's first sweep: a store that saturates at 1,000 ops/s under an offered 2,000 req/s. */
export const DEFAULT_SWEEP: SweepSettings = {
  modes: [...MODES],
  serversFrom: 1,
  serversTo: 8,
  users: 400,
  ratePerUser: 5,
  requests: 6_000,
  storeCapacityOpsPerSec: 1_000,
  alg: 'EdDSA',
  denylist: false,
  refreshTokens: false,
  verifyCostMs: 0.15,
  seed: 1,
};

/**
 * Refused: a sentence per problem, and per setting they name the first that names it (the form marks
 * those boxes and reads that sentence with its box: a screen reader back on a box heard "invalid entry" alone).
 */
export type SweepParse = { ok: true; settings: SweepSettings } | { ok: false; problems: string[]; fields: Partial<Record<keyof SweepSettings, string>> };

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Checks a partial settings object (from a form, a link or the runner) over the defaults. */
export function parseSweepSettings(input: unknown): SweepParse {
  if (!isRecord(input)) return { ok: false, problems: ['The sweep settings must be an object.'], fields: {} };
  const problems: string[] = [];
  const fields: Partial<Record<keyof SweepSettings, string>> = {};
  const refuse = (keys: (keyof SweepSettings)[], problem: string) => {
    problems.push(problem);
    for (const key of keys) fields[key] ??= problem;
  };
  const pick = <K extends keyof SweepSettings>(key: K): unknown => (Object.hasOwn(input, key) ? input[key] : DEFAULT_SWEEP[key]);
  const number = (key: keyof typeof SWEEP_LIMITS & keyof SweepSettings, whole: boolean, label: string): number => {
    const v = pick(key);
    const { min, max } = SWEEP_LIMITS[key];
    if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max || (whole && !Number.isInteger(v))) {
      refuse([key], `${label} must be ${whole ? 'a whole number ' : ''}from ${min} to ${max} (got ${got(v, true)}).`);
      return DEFAULT_SWEEP[key];
    }
    return v;
  };
  const flag = (key: 'denylist' | 'refreshTokens', label: string): boolean => {
    const v = pick(key);
    if (typeof v !== 'boolean') refuse([key], `${label} must be on or off (got ${got(v)}).`);
    return v === true;
  };
  const modesIn = pick('modes');
  const listed = Array.isArray(modesIn) ? modesIn.filter((m): m is Mode => typeof m === 'string' && isMode(m)) : [];
  const modes = [...new Set(listed)];
  // None ticked, in the form's words; a link's or the runner's unknown name, in theirs.
  if (Array.isArray(modesIn) && modesIn.length === 0) refuse(['modes'], `Choose at least one model: ${MODES.map((m) => SCHEME_WORDS[m].name).join(' or ')}.`);
  else if (!Array.isArray(modesIn) || modes.length === 0 || listed.length !== modesIn.length) refuse(['modes'], `Models must be one or more of ${MODES.join(', ')}.`);
  // A model named again (a link's ["jwt","jwt"]) would run its rows twice: say which, not which models exist.
  for (const m of modes) {
    const times = listed.filter((l) => l === m).length;
    if (times > 1) refuse(['modes'], `Models must name each model once (${m} is listed ${times === 2 ? 'twice' : `${times} times`}).`);
  }
  const algIn = pick('alg');
  const alg = ALGS.find((a) => a === algIn);
  if (!alg) refuse(['alg'], `The token algorithm must be one of ${ALGS.join(', ')} (got ${got(algIn)}).`);
  const settings: SweepSettings = {
    modes: MODES.filter((m) => modes.includes(m)),
    serversFrom: number('serversFrom', true, 'Servers from'),
    serversTo: number('serversTo', true, 'Servers to'),
    users: number('users', true, 'Users'),
    ratePerUser: number('ratePerUser', false, 'Requests per user per second'),
    requests: number('requests', true, 'Requests per row'),
    storeCapacityOpsPerSec: number('storeCapacityOpsPerSec', false, 'Store capacity'),
    alg: alg ?? DEFAULT_SWEEP.alg,
    denylist: flag('denylist', 'The denylist'),
    refreshTokens: flag('refreshTokens', 'Refresh tokens'),
    verifyCostMs: number('verifyCostMs', false, 'Signature check cost'),
    seed: number('seed', true, 'Seed'),
  };
  // Only between two boxes that were read: a refused one stands at its default, which says nothing of the other.
  if (!fields.serversFrom && !fields.serversTo && settings.serversFrom > settings.serversTo) refuse(['serversFrom', 'serversTo'], `Servers from (${settings.serversFrom}) must not be more than servers to (${settings.serversTo}).`);
  // Beside the other problems, not after them: told once the servers were fixed, it came as a new surprise.
  // Said as a person writes it: 3 users at 0.1 a second offered "0.30000000000000004" (code review).
  const offered = formatNumber(settings.users * settings.ratePerUser, 3);
  if (!fields.users && !fields.ratePerUser && settings.users * settings.ratePerUser > MAX_OFFERED_RPS)
    refuse(['users', 'ratePerUser'], `${settings.users} users at ${settings.ratePerUser} a second offer ${offered} req/s; the lab offers at most ${MAX_OFFERED_RPS} (16 servers serve about 8,000).`);
  if (problems.length === 0) {
    const { startMs, windowMs } = sweepWindow(settings);
    if (windowMs > MAX_PHASE_MS) refuse(['requests', 'users', 'ratePerUser'], `${settings.requests} requests at ${offered} a second take more than an hour: send more a second or fewer requests.`);
    if (startMs > MAX_PHASE_MS) refuse(['users', 'storeCapacityOpsPerSec'], `Logging ${settings.users} users in at ${formatNumber(loginsPerSec(settings), 3)} a second takes more than an hour: raise the store capacity or lower the users.`);
  }
  return problems.length ? { ok: false, problems, fields } : { ok: true, settings };
}

/** The most of a refused value a sentence quotes back: 5,000 typed digits made the page 55,000 px wide. */
const GOT_CHARS = 24;

/**
 * A refused value as the sentence shows it: text that reads as a number or a flag keeps its quotes
 * ("16" is not 16); a list or an object from a link is named, not written "[object Object]" or "".
 * A number written with a comma is told how to write it: "1,5" is 1.5 in much of the world and 15
 * in a number box.
 */
function got(v: unknown, numeric = false): string {
  const text = typeof v === 'string' ? v.trim() : '';
  const shown =
    typeof v === 'object' && v !== null ? (Array.isArray(v) ? 'a list' : 'an object')
    : typeof v !== 'string' ? String(v)
    : text === '' ? 'nothing'
    : Number.isFinite(Number(text)) || text === 'true' || text === 'false' ? JSON.stringify(v)
    : v;
  const clipped = shown.length > GOT_CHARS ? `${shown.slice(0, GOT_CHARS)}…` : shown;
  return numeric && text.includes(',') ? `${clipped}: write decimals with a point and thousands with no separator, as in 1.5 or 1000` : clipped;
}

/** Logins use at most half the store's capacity, at most 500 a second, so the window starts on a settled cluster. */
export const loginsPerSec = (s: SweepSettings): number => Math.min(500, s.storeCapacityOpsPerSec / 2);
const SETTLE_MS = 2_000;
/** Traffic runs this long before the window opens, so the window sees a cluster already under its load. */
export const WARM_MS = 1_000;
/**
 * The most load a sweep may offer (users x rate). Sixteen servers serve ~8,000 req/s; past this
 * everything queues and times out, and the requests waiting at once would fill the worker's memory.
 */
export const MAX_OFFERED_RPS = 50_000;
/** The longest measured window and login phase: an hour of simulated time each. */
export const MAX_PHASE_MS = 60 * 60_000;

/**
 * When traffic starts (every user logged in, the cluster settled), when the measured window opens
 * (WARM_MS later) and how long it lasts, in simulated ms: `requests` are sent within the window.
 */
export function sweepWindow(s: SweepSettings): { trafficMs: number; startMs: number; windowMs: number } {
  const trafficMs = Math.ceil((s.users / loginsPerSec(s)) * 1000) + SETTLE_MS;
  return { trafficMs, startMs: trafficMs + WARM_MS, windowMs: Math.ceil((s.requests / (s.users * s.ratePerUser)) * 1000) };
}

/** The reference laptop's cost of one check (the lessons' figure, src/sim/options.ts). */
export const referenceCostMs = (alg: Alg): number => DEFAULT_OPTIONS.cryptoVerifyMs[alg];

/** Rows a sweep will run: one per model per server count. */
export const rowCount = (s: SweepSettings): number => s.modes.length * (s.serversTo - s.serversFrom + 1);

/** The rows a sweep runs, in the order it reports them: models in order, servers ascending. */
export function sweepPlan(s: SweepSettings): { mode: Mode; servers: number }[] {
  return s.modes.flatMap((mode) => Array.from({ length: s.serversTo - s.serversFrom + 1 }, (_, i) => ({ mode, servers: s.serversFrom + i })));
}
