// The headless runner: `npm run sim -- --scenario <id> [--mode session|jwt|both] [--seed <n>]
// [--actions '<json>'] [--until <ms>] [--json]`; or the load lab headless: `--sweep servers=A..B
// [--users N] [--requests N] [--rate N] [--store-capacity N] [--alg A] [--denylist] [--refresh]
// [--verify-ms N | --calibrate] [--mode ...] [--seed n] [--json]`.
import { findScenario, SCENARIOS } from '../scenarios';
import { InvariantViolation, runScenario } from '../scenarios/run';
import { formatReport } from './format';
import { parseArgs, runNotes } from './args';
import { sweepCommand } from './sweep';
import { progressReporter } from './progress';
import { withOptions } from '../sim/options';

async function main(argv: string[]): Promise<number> {
  const parsed = parseArgs(argv);
  if (!parsed.ok) {
    process.stderr.write(`sim: ${parsed.error}\n`);
    return 2;
  }
  const { args } = parsed;
  if (args.sweep) return sweepCommand(args);
  if (args.list) {
    for (const s of SCENARIOS) process.stdout.write(args.json ? '' : `${s.id.padEnd(18)} ${s.summary}\n`);
    if (args.json) process.stdout.write(JSON.stringify(SCENARIOS.map((s) => ({ id: s.id, title: s.title, summary: s.summary, modes: s.modes }))) + '\n');
    return 0;
  }
  const scenario = findScenario(args.scenario ?? '');
  if (!scenario) {
    process.stderr.write(`sim: unknown scenario "${args.scenario}" (known: ${SCENARIOS.map((s) => s.id).join(', ')})\n`);
    return 2;
  }
  const modes = (args.modes ?? scenario.modes).filter((m) => scenario.modes.includes(m));
  if (modes.length === 0) {
    process.stderr.write(`sim: scenario ${scenario.id} runs only in ${scenario.modes.join(' and ')} mode\n`);
    return 2;
  }
  for (const note of runNotes(scenario, args, withOptions(scenario.options(modes[0]!)).requestTimeoutMs)) process.stderr.write(`sim: ${note}\n`);
  const report = await runScenario(scenario, modes, args.seed ?? scenario.seed, { actions: args.actions, untilMs: args.untilMs, onProgress: progressReporter((line) => process.stderr.write(line)) });
  process.stdout.write(args.json ? JSON.stringify(report) + '\n' : formatReport(report, scenario, !!args.actions?.length));
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`sim: ${err instanceof Error ? err.message : String(err)}\n`);
    // A broken promise of the model is not a crash: exit 3 names it (DESIGN.md).
    process.exit(err instanceof InvariantViolation ? 3 : 1);
  },
);
