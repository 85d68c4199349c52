// What each of the lab's charts shows, derived from the sweep's rows only (pure: no uPlot, no DOM):
// x is the server count, one series per model (and per percentile or reason where a chart splits
// them), plus the reference lines (offered load, store capacity). Each chart also says itself in
// words, for its role="img" label; the table under the charts carries every number.
import { formatNumber, plural } from '../../format';
import type { SweepSettings } from '../../lab/settings';
import type { SweepRow } from '../../lab/sweep';
import { REASON_CODES, type ReasonCode } from '../../reasons';
import { SCHEME_WORDS, type Mode } from '../../sim/schemes/names';

/** Which colour a line takes: its model's (--session, --jwt) or the muted one of a reference line. */
export type SeriesTone = Mode | 'reference';

export interface ChartSeries {
  label: string;
  tone: SeriesTone;
  /** Canvas dash pattern (CSS px); none: solid. */
  dash?: number[];
  /** One per x (null: no row for it yet). */
  values: (number | null)[];
}

export interface ChartSpec {
  id: string;
  title: string;
  /** The y axis's label, with its unit. */
  yLabel: string;
  unit: string;
  /** Server counts, ascending. */
  x: number[];
  series: ChartSeries[];
  /** The chart in words (its accessible name's description). */
  summary: string;
  /** Said instead of drawing, when there is nothing to draw (no request failed). */
  empty?: string;
}

export const DASHED = [6, 4];
/**
 * The longest y-axis label a chart draws whole: the label runs along the plot's ~190 px, in 600 12px.
 * "Until answered or refused (ms)" (30 characters, 211 px in Chromium) lost its ends; 24 is ~165 px.
 */
export const Y_LABEL_MAX_CHARS = 24;
/**
 * The order a chart's lines are drawn in: reference lines (offered load, store capacity) first, so a
 * model's line that reaches one is drawn over it, inside its wider band. Drawn after, the capacity's
 * dashes lay unseen on the session line that rode it, the store chart's point.
 */
export const drawingOrder = (series: readonly ChartSeries[]): ChartSeries[] => [...series.filter((s) => s.tone === 'reference'), ...series.filter((s) => s.tone !== 'reference')];
/**
 * A chart's data as uPlot takes it: x, then each line in drawing order. A sweep of one server count
 * has one x, where a line has no length: a reference (offered load, capacity) is then drawn across
 * the column, from a point either side of it, the models' points between (a 16-to-16 sweep named
 * "Offered load" in the key and drew nothing).
 */
export function plotData(spec: ChartSpec): [number[], ...(number | null)[][]] {
  const series = drawingOrder(spec.series);
  if (spec.x.length !== 1) return [spec.x, ...series.map((s) => s.values)];
  const only = spec.x[0]!;
  const v = (s: ChartSeries) => s.values[0] ?? null;
  return [[only - 0.4, only, only + 0.4], ...series.map((s) => (s.tone === 'reference' ? [v(s), v(s), v(s)] : [null, v(s), null]))];
}

/** One dash per failure reason in a chart (cycled): solid, dashed, dotted, dash-dot. */
export const REASON_DASHES: (number[] | undefined)[] = [undefined, [6, 4], [2, 3], [9, 3, 2, 3]];

type Pick = (row: SweepRow) => number;

function modes(rows: SweepRow[]): Mode[] {
  return [...new Set(rows.map((r) => r.mode))];
}

function xs(rows: SweepRow[]): number[] {
  return [...new Set(rows.map((r) => r.servers))].sort((a, b) => a - b);
}

function perModel(rows: SweepRow[], x: number[], mode: Mode, pick: Pick): (number | null)[] {
  return x.map((servers) => {
    const row = rows.find((r) => r.mode === mode && r.servers === servers);
    return row ? pick(row) : null;
  });
}

const modelSeries = (rows: SweepRow[], x: number[], pick: Pick, suffix = '', dash?: number[]): ChartSeries[] =>
  modes(rows).map((mode) => ({ label: `${SCHEME_WORDS[mode].name}${suffix}`, tone: mode, ...(dash ? { dash } : {}), values: perModel(rows, x, mode, pick) }));

/** "JWT: 441 req/s with 1 server, 2000 req/s with 5 to 8 servers"-style: first, peak, last. */
function describe(series: ChartSeries, x: number[], unit: string): string {
  const points = series.values.flatMap((v, i) => (v === null ? [] : [{ servers: x[i]!, v }]));
  if (points.length === 0) return `${series.label}: no rows yet`;
  // Under 0.1 to three decimals: 40 B/s read "0 kB/s".
  const figure = (v: number) => formatNumber(v, Math.abs(v) < 0.1 ? 3 : 1);
  const at = (p: { servers: number; v: number }) => `${figure(p.v)} ${unit} with ${plural(p.servers, 'server')}`;
  const first = points[0]!;
  const last = points[points.length - 1]!;
  if (points.every((p) => p.v === first.v)) return `${series.label}: ${figure(first.v)} ${unit}${points.length > 1 ? ' at every server count' : ` with ${plural(first.servers, 'server')}`}`;
  const peak = points.reduce((best, p) => (p.v > best.v ? p : best), first);
  const middle = peak !== first && peak !== last ? `, highest ${at(peak)}` : '';
  return `${series.label}: ${at(first)}${middle}, ${at(last)}`;
}

function spec(id: string, title: string, yLabel: string, unit: string, x: number[], series: ChartSeries[]): ChartSpec {
  const range = x.length ? `${plural(x[0]!, 'server')}${x.length > 1 ? ` to ${x[x.length - 1]}` : ''}` : 'no rows yet';
  return { id, title, yLabel, unit, x, series, summary: `${title} by server count (${range}). ${series.map((s) => describe(s, x, unit)).join('. ')}.` };
}

/** Failures a second by reason (every reason but ok), per model: one series per model and reason seen. */
function errorSeries(rows: SweepRow[], x: number[]): ChartSeries[] {
  const failed = (row: SweepRow, reason: ReasonCode) => (row.byReason[reason] ?? 0) / (row.windowMs / 1000);
  const reasons = REASON_CODES.filter((reason) => reason !== 'ok' && rows.some((r) => (r.byReason[reason] ?? 0) > 0));
  return modes(rows).flatMap((mode) =>
    reasons
      .filter((reason) => rows.some((r) => r.mode === mode && (r.byReason[reason] ?? 0) > 0))
      .map((reason) => {
        const dash = REASON_DASHES[reasons.indexOf(reason) % REASON_DASHES.length];
        return { label: `${SCHEME_WORDS[mode].name}: ${reason}`, tone: mode, ...(dash ? { dash } : {}), values: perModel(rows, x, mode, (r) => Math.round(failed(r, reason) * 10) / 10) };
      }),
  );
}

/** Every chart of the sweep so far, in reading order. */
export function chartSpecs(settings: SweepSettings, rows: SweepRow[]): ChartSpec[] {
  const x = xs(rows);
  const offered: ChartSeries = { label: 'Offered load', tone: 'reference', dash: DASHED, values: x.map((servers) => rows.find((r) => r.servers === servers)?.offeredRps ?? null) };
  const capacity: ChartSeries = { label: 'Store capacity', tone: 'reference', dash: DASHED, values: x.map(() => settings.storeCapacityOpsPerSec) };
  const errors = errorSeries(rows, x);
  const errorChart = spec('errors', 'Failed requests by reason', 'Failed requests (req/s)', 'req/s', x, errors);
  return [
    spec('throughput', 'Throughput', 'Answered 200 (req/s)', 'req/s', x, [...modelSeries(rows, x, (r) => r.throughputRps), offered]),
    // Only requests answered or refused in the window have a latency: the title says so, since those
    // still queued when it closed (most of an overloaded row's) would read far slower.
    spec('latency', 'Latency of the requests that ended, p50 and p99', 'Time to a reply (ms)', 'ms', x, [...modelSeries(rows, x, (r) => r.latencyMs.p50, ' p50'), ...modelSeries(rows, x, (r) => r.latencyMs.p99, ' p99', DASHED)]),
    spec('store', 'Store load', 'Store operations (ops/s)', 'ops/s', x, [...modelSeries(rows, x, (r) => r.storeOpsPerSec), capacity]),
    spec('checks', 'Signature checks', 'Checks (per s)', 'checks/s', x, modelSeries(rows, x, (r) => r.signatureVerificationsPerSec)),
    spec('cpu', 'CPU spent checking signatures', 'Server CPU (ms/s)', 'CPU ms/s', x, modelSeries(rows, x, (r) => r.verifyCpuMsPerSec)),
    errors.length ? errorChart : { ...errorChart, summary: 'No request failed in any row.', empty: 'No request failed in any row: each was answered 200, or still waiting when its window closed.' },
    spec('bytes', 'Request bytes on the wire', 'Request bytes (kB/s)', 'kB/s', x, modelSeries(rows, x, (r) => r.wireBytesPerSec / 1000)),
  ];
}
