// The sweep's reading in words, derived from its rows only: where each model's throughput levels
// off, and what it hits there (the store, the servers' CPU, or simply the offered load).
import { formatNumber, plural } from '../format';
import { SCHEME_WORDS } from '../sim/schemes/names';
import type { Mode } from '../sim/types';
import type { SweepReport, SweepRow } from './sweep';

/** At or above this share of a limit, the limit is what holds throughput back. */
const SATURATED = 0.95;

const rps = (n: number): string => `${formatNumber(Math.round(n))} req/s`;

/** The first row whose throughput is within 5% of the best: where adding servers stops paying. */
function levelsOffAt(rows: SweepRow[]): SweepRow {
  const best = Math.max(...rows.map((r) => r.throughputRps));
  return rows.find((r) => r.throughputRps >= best * SATURATED) ?? rows[rows.length - 1]!;
}

/** What holds a row's throughput back: the offered load (nothing does), the store, the servers' CPU, or both. */
function bottleneck(row: SweepRow): 'offered' | 'store' | 'cpu' | 'both' | 'other' {
  if (row.throughputRps >= row.offeredRps * SATURATED) return 'offered';
  const store = row.storeUtilisation >= SATURATED;
  const cpu = row.serverCpuUtilisation >= SATURATED;
  if (store && cpu) return 'both';
  if (store) return 'store';
  if (cpu) return 'cpu';
  return 'other';
}

const ops = (n: number): string => `${formatNumber(Math.round(n))} ops/s`;

/** Why throughput stops there, as a clause ("" when nothing in the row says). */
function because(row: SweepRow, report: SweepReport): string {
  const store = `the store serves ~${ops(row.storeOpsPerSec)} (its capacity is ${ops(report.sweep.storeCapacityOpsPerSec)})`;
  const cpu = `every server's CPU is busy all the time`;
  switch (bottleneck(row)) {
    case 'offered':
      return `, which is all the ${rps(row.offeredRps)} offered`;
    case 'store':
      return `: ${store}, and every request waits on it`;
    case 'cpu':
      return `: ${cpu}`;
    case 'both':
      return `: ${store} and ${cpu}`;
    case 'other':
      return `, short of the ${rps(row.offeredRps)} offered`;
  }
}

function readModel(mode: Mode, rows: SweepRow[], report: SweepReport): string {
  const name = SCHEME_WORDS[mode].name;
  const first = rows[0]!;
  const flat = levelsOffAt(rows);
  const last = rows[rows.length - 1]!;
  const cpu = flat.verifyCpuMsPerSec > 0 ? ` Checking signatures costs the cluster ${formatNumber(flat.verifyCpuMsPerSec)} CPU ms a second there.` : '';
  if (rows.length === 1) return `${name}: ${rps(first.throughputRps)} with ${plural(first.servers, 'server')}${because(first, report)}.${cpu}`;
  const growth = flat.servers > first.servers ? `grows from ${rps(first.throughputRps)} with ${plural(first.servers, 'server')} to ${rps(flat.throughputRps)} with ${flat.servers}` : `is ${rps(flat.throughputRps)} from ${plural(first.servers, 'server')} on`;
  const stays = flat.servers < last.servers ? ` and stays there up to ${last.servers}` : '';
  return `${name}: throughput ${growth}${stays}${because(flat, report)}.${cpu}`;
}

/** One sentence per model in the sweep, in the order the models ran. */
export function readSweep(report: SweepReport): string[] {
  const modes = [...new Set(report.rows.map((r) => r.mode))];
  return modes.map((mode) => readModel(mode, report.rows.filter((r) => r.mode === mode), report));
}
