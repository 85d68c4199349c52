import { apiCountFor, check, browse, countFor, type Scenario, type TimelineStep, browsers } from './scenario';
import { firstCaption, meta } from './catalog';
import { accepted, claimMoment, clock, describe, duration, firstFinishedAfter, firstNFinishedAfter, list, perWorld, plural, times, where } from './outcomes';

const TOKEN_TTL_MS = 30_000;
const BAN_AT_MS = 5_000;
/** The question is asked just after the ban, before Alice's next request (5.5 s). */
const ASK_AT_MS = BAN_AT_MS + 100;
// Second half (after the comparison table's 20 s mark): Bob, and in the JWT world the denylist.
const BOB_LOGIN_AT_MS = 21_000;
const DENYLIST_ON_AT_MS = 22_000;
const BOB_BROWSE_FROM_MS = 22_500;
const BOB_REQUESTS = 18; // 22.5 s .. 39.5 s, one a second
const BOB_REVOKED_AT_MS = 30_000;
/** Bob's requests after his logout-everywhere: 30.5 s .. 39.5 s. */
const BOB_AFTER_REVOKE = 10;
/** Requests verified while the denylist is on: Alice's 22.5 s .. 29.5 s (her token ends at 30 s) and all of Bob's. */
const DENYLIST_LOOKUPS = 8 + BOB_REQUESTS;

export const revocation: Scenario = {
  ...meta('revocation'),
  summary: 'The admin bans Alice: her session dies at once; her JWT keeps working until it expires. Then a denylist makes revocation instant again, at a price.',
  seed: 7,
  speed: 2,
  options: () => ({
    servers: 3,
    tokenTtlMs: TOKEN_TTL_MS,
    clients: [
      ...browsers('alice', 'bob'),
    ],
  }),
  timeline: (mode) => {
    const steps: TimelineStep[] = [
      { atMs: 0, action: { type: 'login', clientId: 'alice' }, caption: firstCaption('revocation', mode) },
      browse('alice', 500, 1_000, 40),
      { atMs: BAN_AT_MS, action: { type: 'banUser', userId: 'alice' }, caption: 'The admin bans Alice. Watch whether her next requests still get in.' },
      { atMs: BOB_LOGIN_AT_MS, action: { type: 'login', clientId: 'bob' }, caption: 'Bob logs in and starts browsing.' },
      browse('bob', BOB_BROWSE_FROM_MS, 1_000, BOB_REQUESTS),
      {
        atMs: BOB_REVOKED_AT_MS,
        action: { type: 'logoutEverywhere', userId: 'bob' },
        caption:
          mode === 'session'
            ? 'Bob logs out everywhere: his session is deleted and his very next request is refused.'
            : 'Bob logs out everywhere: the denylist refuses his tokens issued until now, his next request too.',
      },
    ];
    if (mode === 'jwt')
      steps.push({
        atMs: DENYLIST_ON_AT_MS,
        action: { type: 'setOptions', patch: { denylist: true } },
        // The caption's point is Alice: "JWT: server-1 accepts the JWT: bob (role user)" stood under it.
        about: 'alice',
        caption: 'The operators turn the denylist on: every valid token costs a store lookup. Alice\u2019s token still gets in: she was banned before the denylist existed, and nobody listed her.',
      });
    return steps.sort((a, b) => a.atMs - b.atMs);
  },
  durationMs: 42_000,
  questions: [
    {
      id: 'revocation-ban',
      atMs: ASK_AT_MS,
      modes: ['jwt'],
      prompt: 'The admin has banned Alice. Her next requests in the JWT world are\u2026',
      choices: [
        { id: 'refused', text: 'refused: the ban reaches every server at once' },
        { id: 'accepted', text: 'accepted: her token stays valid until it expires' },
        { id: 'load-balancer', text: 'refused by the load balancer, before any server sees them' },
        { id: 'mixed', text: 'accepted on some servers, refused on others' },
      ],
      outcome: (worlds) => {
        const jwt = worlds.jwt;
        // One request per server: Alice's next three, round-robin over three servers.
        const rs = jwt && firstNFinishedAfter(jwt, 'alice', ASK_AT_MS, 3);
        if (!rs) return null;
        const ok = rs.filter(accepted);
        const first = rs[0]!;
        const span = `from ${clock(first.sentAtMs)} to ${clock(rs[rs.length - 1]!.sentAtMs)}`;
        const servers = list([...new Set(rs.map(where))]);
        const session = worlds.session && firstFinishedAfter(worlds.session, 'alice', ASK_AT_MS);
        const contrast = session ? ` In the session world her request at ${clock(session.sentAtMs)} got ${describe(session)}.` : '';
        if (ok.length === rs.length) {
          const exp = claimMoment(first, 'exp');
          const until = exp === null ? 'until it expires' : `until its exp at ${clock(exp)}`;
          return { choiceId: 'accepted', why: `All ${rs.length} of her requests ${span} got ${describe(first)} (${servers}): each server only checked the signature and knows nothing of the ban, so the token works ${until}.${contrast}` };
        }
        if (ok.length > 0) return { choiceId: 'mixed', why: `${ok.length} of her ${rs.length} requests ${span} got in and the others were refused (${list(rs.filter((r) => !accepted(r)).map((r) => `${where(r)}: ${describe(r)}`))}).${contrast}` };
        if (rs.every((r) => r.serverId === null)) return { choiceId: 'load-balancer', why: `Her requests ${span} never reached a server: ${describe(first)}.${contrast}` };
        return { choiceId: 'refused', why: `Her request at ${clock(first.sentAtMs)} got ${describe(first)} from ${where(first)}, and so did the next ${rs.length - 1} (${servers}): the ban reached the servers at once.${contrast}` };
      },
    },
  ],
  takeaway: (reports) =>
    perWorld(reports, {
      session: (r) => `deleting the session revoked Alice at once (${plural(r.revocation?.acceptedAfter ?? 0, 'request')} accepted after the ban)`,
      jwt: (r) => {
        const rev = r.revocation;
        // Refused from the ban on (a denylist an intervention turned on earlier): "still accepted 0 times over 0 s, until it expired" said the opposite.
        const ban = !rev ? 'no revocation was measured in the JWT world' : rev.acceptedAfter > 0 ? `Alice\u2019s JWT was still accepted ${times(rev.acceptedAfter)} over ${duration(rev.exposureMs)} after the ban, until it expired` : `Alice\u2019s JWT was accepted no more after the ban (${plural(rev.refusedAfter, 'request')} refused)`;
        const bob = apiCountFor(r, 'bob', 'token_revoked');
        return `${ban}; the denylist then refused Bob\u2019s revoked token ${times(bob)}, at the cost of ${plural(r.storeLookups, 'store lookup')}`;
      },
    }),
  expect: (run) => {
    const f: string[] = [];
    const rev = run.revocation;
    check(f, rev !== null, 'the run should report a revocation');
    if (!rev) return f;
    if (run.mode === 'session') {
      check(f, rev.acceptedAfter === 0, `no request may be accepted after the ban, got ${rev.acceptedAfter}`);
      check(f, countFor(run, 'alice', 'session_unknown') > 30, 'Alice\u2019s requests after the ban should fail with session_unknown');
      check(f, countFor(run, 'bob', 'session_unknown') === BOB_AFTER_REVOKE, `each of Bob\u2019s ${BOB_AFTER_REVOKE} requests after his logout-everywhere should fail, got ${countFor(run, 'bob', 'session_unknown')}`);
    } else {
      check(f, rev.acceptedAfter >= 20, `the JWT should keep being accepted until exp, got ${rev.acceptedAfter} requests`);
      check(f, rev.exposureMs > TOKEN_TTL_MS - BAN_AT_MS - 2_000 && rev.exposureMs <= TOKEN_TTL_MS - BAN_AT_MS + 1_000, `exposure should be about ${(TOKEN_TTL_MS - BAN_AT_MS) / 1000} s, got ${rev.exposureMs} ms`);
      check(f, countFor(run, 'alice', 'token_expired') > 0, 'after exp the token should be rejected as expired');
      // The denylist half: instant revocation again, paid for with a lookup per request.
      check(f, countFor(run, 'bob', 'token_revoked') === BOB_AFTER_REVOKE, `with the denylist on, each of Bob\u2019s ${BOB_AFTER_REVOKE} requests after his logout-everywhere should be refused, got ${countFor(run, 'bob', 'token_revoked')}`);
      check(f, countFor(run, 'bob', 'ok') === 1 + BOB_REQUESTS - BOB_AFTER_REVOKE, `Bob should get in only before his logout-everywhere, got ${countFor(run, 'bob', 'ok')} accepted`);
      check(f, run.storeLookups === DENYLIST_LOOKUPS, `every valid token after the denylist went on should cost one lookup (${DENYLIST_LOOKUPS}), got ${run.storeLookups}`);
    }
    return f;
  },
};

export default revocation;
