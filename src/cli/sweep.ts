// `npm run sim -- --sweep servers=A..B [...]`: the load lab headless. Same settings gate, same
// sweep code as the lab's worker, so for the same settings both give the same rows.
import { measureVerifyMs } from '../lab/calibrate';
import { readSweep } from '../lab/reading';
import { DEFAULT_SWEEP, parseSweepSettings, referenceCostMs } from '../lab/settings';
import { runSweep, type SweepRow } from '../lab/sweep';
import { ALGS } from '../auth/alg';
import type { SimArgs } from './args';

const COLUMNS: [string, (r: SweepRow) => string][] = [
  ['model', (r) => r.mode],
  ['servers', (r) => String(r.servers)],
  ['offered/s', (r) => String(r.offeredRps)],
  ['ok/s', (r) => String(r.throughputRps)],
  ['p50 ms', (r) => String(r.latencyMs.p50)],
  ['p99 ms', (r) => String(r.latencyMs.p99)],
  ['store ops/s', (r) => String(r.storeOpsPerSec)],
  ['checks/s', (r) => String(r.signatureVerificationsPerSec)],
  ['check CPU ms/s', (r) => String(r.verifyCpuMsPerSec)],
  ['CPU busy', (r) => `${Math.round(r.serverCpuUtilisation * 100)}%`],
  ['errors', (r) => Object.entries(r.byReason).filter(([reason]) => reason !== 'ok').map(([reason, n]) => `${reason} ${n}`).join(', ') || '-'],
];

const line = (cells: string[]): string => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(Math.max(COLUMNS[i]![0].length, 8) + 2))).join('') + '\n';

/** Exit code: 0 done, 2 bad settings (one line on stderr). */
export async function sweepCommand(args: SimArgs): Promise<number> {
  const input = { ...args.sweep };
  // The chosen algorithm's cost, measured here or the reference laptop's (an unknown alg is named by the gate below).
  const alg = input.alg === undefined ? DEFAULT_SWEEP.alg : ALGS.find((a) => a === input.alg);
  if (alg && args.calibrate) input.verifyCostMs = await measureVerifyMs(alg);
  else if (alg && !('verifyCostMs' in input)) input.verifyCostMs = referenceCostMs(alg);
  const parsed = parseSweepSettings(input);
  if (!parsed.ok) {
    process.stderr.write(`sim: ${parsed.problems.join(' ')}\n`);
    return 2;
  }
  const out = process.stdout;
  if (!args.json) out.write(line(COLUMNS.map(([name]) => name)));
  const report = await runSweep(parsed.settings, { onRow: (row) => (args.json ? undefined : out.write(line(COLUMNS.map(([, cell]) => cell(row))))) });
  out.write(args.json ? JSON.stringify(report) + '\n' : `\n${readSweep(report).join('\n')}\n`);
  return 0;
}
