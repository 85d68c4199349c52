// Parses the headless runner's flags (DESIGN.md contract). Pure, so it is unit-tested directly.
import { LIMITS } from '../sim/options';
import { parseInterventions, type TimedAction } from '../sim/parseAction';
import { isMode, MODES, type Mode } from '../sim/schemes/names';

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
}

export type ParseResult = { ok: true; args: SimArgs } | { ok: false; error: string };

export function parseArgs(argv: string[]): ParseResult {
  const args: SimArgs = { list: false, scenario: null, modes: null, seed: null, json: false, actions: [], untilMs: null };
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
      default:
        return { ok: false, error: `unknown flag ${flag} (flags: --scenario <id> --mode session|jwt|both --seed <n> --actions <json> --until <ms> --json --list)` };
    }
  }
  if (!args.list && !args.scenario) return { ok: false, error: 'say which scenario: --scenario <id> (or --list)' };
  return { ok: true, args };
}
