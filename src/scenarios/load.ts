import { check, type Scenario, type TimelineStep } from './scenario';
import { firstCaption, LOAD_STORE_OPS_PER_SEC, meta } from './catalog';
import { clock, duration, perWorld, plural } from './outcomes';
import type { WorldView } from './scenario';
import type { ModeRun } from '../sim/report';
import { latencyBetween, latestLatencyMs } from '../sim/recentLatency';

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
/** The lookups all the users ask of the store once both waves are in: one per request. */
const LOOKUPS_PER_SEC = (CLIENTS * 1000) / EVERY_MS;
/** Whether requests queued at the store: its slowest took over three queue-free round trips. */
const queued = (r: ModeRun): boolean => r.latencyMs.p99 > 3 * ROUND_TRIP_MS;

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
  showsLatency: true,
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
        // "now gets more… and requests queue there" came as they logged in, the store's queue as it was before (learner review).
        caption: mode === 'session' ? 'Twenty more users arrive: soon the store gets more lookups a second than it can serve, and its queue grows.' : 'Twenty more users arrive: each server just checks more signatures.',
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
        // Typical now: the latest requests, the stage's figure; before: those of the wave's last seconds
        // (the run's median so far held the slow ones after it, and read 117 ms for ~100: learner review).
        const now = (w: WorldView) => latestLatencyMs(w.served) ?? 0;
        const before = (w: WorldView) => latencyBetween(w.served, SECOND_WAVE_AT_MS - SETTLE_MS, SECOND_WAVE_AT_MS) ?? w.report.latencyMs.p50;
        const slower = (w: WorldView) => now(w) > 1.5 * before(w);
        const choiceId = failing ? 'failing' : slower(session) && slower(jwt) ? 'both-slower' : slower(session) ? 'session-slower' : slower(jwt) ? 'both-slower' : 'same';
        // Why, from the run: the store's capacity against the lookups forty users ask of it, which no server added changes.
        // Said only where the run bears it out (an intervention may log users out, or slow the store).
        const capacity = session.options.storeCapacityOpsPerSec;
        const overloaded = capacity < LOOKUPS_PER_SEC;
        const store =
          failing || slower(session) !== overloaded
            ? ''
            : overloaded
              ? ` ${CLIENTS} users now ask the one store for ${LOOKUPS_PER_SEC} lookups a second and it serves ${capacity}: they queue there, whichever server asks.`
              : ` The store serves ${capacity} lookups a second, more than the ${LOOKUPS_PER_SEC} its ${CLIENTS} users ask: they need not queue.`;
        const servers = slower(jwt) ? '' : ' Each JWT server checks its signatures itself, with nothing shared to wait on.';
        const figures = `Before the second wave, requests took a median of ${duration(before(session))} with sessions and ${duration(before(jwt))} with JWTs; at ${clock(session.timeMs)} the latest took ${duration(now(session))} and ${duration(now(jwt))}.`;
        return { choiceId, why: `${figures}${store}${servers}${failing ? ' Some were refused.' : ''}` };
      },
    },
  ],
  // What each world's requests waited on, then how long they took: "1392 requests waited on one store"
  // with a median matching no stretch of the run left the point unsaid (learner review).
  takeaway: (reports) =>
    perWorld(reports, {
      session: (r) =>
        `with sessions, ${plural(r.apiRequests, 'request')} asked one store (${plural(r.storeLookups, 'lookup')}), scaled down to ${STORE_OPS_PER_SEC} operations a second so forty users fill it, where a real one serves tens of thousands; ${queued(r) ? `against forty users\u2019 ${LOOKUPS_PER_SEC} a second lookups queued there, and the servers added did not help` : 'it kept up'}: a median of ${duration(r.latencyMs.p50)}, p99 ${duration(r.latencyMs.p99)}, logins included`,
      jwt: (r) => `with JWTs, ${plural(r.apiRequests, 'request')} were checked by whichever server took them, with nothing shared to wait on: a median of ${duration(r.latencyMs.p50)}, p99 ${duration(r.latencyMs.p99)}, logins included`,
    }),
  expect: (run) => {
    const f: string[] = [];
    check(f, run.apiRequests > 1_000, `the run should carry a real load, got ${run.apiRequests} API requests`);
    check(f, run.requests.rejected === 0 && run.requests.timedOut === 0, `nothing should fail, only slow down, got ${run.requests.rejected} refused, ${run.requests.timedOut} timed out`);
    if (run.mode === 'session') {
      check(f, run.storeLookups === run.apiRequests, 'every session request should cost one store lookup');
      check(f, queued(run), `queueing at the store should show in the tail: p99 ${run.latencyMs.p99} ms, over three round trips (${3 * ROUND_TRIP_MS} ms)`);
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
