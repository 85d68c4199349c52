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

function bottleneck(row: SweepRow): 'offered' | 'store' | 'cpu' | 'other' {
  if (row.throughputRps >= row.offeredRps * SATURATED) return 'offered';
  if (row.storeUtilisation >= SATURATED) return 'store';
  if (row.serverCpuUtilisation >= SATURATED) return 'cpu';
  return 'other';
}

function readModel(mode: Mode, rows: SweepRow[], report: SweepReport): string {
  const name = SCHEME_WORDS[mode].name;
  const first = rows[0]!;
  const flat = levelsOffAt(rows);
  const last = rows[rows.length - 1]!;
  const why = bottleneck(flat);
  const grows = flat.servers > first.servers;
  const growth = grows ? `grows from ${rps(first.throughputRps)} with ${plural(first.servers, 'server')} to ${rps(flat.throughputRps)} with ${flat.servers}` : `is ${rps(flat.throughputRps)} with ${plural(first.servers, 'server')}`;
  const cpu = flat.verifyCpuMsPerSec > 0 ? ` Checking signatures costs the cluster ${formatNumber(flat.verifyCpuMsPerSec)} CPU ms a second there.` : '';
  switch (why) {
    case 'offered':
      return `${name}: throughput ${growth}, which is all the ${rps(flat.offeredRps)} offered.${cpu}`;
    case 'store':
      return `${name}: throughput ${growth} and stays there up to ${plural(last.servers, 'server')}: the store saturates at ~${rps(flat.storeOpsPerSec)} (${formatNumber(report.sweep.storeCapacityOpsPerSec)} ops/s), and every request waits on it.${cpu}`;
    case 'cpu':
      return `${name}: throughput ${growth}; every server's CPU is busy all the time, so more servers would carry more.${cpu}`;
    case 'other':
      return `${name}: throughput ${growth} and levels off there, short of the ${rps(flat.offeredRps)} offered.${cpu}`;
  }
}

/** One sentence per model in the sweep, in the order the models ran. */
export function readSweep(report: SweepReport): string[] {
  const modes = [...new Set(report.rows.map((r) => r.mode))];
  return modes.map((mode) => readModel(mode, report.rows.filter((r) => r.mode === mode), report));
}
