// The sweep's reading in words, derived from its rows only. A model's throughput is read as it
// goes, server count by server count: where it grows, where it stays level, where it falls (a dip
// is named with the failures that grow there). What holds the last stretch back (the offered load,
// the store, the servers' CPU) is named only when every row of that stretch shows it, so no
// sentence speaks for a row that says otherwise.
import { formatNumber, plural } from '../format';
import { duration } from '../formatSpans';
import { describeReason, type ReasonCode } from '../reasons';
import { SCHEME_WORDS } from '../sim/schemes/names';
import { DEFAULT_OPTIONS } from '../sim/options';
import type { Mode } from '../sim/types';
import type { SweepReport, SweepRow } from './sweep';

/** At or above this share of a limit, the limit is what holds throughput back. */
const SATURATED = 0.95;
/** Two rows' throughputs closer than this share of the larger (or one request in the window) are level. */
const LEVEL = 0.02;

/**
 * A rate as the table shows it: whole from 10 a second, one decimal under ("0 req/s, which is all the
 * 0 req/s offered" stood beside a table's 0.1 and 0.1), and never "~1800.1/s" where whole reads well.
 */
const rate = (n: number): string => formatNumber(n, Math.abs(n) < 10 ? 1 : 0);
const rps = (n: number): string => `${rate(n)} req/s`;
const ops = (n: number): string => `${rate(n)} ops/s`;
/** CPU ms, to two significant figures (whole past 10): "~1925.5" beside a table's 1926, "~0.2" beside its 0.15. */
const cpuMs = (n: number): string => formatNumber(n, n > 0 ? Math.max(0, 1 - Math.floor(Math.log10(n))) : 0);

/** "~300" when the values agree within 2%, else "280 to 300": one figure for several rows. */
function about(values: number[], text: (n: number) => string): string {
  const min = Math.min(...values);
  const max = Math.max(...values);
  // Within 2%, or the same once written ("22% to 22%"): one figure.
  if (max - min <= 0.02 * Math.abs(max) || text(min) === text(max)) return `~${text(values.reduce((a, b) => a + b, 0) / values.length)}`;
  return `${text(min)} to ${text(max)}`;
}

type Trend = 'up' | 'level' | 'down';

/** How throughput moves from one row to the next, within the noise of one request in the window. */
function trend(a: SweepRow, b: SweepRow): Trend {
  const noise = Math.max(LEVEL * Math.max(a.throughputRps, b.throughputRps), 1000 / Math.min(a.windowMs, b.windowMs));
  if (b.throughputRps - a.throughputRps > noise) return 'up';
  if (a.throughputRps - b.throughputRps > noise) return 'down';
  return 'level';
}

/** A stretch of rows (sharing its first row with the stretch before) where throughput moves one way. */
interface Stretch {
  trend: Trend;
  rows: SweepRow[];
}

function stretches(rows: SweepRow[]): Stretch[] {
  const out: Stretch[] = [];
  for (let i = 1; i < rows.length; i++) {
    const t = trend(rows[i - 1]!, rows[i]!);
    const last = out[out.length - 1];
    if (last && last.trend === t) last.rows.push(rows[i]!);
    else out.push({ trend: t, rows: [rows[i - 1]!, rows[i]!] });
  }
  return out;
}

const perSecond = (row: SweepRow, n: number): number => n / (row.windowMs / 1000);
const failureReasons = (row: SweepRow): ReasonCode[] => (Object.keys(row.byReason) as ReasonCode[]).filter((r) => r !== 'ok' && (row.byReason[r] ?? 0) > 0);

/** Why a stretch falls: the failures that grow from its first row to its last ("" when none do). */
function whyItFalls(s: Stretch): string {
  const first = s.rows[0]!;
  const last = s.rows[s.rows.length - 1]!;
  const grown = failureReasons(last).filter((r) => perSecond(last, last.byReason[r]!) > perSecond(first, first.byReason[r] ?? 0));
  if (grown.length === 0) return '';
  return ` as requests fail: ${grown.map((r) => `${r} ${rate(perSecond(last, last.byReason[r]!))}/s (${describeReason(r)})`).join(', ')}`;
}

/** The level a flat stretch holds: null when every row reads as its first ("stays there"), else its range. */
function range(s: Stretch): string | null {
  const values = s.rows.map((r) => r.throughputRps);
  const [min, max] = [Math.min(...values), Math.max(...values)];
  return max - min > 0.01 * max && rps(min) !== rps(max) ? `between ${rps(min)} and ${rps(max)}` : null;
}

/** One stretch in words, told after the ones before it (`before`: every row up to its first). */
function tell(s: Stretch, first: boolean, before: SweepRow[]): string {
  const a = s.rows[0]!;
  const b = s.rows[s.rows.length - 1]!;
  const from = `from ${rps(a.throughputRps)} with ${plural(a.servers, 'server')}`;
  switch (s.trend) {
    case 'up': {
      // Growing back after a dip, yet still short of an earlier row: say so.
      const peak = before.reduce<SweepRow | null>((p, r) => (r.throughputRps > (p?.throughputRps ?? -Infinity) ? r : p), null);
      const below = peak && trend(b, peak) === 'up' ? `, still below the ${rps(peak.throughputRps)} with ${plural(peak.servers, 'server')}` : '';
      return `${first ? `grows ${from} to` : ', then grows to'} ${rps(b.throughputRps)} with ${b.servers}${below}`;
    }
    case 'down':
      return `${first ? `falls ${from} to` : ', then falls to'} ${rps(b.throughputRps)} with ${b.servers}${whyItFalls(s)}`;
    case 'level': {
      const between = range(s);
      if (!first) return ` and stays ${between ?? 'there'} up to ${b.servers}`;
      return between ? `stays ${between} from ${plural(a.servers, 'server')} to ${b.servers}` : `is ${rps(a.throughputRps)} from ${plural(a.servers, 'server')} on and stays there up to ${b.servers}`;
    }
  }
}

/** The limits every one of these rows is held at, in words: the store, the servers' CPU. */
function saturated(rows: SweepRow[], report: SweepReport): string[] {
  const clauses: string[] = [];
  const store = rows.every((r) => r.storeUtilisation >= SATURATED);
  const cpu = rows.every((r) => r.serverCpuUtilisation >= SATURATED);
  if (store) clauses.push(`the store serves ${about(rows.map((r) => r.storeOpsPerSec), ops)} (its capacity is ${ops(report.sweep.storeCapacityOpsPerSec)})${cpu ? '' : ', and every request waits on it'}`);
  if (cpu) clauses.push(`every server's CPU is busy all the time`);
  return clauses;
}

/**
 * What holds these rows back, as a clause ("" when they do not agree): the offered load (all of it
 * served), the store or the servers' CPU saturated, failures by reason. A growing or falling stretch
 * is judged on its last row for the offered load (where it arrives), on every row for the rest; where
 * its rows disagree, what holds its last row back is said of that row alone (a denylist's sweep of 1 to
 * 3 servers grew from CPU-bound to store-bound, and its reading named neither: "short of the offered").
 */
function because(rows: SweepRow[], arrivesAt: SweepRow | null, report: SweepReport): string {
  const offered = rows[0]!.offeredRps;
  const carried = (r: SweepRow) => r.throughputRps >= r.offeredRps * SATURATED;
  if (arrivesAt ? carried(arrivesAt) : rows.every(carried)) return `, which is all the ${rps(offered)} offered`;
  const clauses = saturated(rows, report);
  const failing = (Object.keys(rows[0]!.byReason) as ReasonCode[]).filter((r) => r !== 'ok' && rows.every((row) => (row.byReason[r] ?? 0) > 0));
  const failures = failing.length ? `; ${rows.length > 1 ? `with ${rows[0]!.servers} to ${plural(rows[rows.length - 1]!.servers, 'server')}, ` : ''}requests fail: ${failing.map((r) => `${r} ${about(rows.map((row) => perSecond(row, row.byReason[r]!)), (n) => `${rate(n)}/s`)}`).join(', ')}` : '';
  if (clauses.length) return `: ${clauses.join(' and ')}${failures}`;
  const atEnd = arrivesAt ? saturated([arrivesAt], report) : [];
  const lastRow = atEnd.length ? `; with ${plural(arrivesAt!.servers, 'server')} ${atEnd.join(' and ')}` : '';
  return `${rows.every((r) => !carried(r)) ? `, short of the ${rps(offered)} offered` : ''}${lastRow}${failures}`;
}

/** What checking signatures costs the cluster over these rows (they speak for the rows the sentence ends on). */
function checkCost(rows: SweepRow[], level: boolean): string {
  const last = rows[rows.length - 1]!;
  if (level) {
    const costs = rows.map((r) => r.verifyCpuMsPerSec);
    return costs.every((c) => c > 0) ? ` Checking signatures costs the cluster ${about(costs, cpuMs)} CPU ms a second there.` : '';
  }
  return last.verifyCpuMsPerSec > 0 ? ` Checking signatures costs the cluster ${cpuMs(last.verifyCpuMsPerSec)} CPU ms a second with ${plural(last.servers, 'server')}.` : '';
}

/** Requests that ended in a row's window: answered, refused or timed out. */
const ended = (r: SweepRow): number => Object.values(r.byReason).reduce((a, b) => a + (b ?? 0), 0);
/** Of each 100 requests sent in a row's window, how many ended in it. */
const endedPer100 = (r: SweepRow): number => (r.requests ? (100 * ended(r)) / r.requests : 100);
/** Under this many of each 100 sent ending in the window, its queue grew: requests came faster than they ended. */
const QUEUE_GREW = 90;
const whole = (n: number): string => formatNumber(Math.round(n));
const capital = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

/** "with 1 server", "with 1 and 2 servers", "with 1 to 3 servers" (consecutive), "with 1, 3 and 5 servers". */
function withServers(rows: SweepRow[]): string {
  const n = rows.map((r) => r.servers);
  const last = n[n.length - 1]!;
  if (n.length === 1) return `with ${plural(last, 'server')}`;
  if (n.length > 2 && n.every((x, i) => i === 0 || x === n[i - 1]! + 1)) return `with ${n[0]} to ${last} servers`;
  return `with ${n.slice(0, -1).join(', ')} and ${last} servers`;
}

/**
 * The rows whose queue grew over their window, and where the store's ops or the checks then outnumber
 * the requests that ended: a server does both as a request comes in (a session is looked up, a
 * token checked, then the denylist asked) and queues the request's own work only after them.
 */
function backlog(rows: SweepRow[]): string {
  const grew = rows.filter((r) => endedPer100(r) < QUEUE_GREW);
  if (grew.length === 0) return '';
  const ahead = (value: (r: SweepRow) => number) => grew.filter((r) => value(r) > perSecond(r, ended(r)) * (1 + 2 * LEVEL));
  const store = ahead((r) => r.storeOpsPerSec);
  const checks = ahead((r) => r.signatureVerificationsPerSec);
  const same = store.length > 0 && withServers(store) === withServers(checks);
  // Plain words (learner review): "the store's ops/s outnumber the requests that ended … behind everything booked since" read as jargon.
  const what = same
    ? [`${withServers(store)} the store was asked, and signatures checked, more often than requests ended`]
    : [store.length ? `${withServers(store)} the store was asked more often than requests ended` : '', checks.length ? `${withServers(checks)} signatures were checked more often than requests ended` : ''].filter(Boolean);
  const does = [checks.length ? 'checks the token' : '', store.length ? 'asks the store' : ''].filter(Boolean).join(' and ');
  const why = what.length ? ` ${capital(what.join(', and '))}: a server ${does} as soon as a request arrives, but the request's own work then waits in line behind all the work that came before it.` : '';
  // A growing queue has no latency to settle at (learner review: 1,000, 6,000 and 20,000 requests a row read p50 962, 1898 and 2886 ms);
  // a timed-out request counts no latency, so the figures stop at the timeout and failures take over.
  const waits = ` So their latency depends on how long a row runs: a row of more requests shows a higher p50 and p99, up to the ${duration(DEFAULT_OPTIONS.requestTimeoutMs)} request timeout, past which requests fail instead.`;
  return ` ${capital(withServers(grew))} requests came faster than they ended: of each 100 sent in the window, ${about(grew.map(endedPer100), whole)} ended in it (answered or failed), the rest still queued.${waits}${why}`;
}

/** Rows whose users were signed out (a refused refresh) and stopped sending: fewer requests, and no failure to say why. */
function signedOut(rows: SweepRow[]): string {
  const skipping = rows.filter((r) => r.signedOutSkipsPerSec > 0);
  if (skipping.length === 0) return '';
  return ` ${capital(withServers(skipping))} ${about(skipping.map((r) => r.signedOutSkipsPerSec), rate)} requests a second were never sent: those users' refresh tokens were refused, and a signed-out app sends nothing until its user logs in again, which the lab's users do not.`;
}

function readModel(mode: Mode, rows: SweepRow[], report: SweepReport): string {
  const name = SCHEME_WORDS[mode].name;
  const first = rows[0]!;
  if (rows.length === 1) return `${name}: ${rps(first.throughputRps)} with ${plural(first.servers, 'server')}${because(rows, null, report)}.${checkCost(rows, true)}${backlog(rows)}${signedOut(rows)}`;
  const parts = stretches(rows);
  const told = parts.map((s, i) => tell(s, i === 0, rows.slice(0, rows.indexOf(s.rows[0]!) + 1))).join('');
  const end = parts[parts.length - 1]!;
  const level = end.trend === 'level';
  return `${name}: throughput ${told}${because(end.rows, level ? null : end.rows[end.rows.length - 1]!, report)}.${checkCost(end.rows, level)}${backlog(rows)}${signedOut(rows)}`;
}

/** One paragraph per model in the sweep, in the order the models ran. */
export function readSweep(report: SweepReport): string[] {
  const modes = [...new Set(report.rows.map((r) => r.mode))];
  return modes.map((mode) => readModel(mode, report.rows.filter((r) => r.mode === mode), report));
}
