import { apiCount, check, count, countFor, type Scenario, type TimelineStep } from './scenario';
import { firstCaption, meta } from './catalog';
import { accepted, byWorlds, clock, describe, firstFinishedInBoth, firstNFinishedAfter, list, perWorld, plural, where } from './outcomes';

// Three users on four servers, so round-robin does not pin anyone by accident (3 and 4 share no factor).
const USERS = ['alice', 'bob', 'carol'] as const;
const EVERY_MS = 1_000;

// Four phases, each a stretch of traffic from every user (one request a second each).
const ONE_SERVER = { loginAtMs: 0, fromMs: 500, count: 5 }; // 0.5 s .. 4.5 s on the single server
const ROUND_ROBIN = { fromMs: 7_500, count: 10 }; // 7.5 s .. 16.5 s on four servers, no stickiness
const STICKY = { policyAtMs: 18_000, loginAtMs: 18_500, fromMs: 19_500, count: 14, killAtMs: 26_000 }; // 19.5 s .. 32.5 s
const SHARED = { switchAtMs: 34_000, loginAtMs: 34_500, fromMs: 35_500, count: 10 }; // 35.5 s .. 44.5 s
/** The server Alice is pinned to in this seeded run (her sticky login lands there). */
const KILLED = 'server-3';
/** One user's requests in the sticky phase after the crash: 26.5 s .. 32.5 s. */
const AFTER_KILL = 7;

const stagger = (i: number): number => i * 150;

function phaseTraffic(fromMs: number, n: number): TimelineStep[] {
  return USERS.map((id, i) => ({ atMs: fromMs + stagger(i), action: { type: 'traffic', clientId: id, everyMs: EVERY_MS, count: n } }));
}

function logins(atMs: number, caption: string): TimelineStep[] {
  return USERS.map((id, i) => ({ atMs: atMs + stagger(i), action: { type: 'login', clientId: id }, ...(i === 0 ? { caption } : {}) }));
}

export const scaleOut: Scenario = {
  ...meta('scale-out'),
  summary: 'Sessions kept in each server\u2019s memory break when a second server appears; sticky routing hides it until a server dies; a shared store fixes it. JWTs need none of this.',
  seed: 21,
  speed: 4,
  options: () => ({
    servers: 1,
    sessionStorage: 'local',
    lbPolicy: 'round-robin',
    tokenTtlMs: 5 * 60_000,
    clients: USERS.map((id) => ({ id, userId: id, kind: 'browser' as const })),
  }),
  timeline: (mode) => {
    const session = mode === 'session';
    const steps: TimelineStep[] = [
      ...logins(ONE_SERVER.loginAtMs, firstCaption('scale-out', mode)),
      ...phaseTraffic(ONE_SERVER.fromMs, ONE_SERVER.count),
      { atMs: 6_000, action: { type: 'addServer' }, caption: 'Traffic grows: three more servers join behind the round-robin load balancer.' },
      { atMs: 6_300, action: { type: 'addServer' } },
      { atMs: 6_600, action: { type: 'addServer' } },
      {
        atMs: ROUND_ROBIN.fromMs,
        action: { type: 'note', text: 'Requests are now spread over four servers.' },
        caption: session ? 'Three requests in four land on a server that never saw the session: the user looks logged out.' : 'Every server can check the signature: nothing changes for the users.',
      },
      ...phaseTraffic(ROUND_ROBIN.fromMs, ROUND_ROBIN.count),
      { atMs: STICKY.policyAtMs, action: { type: 'setOptions', patch: { lbPolicy: 'sticky' } }, caption: 'The operators make the load balancer sticky: an affinity cookie pins each browser to one server.' },
      // The first sessions stay where they were made: server-1 read "4 in memory" beside three users.
      // The JWT world logs in too, in step with the other; "Everyone logs in again" alone read as if sticky routing needed it.
      // The JWT line in one line of an 800x600 embed, as before: a second grew the box and shrank its worlds.
      // "pinned to a server; their tokens were still good" left a learner asking why they logged in at all.
      ...logins(STICKY.loginAtMs, `Everyone logs in again, ${session ? 'each on the server they are now pinned to; their old sessions stay in server-1\u2019s memory' : 'only to keep step: their tokens were still good'}.`),
      ...phaseTraffic(STICKY.fromMs, STICKY.count),
      {
        atMs: STICKY.killAtMs,
        action: { type: 'killServer', serverId: KILLED },
        about: 'alice',
        caption: session ? `${KILLED} crashes: its memory is gone, and Alice\u2019s session with it.` : `${KILLED} crashes: its users are sent elsewhere and their tokens still verify.`,
      },
      {
        atMs: SHARED.switchAtMs,
        action: { type: 'setOptions', patch: { sessionStorage: 'shared', lbPolicy: 'round-robin' } },
        caption: session ? 'The fix: sessions move to a shared store that every server asks, and routing is plain round-robin again.' : 'Routing is plain round-robin again; tokens never needed a shared store.',
      },
      { atMs: SHARED.switchAtMs + 100, action: { type: 'restartServer', serverId: KILLED } },
      ...logins(SHARED.loginAtMs, session ? 'Everyone logs in once more; their sessions now live in the shared store.' : 'Everyone logs in once more and gets a fresh token; nothing is stored for them anywhere.'),
      ...phaseTraffic(SHARED.fromMs, SHARED.count),
    ];
    return steps.sort((a, b) => a.atMs - b.atMs);
  },
  durationMs: 46_000,
  questions: [
    {
      id: 'scale-out-round-robin',
      atMs: ROUND_ROBIN.fromMs - 100,
      modes: ['session'],
      prompt: 'Three more servers have joined behind a round-robin load balancer, and each session still lives in the memory of the server that created it. Of the next four requests the users send in the session world\u2026',
      choices: [
        { id: 'all', text: 'all four get in: the load balancer knows where each session lives' },
        { id: 'some', text: 'only about one in four gets in: only the server that created a session knows it' },
        { id: 'none', text: 'none gets in: adding servers logs everyone out' },
      ],
      outcome: (worlds, askedAtMs) => {
        const rs = worlds.session && firstNFinishedAfter(worlds.session, null, askedAtMs, 4);
        if (!rs) return null;
        const ok = rs.filter(accepted);
        const refused = rs.filter((r) => !accepted(r));
        const span = `sent from ${clock(rs[0]!.sentAtMs)} to ${clock(rs[rs.length - 1]!.sentAtMs)}`;
        const okWhy = ok.length ? ` (${list(ok.map((r) => `${r.clientId}\u2019s on ${where(r)}`))})` : '';
        const refusedWhy = refused.length ? `; ${refused.length === 1 ? 'the other got' : `the other ${refused.length} got`} ${describe(refused[0]!)}` : '';
        const choiceId = ok.length === rs.length ? 'all' : ok.length === 0 ? 'none' : 'some';
        return { choiceId, why: `${ok.length} of the ${rs.length} requests ${span} got in${okWhy}${refusedWhy}.` };
      },
    },
    {
      id: 'scale-out-crash',
      atMs: STICKY.killAtMs + 100,
      modes: ['session', 'jwt'],
      prompt: `${KILLED} has crashed, and sticky routing had pinned Alice to it. Her next request\u2026`,
      choices: [
        { id: 'both', text: 'is accepted in both worlds: the load balancer sends her to another server' },
        { id: 'jwt-only', text: 'is refused with the session (it lived in the crashed server\u2019s memory), accepted with the JWT' },
        { id: 'neither', text: 'is refused in both worlds: her server is gone' },
        { id: 'session-only', text: 'is accepted with the session, refused with the JWT' },
      ],
      outcome: (worlds, askedAtMs) => {
        const pair = firstFinishedInBoth(worlds, 'alice', askedAtMs);
        if (!pair) return null;
        const { session, jwt } = pair;
        const choiceId = byWorlds(accepted(session), accepted(jwt));
        return { choiceId, why: `Her request at ${clock(session.sentAtMs)} went to ${where(session)} with the session and got ${describe(session)}; with the JWT it went to ${where(jwt)} and got ${describe(jwt)}.` };
      },
    },
  ],
  takeaway: (reports) =>
    perWorld(reports, {
      // The lesson's causes, unless interventions changed the run (a switch of session storage made refusals of its own).
      session: (r) => `with sessions in server memory, ${apiCount(r, 'session_unknown')} of ${plural(r.apiRequests, 'request')} looked logged out${r.interventions ? ', and the shared store' : ' (round-robin, then the crash), and the shared store that fixed it'} cost ${plural(r.storeLookups, 'lookup')}`,
      jwt: (r) => `${r.apiOutcomes.accepted} of ${plural(r.apiRequests, 'JWT request')} were accepted by whichever server got them, with ${plural(r.storeLookups, 'store lookup')}`,
    }),
  expect: (run) => {
    const f: string[] = [];
    const users = USERS.length;
    const roundRobinRequests = users * ROUND_ROBIN.count;
    const sharedRequests = users * SHARED.count;
    if (run.mode === 'session') {
      const unknown = count(run, 'session_unknown');
      // Round-robin over four servers: three requests in four miss the one server that knows the session.
      const roundRobinMisses = Math.floor((roundRobinRequests * 3) / 4);
      check(f, unknown >= roundRobinMisses - 2, `round-robin should make about three requests in four look logged out (${roundRobinMisses}), got ${unknown} session_unknown`);
      // Sticky routing then works, until the crash logs the pinned user out for the rest of the phase.
      check(f, unknown >= roundRobinMisses + AFTER_KILL - 1, `the crash should log a pinned user out for the rest of the sticky phase (${AFTER_KILL} more failures), got ${unknown - roundRobinMisses} more`);
      check(f, unknown <= roundRobinRequests + AFTER_KILL, `nothing but round-robin and the crash should fail, got ${unknown} session_unknown`);
      check(f, countFor(run, 'alice', 'session_unknown') >= AFTER_KILL, `Alice, pinned to ${KILLED}, should lose her login when it crashes, got ${countFor(run, 'alice', 'session_unknown')} failures`);
      check(f, run.storeLookups === sharedRequests, `only the shared-store phase should ask the store, once per request (${sharedRequests}), got ${run.storeLookups}`);
      check(f, run.sessionsInStore === users, `the shared store should end up holding every user\u2019s session, got ${run.sessionsInStore}`);
    } else {
      const sent = users * (3 + ONE_SERVER.count + ROUND_ROBIN.count + STICKY.count + SHARED.count); // three logins each
      check(f, run.requests.total === sent, `every user should have sent ${sent / users} requests, got ${run.requests.total} in all`);
      check(f, count(run, 'session_unknown') === 0 && run.requests.rejected === 0, `a JWT should be accepted on any server, got ${run.requests.rejected} rejections`);
      check(f, run.storeLookups === 0, `tokens never need the store, got ${run.storeLookups} lookups`);
      check(f, run.requests.timedOut <= 2, `only requests caught inside the crashing server may be lost, got ${run.requests.timedOut} timeouts`);
    }
    return f;
  },
};

export default scaleOut;
