import { browse, check, type Scenario, browsers } from './scenario';
import { firstCaption, meta } from './catalog';
import { accepted, claimMoment, clock, firstFinishedAfter, happened, perWorld, plural, servedRole, where } from './outcomes';

const TOKEN_TTL_MS = 30_000;
const DEMOTE_AT_MS = 5_000;
const PROMOTE_BOB_AT_MS = 8_000;
const REQUESTS = 34; // 0.5 s .. 33.5 s
/** Alice's requests from the demotion until her token's exp (30 s): 5.5 s .. 29.5 s. */
const ALICE_STALE = 25;
/** Bob's requests from his promotion until his token's exp: 8.6 s .. 29.6 s. */
const BOB_STALE = 22;

export const staleClaims: Scenario = {
  ...meta('stale-claims'),
  summary: 'The admin demotes Alice and promotes Bob: a session sees the new role on the next request; a JWT repeats the old role until it expires.',
  seed: 29,
  speed: 4,
  options: () => ({
    servers: 3,
    tokenTtlMs: TOKEN_TTL_MS,
    clients: [
      ...browsers('alice', 'bob'),
    ],
  }),
  timeline: (mode) => [
    { atMs: 0, action: { type: 'changeRole', userId: 'alice', role: 'admin' }, caption: firstCaption('stale-claims', mode) },
    { atMs: 0, action: { type: 'login', clientId: 'alice' } },
    { atMs: 100, action: { type: 'login', clientId: 'bob' } },
    browse('alice', 500, 1_000, REQUESTS),
    browse('bob', 600, 1_000, REQUESTS),
    {
      atMs: DEMOTE_AT_MS,
      action: { type: 'changeRole', userId: 'alice', role: 'user' },
      caption: mode === 'jwt' ? 'The admin demotes Alice. Her token still says "admin", and every server believes it.' : 'The admin demotes Alice: her very next request is served as an ordinary user.',
    },
    {
      atMs: PROMOTE_BOB_AT_MS,
      action: { type: 'changeRole', userId: 'bob', role: 'admin' },
      caption: mode === 'jwt' ? 'The admin promotes Bob. His token still says "user" until it expires.' : 'The admin promotes Bob: it counts at once.',
    },
    {
      atMs: TOKEN_TTL_MS,
      // Logged in each world's own terms: the session world has no token to expire.
      action: { type: 'note', text: mode === 'jwt' ? 'The tokens signed at login expire now.' : 'Nothing expires here: every request is served with the role its user has now.' },
      // No longer than the demotion's two lines, the lesson's longest: a phone's caption box, as tall as it, left room for both worlds.
      caption: mode === 'jwt' ? 'The tokens expire: only a new token, from a login or refresh, carries the new roles.' : 'Nothing happens here: every request reads the role from the user record.',
    },
  ],
  durationMs: 35_000,
  questions: [
    {
      id: 'stale-claims-demoted',
      atMs: DEMOTE_AT_MS + 100,
      modes: ['jwt'],
      prompt: 'The admin has just demoted Alice to an ordinary user. Her next request in the JWT world is served as\u2026',
      choices: [
        { id: 'admin', text: 'an admin: her token still says "admin" until it expires' },
        { id: 'user', text: 'an ordinary user: every server checks her current role' },
        { id: 'refused', text: 'nothing: the role change makes her token invalid' },
      ],
      outcome: (worlds) => {
        const r = worlds.jwt && firstFinishedAfter(worlds.jwt, 'alice', DEMOTE_AT_MS + 100);
        if (!r) return null;
        const session = worlds.session && firstFinishedAfter(worlds.session, 'alice', DEMOTE_AT_MS + 100);
        const contrast = session && accepted(session) ? ` In the session world, ${where(session)} read her current role from her user record on the same request (many apps copy the role into the session at login, and then a session is stale too).` : '';
        if (!accepted(r)) return { choiceId: 'refused', why: `Her request ${happened(r)}.${contrast}` };
        const role = servedRole(r);
        const iat = claimMoment(r, 'iat');
        const exp = claimMoment(r, 'exp');
        const signed = iat !== null && exp !== null ? `, signed at ${clock(iat)} and valid until ${clock(exp)}` : '';
        return { choiceId: role === 'admin' ? 'admin' : 'user', why: `Her request ${happened(r)}, which acted on role "${role ?? 'unknown'}" from her token${signed}.${contrast}` };
      },
    },
  ],
  takeaway: (reports) =>
    perWorld(reports, {
      session: (r) => `with sessions, ${plural(r.staleRoleAccepts, 'request')} acted on an old role`,
      jwt: (r) => `with JWTs, ${plural(r.staleRoleAccepts, 'request')} ${r.staleRoleAccepts === 1 ? 'was' : 'were'} served with a role the user no longer had, until the tokens expired`,
    }),
  expect: (run) => {
    const f: string[] = [];
    if (run.mode === 'session') {
      check(f, run.staleRoleAccepts === 0, `a session reads the current role, so no request may act on an old one, got ${run.staleRoleAccepts}`);
      check(f, run.requests.accepted === 2 * (1 + REQUESTS), `every request should be accepted, got ${run.requests.accepted}`);
    } else {
      const stale = ALICE_STALE + BOB_STALE;
      check(f, run.staleRoleAccepts === stale, `every request between a role change and the token\u2019s exp should act on the old role (${stale}), got ${run.staleRoleAccepts}`);
      check(f, (run.requests.byReason.token_expired ?? 0) > 0, 'the tokens should expire, ending the stale window');
    }
    return f;
  },
};

export default staleClaims;
