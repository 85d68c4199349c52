// Parses the headless runner's flags (DESIGN.md contract). Pure, so it is unit-tested directly.
import { LIMITS } from '../sim/options';
import type { Mode } from '../sim/types';

export interface SimArgs {
  list: boolean;
  scenario: string | null;
  modes: Mode[] | null;
  seed: number | null;
  json: boolean;
}

export type ParseResult = { ok: true; args: SimArgs } | { ok: false; error: string };

export function parseArgs(argv: string[]): ParseResult {
  const args: SimArgs = { list: false, scenario: null, modes: null, seed: null, json: false };
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
        if (v !== 'session' && v !== 'jwt' && v !== 'both') return { ok: false, error: `--mode must be session, jwt or both (got ${v ?? 'nothing'})` };
        args.modes = v === 'both' ? ['session', 'jwt'] : [v];
        break;
      }
      case '--seed': {
        const v = value();
        const n = Number(v);
        if (v === null || !/^\d+$/.test(v) || n > LIMITS.seed.max) return { ok: false, error: `--seed must be a whole number from 0 to ${LIMITS.seed.max} (got ${v ?? 'nothing'})` };
        args.seed = n;
        break;
      }
      default:
        return { ok: false, error: `unknown flag ${flag} (flags: --scenario <id> --mode session|jwt|both --seed <n> --json --list)` };
    }
  }
  if (!args.list && !args.scenario) return { ok: false, error: 'say which scenario: --scenario <id> (or --list)' };
  return { ok: true, args };
}
