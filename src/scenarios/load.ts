import { check, type Scenario, type TimelineStep } from './scenario';
import { firstCaption, LOAD_STORE_OPS_PER_SEC, meta } from './catalog';
import { clock, duration, perWorld, plural } from './outcomes';
import type { WorldView } from './scenario';

const CLIENTS = 40;
const EVERY_MS = 500;
/** Scaled down so the queue shows with 40 users: 20 users (40 req/s) fit easily, 40 users (80 req/s) do not. */
const STORE_OPS_PER_SEC = LOAD_STORE_OPS_PER_SEC;
/** One round trip without queueing is about 100 ms (client 40 ms each way, plus the hops). */
const ROUND_TRIP_MS = 100;
const ids = Array.from({ length: CLIENTS }, (_, i) => `user-${String(i + 1).padStart(2, '0')}`);
/** The second half of the users arrives later, doubling the load. */
const SECOND_WAVE_AT_MS = 10_000;
const END_TRAFFIC_MS = 24_000;
/** How long after the second wave the load question looks at the latest latencies. */
const SETTLE_MS = 4_000;

function median(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((x, y) => x - y);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function userSteps(id: string, i: number): TimelineStep[] {
  const wave = i < CLIENTS / 2 ? 0 : SECOND_WAVE_AT_MS;
  const loginAt = wave + (i % (CLIENTS / 2)) * 60 + 7 * (i % 3);
  const from = loginAt + 800;
  return [
    { atMs: loginAt, action: { type: 'login', clientId: id } },
    { atMs: from, action: { type: 'traffic', clientId: id, everyMs: EVERY_MS, count: Math.floor((END_TRAFFIC_MS - from) / EVERY_MS) } },
  ];
}

export const load: Scenario = {
  ...meta('load'),
  summary: 'Forty users, two a second each, and servers added as load grows: the shared session store becomes the bottleneck; signature checks grow with the servers.',
  seed: 43,
  speed: 16,
  options: () => ({
    servers: 2,
    storeCapacityOpsPerSec: STORE_OPS_PER_SEC,
    // Scaled like the store: it holds what it can serve within a request's 5 s timeout (a deeper
    // queue only keeps work nobody still waits for). The lesson's queue stays far below it.
    storeQueueMax: STORE_OPS_PER_SEC * 5,
    tokenTtlMs: 5 * 60_000,
    logCapacity: 500,
    recentRequestsCapacity: 100,
    clients: ids.map((id) => ({ id, userId: id, kind: 'browser' as const })),
  }),
  timeline: (mode) => {
    const steps: TimelineStep[] = ids.flatMap(userSteps);
    steps.push(
      { atMs: 0, action: { type: 'note', text: 'Twenty users log in and browse.' }, caption: firstCaption('load', mode) },
      { atMs: 6_000, action: { type: 'addServer' }, caption: 'A third app server joins.' },
      {
        atMs: SECOND_WAVE_AT_MS,
        // The log's line says what the caption's first words do not: "Both worlds: Twenty more users arrive." only repeated them (learner review).
        action: { type: 'note', text: `The traffic doubles: ${CLIENTS} users in all, each sending ${1000 / EVERY_MS} requests a second.` },
        caption: mode === 'session' ? 'Twenty more users arrive: the store now gets more lookups a second than it can serve, and requests queue there.' : 'Twenty more users arrive: each server just checks more signatures.',
      },
      { atMs: 14_000, action: { type: 'addServer' }, caption: mode === 'session' ? 'A fourth app server joins: it does not help, they all wait on the same store.' : 'A fourth app server joins: the signature checks spread over one more server.' },
    );
    return steps.sort((a, b) => a.atMs - b.atMs);
  },
  durationMs: END_TRAFFIC_MS + 1_000,
  questions: [
    {
      id: 'load-second-wave',
      atMs: SECOND_WAVE_AT_MS - 100,
      modes: ['session', 'jwt'],
      prompt: 'Twenty more users are about to arrive, doubling the traffic. A few seconds later, a typical request takes\u2026',
      choices: [
        { id: 'same', text: 'about as long as before in both worlds: there are servers enough' },
        { id: 'session-slower', text: 'much longer with sessions (they queue at the store), about as long with JWTs' },
        { id: 'both-slower', text: 'much longer in both worlds: twice the users, twice the wait' },
        { id: 'failing', text: 'forever: requests start failing' },
      ],
      outcome: (worlds) => {
        const { session, jwt } = worlds;
        if (!session || !jwt || Math.min(session.timeMs, jwt.timeMs) < SECOND_WAVE_AT_MS + SETTLE_MS) return null;
        const failing = [session, jwt].some((w) => w.requests.some((r) => r.finishedAtMs !== null && r.reason !== 'ok'));
        // Typical now: the median of the most recent finished requests; before: the run's median so far.
        const now = (w: WorldView) => median(w.requests.filter((r) => r.kind === 'api' && r.finishedAtMs !== null).map((r) => r.finishedAtMs! - r.sentAtMs));
        const slower = (w: WorldView) => now(w) > 1.5 * w.report.latencyMs.p50;
        const choiceId = failing ? 'failing' : slower(session) && slower(jwt) ? 'both-slower' : slower(session) ? 'session-slower' : slower(jwt) ? 'both-slower' : 'same';
        const say = (w: WorldView, name: string) => `${duration(now(w))} ${name} (the run\u2019s median so far, logins included: ${duration(w.report.latencyMs.p50)})`;
        return { choiceId, why: `At ${clock(session.timeMs)}, the latest requests took a median of ${say(session, 'with sessions')} and ${say(jwt, 'with JWTs')}.` };
      },
    },
  ],
  takeaway: (reports) =>
    perWorld(reports, {
      session: (r) => `with sessions, ${plural(r.apiRequests, 'request')} waited on one store (${plural(r.storeLookups, 'lookup')}; scaled down to ${STORE_OPS_PER_SEC} operations a second so forty users fill it, where a real one serves tens of thousands), and every request, logins included, took a median of ${duration(r.latencyMs.p50)} (p99 ${duration(r.latencyMs.p99)})`,
      jwt: (r) => `with JWTs, ${plural(r.apiRequests, 'request')} were checked by whichever server took them, and every request, logins included, took a median of ${duration(r.latencyMs.p50)} (p99 ${duration(r.latencyMs.p99)})`,
    }),
  expect: (run) => {
    const f: string[] = [];
    check(f, run.apiRequests > 1_000, `the run should carry a real load, got ${run.apiRequests} API requests`);
    check(f, run.requests.rejected === 0 && run.requests.timedOut === 0, `nothing should fail, only slow down, got ${run.requests.rejected} refused, ${run.requests.timedOut} timed out`);
    if (run.mode === 'session') {
      check(f, run.storeLookups === run.apiRequests, 'every session request should cost one store lookup');
      check(f, run.latencyMs.p99 > 3 * ROUND_TRIP_MS, `queueing at the store should show in the tail: p99 ${run.latencyMs.p99} ms, over three round trips (${3 * ROUND_TRIP_MS} ms)`);
      check(f, run.latencyMs.p99 > 2 * run.latencyMs.p50, `the tail should be far behind the median: p99 ${run.latencyMs.p99} ms vs p50 ${run.latencyMs.p50} ms`);
    } else {
      check(f, run.storeLookups === 0, `JWT requests should not touch the store, got ${run.storeLookups}`);
      check(f, run.signatureVerifications === run.apiRequests, 'every JWT request should be verified by the server that took it');
      check(f, run.latencyMs.p99 < 1.3 * ROUND_TRIP_MS, `with no shared bottleneck even the tail should stay near one round trip: p99 ${run.latencyMs.p99} ms`);
    }
    return f;
  },
};

export default load;
