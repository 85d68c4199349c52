// Parses the headless runner's flags (DESIGN.md contract). Pure, so it is unit-tested directly.
import { ALGS } from '../auth/alg';
import { DEFAULT_OPTIONS, LIMITS } from '../sim/options';
import { parseInterventions, type TimedAction } from '../sim/parseAction';
import { isMode, MODES, type Mode } from '../sim/schemes/names';
import type { SweepSettings } from '../lab/settings';

/** The furthest a run may go (--until, an intervention's atMs): one simulated day. */
export const MAX_RUN_MS = 24 * 60 * 60_000;

export interface SimArgs {
  list: boolean;
  scenario: string | null;
  modes: Mode[] | null;
  seed: number | null;
  json: boolean;
  /** --actions: interventions, the same list and checks as a link's a=. */
  actions: TimedAction[];
  /** --until: run past the script's end (its steady traffic goes on). */
  untilMs: number | null;
  /** --sweep and its flags: the load lab's settings, checked later by parseSweepSettings; null when not sweeping. */
  sweep: Partial<Record<keyof SweepSettings, unknown>> | null;
  /** --calibrate: measure the signature-check cost here instead of the reference laptop's. */
  calibrate: boolean;
}

/** The sweep's own flags and the settings field each sets (numbers; --denylist and --refresh are switches). */
const SWEEP_NUMBER_FLAGS = {
  '--users': 'users',
  '--requests': 'requests',
  '--rate': 'ratePerUser',
  '--store-capacity': 'storeCapacityOpsPerSec',
  '--verify-ms': 'verifyCostMs',
} as const satisfies Record<string, keyof SweepSettings>;

const isSweepNumberFlag = (flag: string): flag is keyof typeof SWEEP_NUMBER_FLAGS => Object.hasOwn(SWEEP_NUMBER_FLAGS, flag);

/**
 * What a run will not do that its flags suggest, said on stderr (the run goes ahead): an --until
 * before the script's end changed nothing, and --actions after the run's end did nothing, silently.
 */
export function runNotes(scenario: { id: string; durationMs: number }, args: Pick<SimArgs, 'untilMs' | 'actions'>, drainMs: number = DEFAULT_OPTIONS.requestTimeoutMs): string[] {
  const notes: string[] = [];
  if (args.untilMs !== null && args.untilMs < scenario.durationMs) notes.push(`--until ${args.untilMs} is before the end of ${scenario.id} (${scenario.durationMs} ms): the run goes to its end`);
  // The run goes on while its last requests drain (up to one request timeout): an action then still acts.
  const endMs = Math.max(scenario.durationMs, args.untilMs ?? 0) + drainMs + 1;
  const late = args.actions.filter((a) => a.atMs > endMs).length;
  if (late) notes.push(`${late} of the --actions ${late === 1 ? 'comes' : 'come'} after the run has ended (${endMs} ms, its last requests drained) and ${late === 1 ? 'does' : 'do'} nothing: --until runs it longer`);
  return notes;
}

export type ParseResult = { ok: true; args: SimArgs } | { ok: false; error: string };

/** `--scenario=revocation` as `--scenario revocation` (the SCORM packager took both; this refused the first). */
const splitEquals = (argv: readonly string[]): string[] => argv.flatMap((a) => (/^--[a-z-]+=/.test(a) ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a]));

export function parseArgs(given: string[]): ParseResult {
  const argv = splitEquals(given);
  const args: SimArgs = { list: false, scenario: null, modes: null, seed: null, json: false, actions: [], untilMs: null, sweep: null, calibrate: false };
  const sweepFlags: Partial<Record<keyof SweepSettings, unknown>> = {};
  const sweepOnly: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    const value = (): string | null => {
      const v = argv[i + 1];
      if (v === undefined || v.startsWith('--')) return null;
      i++;
      return v;
    };
    switch (flag) {
      case '--list':
        args.list = true;
        break;
      case '--json':
        args.json = true;
        break;
      case '--scenario': {
        const v = value();
        if (!v) return { ok: false, error: '--scenario needs an id (see --list)' };
        args.scenario = v;
        break;
      }
      case '--mode': {
        const v = value();
        if (v !== 'both' && !isMode(v)) return { ok: false, error: `--mode must be ${MODES.join(', ')} or both (got ${v ?? 'nothing'})` };
        args.modes = v === 'both' ? [...MODES] : [v];
        break;
      }
      case '--seed': {
        const v = value();
        const n = Number(v);
        if (v === null || !/^\d+$/.test(v) || n > LIMITS.seed.max) return { ok: false, error: `--seed must be a whole number from 0 to ${LIMITS.seed.max} (got ${v ?? 'nothing'})` };
        args.seed = n;
        break;
      }
      case '--actions': {
        const v = argv[++i];
        if (v === undefined) return { ok: false, error: '--actions needs a JSON list, e.g. \'[{"atMs":3000,"action":{"type":"banUser","userId":"alice"}}]\'' };
        const parsed = parseInterventions(v, MAX_RUN_MS);
        if (!parsed.ok) return { ok: false, error: `--actions could not be used: ${parsed.problem}` };
        args.actions = parsed.value;
        break;
      }
      case '--until': {
        const v = value();
        const n = Number(v);
        if (v === null || !/^\d+$/.test(v) || n > MAX_RUN_MS) return { ok: false, error: `--until must be a whole number of milliseconds from 0 to ${MAX_RUN_MS} (got ${v ?? 'nothing'})` };
        args.untilMs = n;
        break;
      }
      case '--sweep': {
        const v = value();
        const range = /^servers=(\d+)(?:\.\.(\d+))?$/.exec(v ?? '');
        if (!range) return { ok: false, error: `--sweep needs servers=A..B, e.g. servers=1..16 (got ${v ?? 'nothing'})` };
        args.sweep = sweepFlags;
        sweepFlags.serversFrom = Number(range[1]);
        sweepFlags.serversTo = Number(range[2] ?? range[1]);
        break;
      }
      case '--alg': {
        sweepOnly.push(flag);
        const v = value();
        if (v === null) return { ok: false, error: `--alg needs one of ${ALGS.join(', ')} (got nothing)` };
        sweepFlags.alg = v;
        break;
      }
      case '--denylist':
      case '--refresh':
        sweepOnly.push(flag);
        sweepFlags[flag === '--denylist' ? 'denylist' : 'refreshTokens'] = true;
        break;
      case '--calibrate':
        sweepOnly.push(flag);
        args.calibrate = true;
        break;
      default: {
        if (!isSweepNumberFlag(flag)) return { ok: false, error: `unknown flag ${flag} (flags: --scenario <id> --mode session|jwt|both --seed <n> --actions <json> --until <ms> --json --list; or --sweep servers=A..B with --users --requests --rate --store-capacity --alg --denylist --refresh --verify-ms --calibrate)` };
        const v = value();
        // Text that is not a number is named here (Number() made "1e" NaN, and "" 0); parseSweepSettings names the range.
        const n = v === null || v.trim() === '' ? NaN : Number(v);
        if (!Number.isFinite(n)) return { ok: false, error: `${flag} needs a number (got ${v === null ? 'nothing' : JSON.stringify(v)})` };
        sweepFlags[SWEEP_NUMBER_FLAGS[flag]] = n;
        sweepOnly.push(flag);
      }
    }
  }
  if (args.sweep) {
    if (args.scenario || args.actions.length || args.untilMs !== null) return { ok: false, error: '--sweep runs the load lab, not a scenario: drop --scenario, --actions and --until' };
    if (args.modes) sweepFlags.modes = args.modes;
    if (args.seed !== null) sweepFlags.seed = args.seed;
    if (args.calibrate && 'verifyCostMs' in sweepFlags) return { ok: false, error: '--calibrate measures the check cost; --verify-ms sets it: use one' };
    return { ok: true, args };
  }
  if (sweepOnly.length) return { ok: false, error: `${sweepOnly[0]} goes with --sweep servers=A..B` };
  if (!args.list && !args.scenario) return { ok: false, error: 'say which scenario: --scenario <id> (or --list)' };
  return { ok: true, args };
}
