// The load lab's sweep: one run of the real engine per model per server count, measured over a
// steady window after every user has logged in. The same code runs in the lab's Web Worker and in
// `npm run sim -- --sweep`, so for the same settings both print the same rows. Signature checks are
// modelled (driver.ts `Verification`): same outcomes, each check's CPU cost charged in virtual time.
import type { ReasonCode } from '../reasons';
import { SimDriver } from '../sim/driver';
import { REAL_SAMPLE_EVERY } from '../auth/verifyMemo';
import { emptyLatencies, latencyPercentiles } from '../sim/latency';
import { DEFAULT_OPTIONS, LIMITS, withOptions } from '../sim/options';
import { scheduleAction } from '../sim/step';
import { violatedInvariants } from '../sim/invariants';
import { round } from '../sim/report';
import { InvariantViolation } from '../scenarios/run';
import type { Mode, SimOptions, SimState } from '../sim/types';
import { loginsPerSec, sweepPlan, sweepWindow, type SweepSettings } from './settings';

export interface SweepRow {
  mode: Mode;
  servers: number;
  /** API requests sent in the measured window. */
  requests: number;
  /** Users x their rate: the load the settings offer. */
  offeredRps: number;
  /** API requests answered 200 per second of the window (logins and refreshes not counted). */
  throughputRps: number;
  latencyMs: { p50: number; p99: number };
  storeOpsPerSec: number;
  /** Store ops per second over its capacity: 1 means saturated. */
  storeUtilisation: number;
  signatureVerificationsPerSec: number;
  /** CPU ms per second the servers spent checking signatures, and their CPU busy share overall. */
  verifyCpuMsPerSec: number;
  serverCpuUtilisation: number;
  byReason: Partial<Record<ReasonCode, number>>;
  /** Requests a second not sent: their users' refresh tokens were refused, and a signed-out app waits for a login the lab never makes. */
  signedOutSkipsPerSec: number;
  /** Mean bytes of one API request (real HTTP text), and request bytes on the wire per second. */
  requestBytesMean: number;
  wireBytesPerSec: number;
  /** Signature checks run through jose, judged by the model, and sampled checks where they disagreed. */
  verifications: { real: number; modelled: number; mismatches: number };
  windowMs: number;
}

export interface SweepReport {
  sweep: SweepSettings;
  rows: SweepRow[];
}

export interface SweepHooks {
  /** A row is done (index from 0). */
  onRow?: (row: SweepRow, index: number, total: number) => void;
  /** Share of the current row done, 0..1. */
  onProgress?: (rowIndex: number, total: number, rowShare: number) => void;
  /** Checked between slices: true stops the sweep (it resolves with the rows done so far). */
  stopped?: () => boolean;
}

/** Slices per phase (logins and warm-up, then the window): how often progress is told and a stop is noticed. */
const SLICES = 20;
/**
 * Users log in by groups at one instant, at the same pace: a group's signatures run concurrently,
 * where one by one each login waited for its own WebCrypto round trip (1,000 logins were ~200 ms of a
 * 1 s row). At most 16 a group, and a group of more than one takes the store at most 20 ms.
 */
export const loginGroup = (s: SweepSettings): number => Math.max(1, Math.min(16, Math.floor(loginsPerSec(s) / 25)));

/** A token lifetime covering the whole row (logins, warm-up, window, drain), in whole seconds, at most a day. */
function rowLifetimeMs(s: SweepSettings): number {
  const { startMs, windowMs } = sweepWindow(s);
  return Math.min(LIMITS.tokenTtlMs.max, Math.ceil((startMs + windowMs + DEFAULT_OPTIONS.requestTimeoutMs + 60_000) / 1000) * 1000);
}

export function rowOptions(s: SweepSettings, mode: Mode, servers: number): SimOptions {
  return withOptions({
    mode,
    seed: s.seed,
    servers,
    clients: Array.from({ length: s.users }, (_, i) => ({ id: `user-${i + 1}`, userId: `user-${i + 1}`, kind: 'browser' as const })),
    storeCapacityOpsPerSec: s.storeCapacityOpsPerSec,
    // The capacity the learner chose is the store's: an operation's service time is no longer than
    // it allows (the lessons' 0.2 ms held every store to 5,000 ops/s, and at 100,000 the table read
    // "5000 ops/s, store busy 5 %" with nothing to say why).
    storeServiceMs: Math.min(DEFAULT_OPTIONS.storeServiceMs, 1000 / s.storeCapacityOpsPerSec),
    // What the store serves within a request's timeout (as in the load lesson): a deeper queue only holds work nobody waits for.
    storeQueueMax: Math.max(1, Math.round((s.storeCapacityOpsPerSec * DEFAULT_OPTIONS.requestTimeoutMs) / 1000)),
    alg: s.alg,
    denylist: s.denylist,
    refreshTokens: s.refreshTokens,
    cryptoVerifyMs: { ...DEFAULT_OPTIONS.cryptoVerifyMs, [s.alg]: s.verifyCostMs },
    // Without refresh tokens, access tokens outlive the row (an expiry mid-window is not what is
    // measured); with them, they live the lessons' minute and are refreshed through the store.
    tokenTtlMs: s.refreshTokens ? DEFAULT_OPTIONS.tokenTtlMs : rowLifetimeMs(s),
    // Nobody reads a lab run's log or recent requests: keep them small.
    logCapacity: 50,
    recentRequestsCapacity: 10,
  });
}

/** The counters a row differences across its window. */
function counters(st: SimState, d: SimDriver) {
  const m = st.metrics;
  return {
    accepted: m.apiAccepted,
    byReason: { ...m.apiByReason },
    apiRequests: m.apiRequests,
    signedOutSkips: m.signedOutSkips,
    apiRequestBytes: m.apiRequestBytes,
    verifications: m.signatureVerifications,
    storeOps: st.store.ops,
    serverCpuMs: m.serverCpuMs,
    verifyCpuMs: m.verifyCpuMs,
    memo: { ...(d.verifyMemo?.counts ?? { real: 0, modelled: 0, mismatches: 0 }) },
  };
}

export async function runRow(s: SweepSettings, mode: Mode, servers: number, onShare?: (share: number) => void, stopped?: () => boolean): Promise<SweepRow | null> {
  const driver = await SimDriver.create(rowOptions(s, mode, servers), new Map(), { kind: 'modelled', sampleEvery: REAL_SAMPLE_EVERY });
  const { trafficMs, startMs, windowMs } = sweepWindow(s);
  const everyMs = 1000 / s.ratePerUser;
  const loginGapMs = 1000 / loginsPerSec(s);
  const group = loginGroup(s);
  for (let i = 0; i < s.users; i++) {
    const clientId = `user-${i + 1}`;
    // A group logs in at its first member's time (never later than one by one, so no user's traffic starts before its login).
    scheduleAction(driver.state, { type: 'login', clientId }, (i - (i % group)) * loginGapMs);
    // Users' first requests spread evenly over one period, so the offered load is smooth.
    const phaseMs = (i / s.users) * everyMs;
    const count = Math.ceil((startMs + windowMs - trafficMs - phaseMs) / everyMs);
    if (count > 0) scheduleAction(driver.state, { type: 'traffic', clientId, everyMs, count }, trafficMs + phaseMs);
  }
  // Progress is the share of the row's virtual time run: logins and warm-up first (long with many users), then the window.
  const rowMs = startMs + windowMs;
  // Sampled real checks are settled only at a phase's last slice, where the counters are read.
  for (let slice = 1; slice <= SLICES; slice++) {
    if (stopped?.()) return null;
    while (!(await driver.runUntil((startMs * slice) / SLICES, undefined, undefined, slice === SLICES)));
    onShare?.((startMs * slice) / SLICES / rowMs);
  }
  const before = counters(driver.state, driver);
  driver.state.metrics.latencies = emptyLatencies();
  for (let slice = 1; slice <= SLICES; slice++) {
    if (stopped?.()) return null;
    while (!(await driver.runUntil(startMs + (windowMs * slice) / SLICES, undefined, undefined, slice === SLICES)));
    onShare?.((startMs + (windowMs * slice) / SLICES) / rowMs);
  }
  const after = counters(driver.state, driver);
  const latencies = driver.state.metrics.latencies;
  const [p50, p99] = latencyPercentiles(latencies, [50, 99]);
  const latencyMs = { p50: round(p50!), p99: round(p99!) };
  // Let what is in flight finish (or time out), then hold the run to the model's promises, as every headless run is.
  while (!(await driver.runUntil(startMs + windowMs + driver.state.options.requestTimeoutMs + 1)));
  const violated = violatedInvariants(driver.state)[0];
  if (violated) throw new InvariantViolation(violated.name, `sweep row ${mode}, ${servers} servers: ${violated.problems.slice(0, 3).join('; ')}`);
  const seconds = windowMs / 1000;
  const requests = after.apiRequests - before.apiRequests;
  const byReason: Partial<Record<ReasonCode, number>> = {};
  for (const [reason, n] of Object.entries(after.byReason) as [ReasonCode, number][]) {
    const delta = n - (before.byReason[reason] ?? 0);
    if (delta > 0) byReason[reason] = delta;
  }
  const storeOpsPerSec = (after.storeOps - before.storeOps) / seconds;
  return {
    mode,
    servers,
    requests,
    // What the settings offer (users x rate); `requests` is what was sent in the window.
    offeredRps: round(s.users * s.ratePerUser),
    throughputRps: round((after.accepted - before.accepted) / seconds),
    latencyMs,
    storeOpsPerSec: round(storeOpsPerSec),
    storeUtilisation: round(storeOpsPerSec / s.storeCapacityOpsPerSec, 3),
    signatureVerificationsPerSec: round((after.verifications - before.verifications) / seconds),
    verifyCpuMsPerSec: round((after.verifyCpuMs - before.verifyCpuMs) / seconds, 2),
    // CPU is booked when work is queued, so an overloaded window books more than it has: busy all the time is 1.
    serverCpuUtilisation: round(Math.min(1, (after.serverCpuMs - before.serverCpuMs) / (servers * windowMs)), 3),
    byReason,
    signedOutSkipsPerSec: round((after.signedOutSkips - before.signedOutSkips) / seconds),
    requestBytesMean: requests ? round((after.apiRequestBytes - before.apiRequestBytes) / requests) : 0,
    wireBytesPerSec: Math.round((after.apiRequestBytes - before.apiRequestBytes) / seconds),
    verifications: {
      real: after.memo.real - before.memo.real,
      modelled: after.memo.modelled - before.memo.modelled,
      mismatches: after.memo.mismatches - before.memo.mismatches,
    },
    windowMs,
  };
}

/** Every row of the sweep, models in order, servers ascending; stops early (with the rows done) when asked. */
export async function runSweep(s: SweepSettings, hooks: SweepHooks = {}): Promise<SweepReport> {
  const rows: SweepRow[] = [];
  const plan = sweepPlan(s);
  for (const [index, { mode, servers }] of plan.entries()) {
    hooks.onProgress?.(index, plan.length, 0);
    const row = await runRow(s, mode, servers, (share) => hooks.onProgress?.(index, plan.length, share), hooks.stopped);
    if (!row) break;
    rows.push(row);
    hooks.onRow?.(row, index, plan.length);
  }
  return { sweep: s, rows };
}
