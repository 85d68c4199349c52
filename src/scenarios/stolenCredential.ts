import { apiCountFor, apiTotalFor, browse, check, countFor, totalFor, type Scenario, browsers } from './scenario';
import { firstCaption, meta } from './catalog';
import { accepted, byWorlds, failuresByReason, claimMoment, clock, describe, duration, firstFinishedInBoth, perWorld, plural, times, where } from './outcomes';

const TOKEN_TTL_MS = 30_000;
const STEAL_AT_MS = 3_000;
const LOGOUT_AT_MS = 6_000;
/** The question is asked once the logout is done (about 6.1 s), before Mallory's first replay (7 s). */
const ASK_AT_MS = LOGOUT_AT_MS + 500;
const REPLAY_FROM_MS = 7_000;
const REPLAYS = 30; // 7 s .. 36 s, one a second
/** Replays before the token's exp (30 s after a login in the first second): 7 s .. 29 s. */
const REPLAYS_BEFORE_EXP = 23;
/** Alice's token's exp: its iat is her login's second, 0 s (NumericDate counts whole seconds). */
const EXP_AT_MS = TOKEN_TTL_MS;

export const stolenCredential: Scenario = {
  ...meta('stolen-credential'),
  summary: 'Mallory copies Alice\u2019s credential, Alice logs out, Mallory replays it: a dead session id, or a token that works until it expires.',
  seed: 13,
  speed: 2,
  options: () => ({
    servers: 3,
    tokenTtlMs: TOKEN_TTL_MS,
    clients: [
      ...browsers('alice'),
      { id: 'mallory', userId: 'alice', kind: 'attacker' },
    ],
  }),
  timeline: (mode) => [
    { atMs: 0, action: { type: 'login', clientId: 'alice' }, caption: firstCaption('stolen-credential', mode) },
    browse('alice', 1_000, 1_000, 4),
    {
      atMs: STEAL_AT_MS,
      action: { type: 'steal', fromClientId: 'alice', attackerId: 'mallory' },
      caption: mode === 'session' ? 'Mallory copies Alice\u2019s session cookie (a leaked log or malware; HttpOnly keeps it from page scripts).' : 'Mallory copies Alice\u2019s token from localStorage (a leaked log, malware, or an injected script).',
    },
    {
      atMs: LOGOUT_AT_MS,
      action: { type: 'logout', clientId: 'alice' },
      caption: mode === 'session' ? 'Alice logs out: the server deletes her session record; Mallory\u2019s copy would have worked until now.' : 'Alice logs out: her browser forgets the token, but the servers have nothing to delete.',
    },
    {
      atMs: REPLAY_FROM_MS,
      action: { type: 'traffic', clientId: 'mallory', everyMs: 1_000, count: REPLAYS },
      caption: mode === 'session' ? 'Mallory replays the copied cookie: the id points at nothing any more.' : 'Mallory replays the copied token: every server still accepts it, until exp.',
    },
    {
      // The token's end, told as it comes: "every server still accepts it" stood over 401 token_expired for the lesson's last 7 s (review).
      atMs: EXP_AT_MS,
      action: { type: 'note', text: mode === 'session' ? 'Mallory goes on replaying the dead session id.' : 'Alice\u2019s token reaches its exp.' },
      caption:
        mode === 'session'
          ? 'Mallory is still refused: the copied id points at nothing.'
          : 'The token reaches its exp: only now is Mallory\u2019s copy refused (token_expired).',
    },
  ],
  durationMs: REPLAY_FROM_MS + REPLAYS * 1_000,
  questions: [
    {
      id: 'stolen-replay',
      atMs: ASK_AT_MS,
      modes: ['session', 'jwt'],
      prompt: 'Alice has logged out. Mallory now replays the credential she copied earlier. Her first replay is\u2026',
      choices: [
        { id: 'neither', text: 'refused in both worlds: logging out ends the login everywhere' },
        { id: 'jwt-only', text: 'refused with the session, accepted with the JWT: no server has anything to forget' },
        { id: 'both', text: 'accepted in both worlds: a copied credential works until it expires' },
        { id: 'session-only', text: 'accepted with the session, refused with the JWT' },
      ],
      outcome: (worlds) => {
        const pair = firstFinishedInBoth(worlds, 'mallory', ASK_AT_MS);
        if (!pair) return null;
        const { session, jwt } = pair;
        const choiceId = byWorlds(accepted(session), accepted(jwt));
        const exp = claimMoment(jwt, 'exp');
        const jwtWhy = accepted(jwt) ? `: logging out deleted nothing on the servers, and the token is valid until ${exp === null ? 'its exp' : clock(exp)}` : '';
        const sessionWhy = accepted(session) ? '' : ', because the logout deleted the session record';
        return { choiceId, why: `With the session, her replay at ${clock(session.sentAtMs)} got ${describe(session)}${sessionWhy}; with the JWT, her replay at ${clock(jwt.sentAtMs)} got ${describe(jwt)} from ${where(jwt)}${jwtWhy}.` };
      },
    },
  ],
  takeaway: (reports) =>
    perWorld(reports, {
      session: (r) => `after Alice logged out, ${apiCountFor(r, 'mallory', 'ok')} of Mallory\u2019s ${plural(apiTotalFor(r, 'mallory'), 'replay')} of the session cookie got in`,
      jwt: (r) => {
        const got = apiCountFor(r, 'mallory', 'ok');
        if (got > 0) return `Mallory\u2019s copy of the JWT got in ${times(got)} over ${duration(r.revocation?.exposureMs ?? 0)} after Alice logged out, until it expired (then ${plural(apiCountFor(r, 'mallory', 'token_expired'), 'refusal')} as token_expired)`;
        // Refused throughout (a denylist an intervention turned on): "got in 0 times over 0 s, until it expired" said the opposite.
        const refusals = failuresByReason(r.apiOutcomes.byClient['mallory'] ?? {}).map(([reason, n]) => `${n} as ${reason}`);
        return `Mallory\u2019s copy of the JWT never got in after Alice logged out (${refusals.join(', ') || 'no replay answered'})`;
      },
    }),
  expect: (run) => {
    const f: string[] = [];
    check(f, totalFor(run, 'mallory') === REPLAYS, `Mallory should have sent ${REPLAYS} requests, got ${totalFor(run, 'mallory')}`);
    check(f, run.revocation !== null, 'the logout should count as a revocation');
    const stolenOk = countFor(run, 'mallory', 'ok');
    if (run.mode === 'session') {
      check(f, stolenOk === 0, `no replay may get in after the logout, got ${stolenOk}`);
      check(f, countFor(run, 'mallory', 'session_unknown') === REPLAYS, `every replay should fail with session_unknown, got ${countFor(run, 'mallory', 'session_unknown')}`);
      check(f, run.revocation?.acceptedAfter === 0, 'nothing may be accepted after the logout');
    } else {
      check(f, stolenOk === REPLAYS_BEFORE_EXP, `every replay before exp should get in (${REPLAYS_BEFORE_EXP}), got ${stolenOk}`);
      check(f, countFor(run, 'mallory', 'token_expired') === REPLAYS - REPLAYS_BEFORE_EXP, `replays after exp should fail with token_expired, got ${countFor(run, 'mallory', 'token_expired')}`);
      const exposure = run.revocation?.exposureMs ?? 0;
      check(f, exposure > TOKEN_TTL_MS - LOGOUT_AT_MS - 2_000 && exposure < TOKEN_TTL_MS - LOGOUT_AT_MS, `the stolen token should work for about ${(TOKEN_TTL_MS - LOGOUT_AT_MS) / 1000} s after the logout, got ${exposure} ms`);
    }
    return f;
  },
};

export default stolenCredential;
