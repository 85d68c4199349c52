import { apiCountFor, browse, check, countFor, type Scenario, browsers } from './scenario';
import { firstCaption, meta } from './catalog';
import { accepted, clock, describe, duration, firstFinishedAfter, perWorld, plural, times, where } from './outcomes';

const ACCESS_TTL_MS = 10_000;
const STEAL_AT_MS = 3_000;
const MALLORY_USES_AT_MS = [5_000, 14_000];
const ALICE_LOGIN_AGAIN_AT_MS = 25_000;
const BAN_BOB_AT_MS = 33_000;

export const refreshTokens: Scenario = {
  ...meta('refresh-tokens'),
  summary: 'A 10-second access token plus a refresh token that is replaced on every use: a ban bites within 10 s, and a stolen refresh token gives itself away.',
  seed: 17,
  speed: 4,
  options: () => ({
    servers: 3,
    tokenTtlMs: ACCESS_TTL_MS,
    refreshTokens: true,
    clients: [
      ...browsers('alice', 'bob'),
      { id: 'mallory', userId: 'alice', kind: 'attacker' },
    ],
  }),
  timeline: (mode) => [
    { atMs: 0, action: { type: 'login', clientId: 'alice' }, caption: firstCaption('refresh-tokens', mode) },
    { atMs: 100, action: { type: 'login', clientId: 'bob' } },
    browse('alice', 500, 1_000, 45),
    browse('bob', 600, 1_000, 45),
    { atMs: STEAL_AT_MS, action: { type: 'steal', fromClientId: 'alice', attackerId: 'mallory' }, caption: 'Mallory copies both of Alice\u2019s tokens.' },
    { atMs: MALLORY_USES_AT_MS[0]!, action: { type: 'request', clientId: 'mallory' }, caption: 'The stolen access token works, but only until it expires.' },
    {
      atMs: 10_000,
      action: { type: 'note', text: 'Alice\u2019s access token expires; her browser refreshes it.' },
      about: 'alice',
      caption: 'Alice\u2019s access token expires: her next request is refused (401), so her browser trades the refresh token for a new pair; the old one is now marked used.',
    },
    {
      atMs: MALLORY_USES_AT_MS[1]!,
      action: { type: 'request', clientId: 'mallory' },
      caption: 'Mallory\u2019s copy has expired too, so her client presents the stolen refresh token, which Alice already used: reuse detected, the whole family is revoked.',
    },
    // Her 200s went on after "the whole family is revoked", with no word of why until 20 s (learner review).
    {
      atMs: MALLORY_USES_AT_MS[1]! + 1_500,
      action: { type: 'note', text: 'Alice\u2019s access token is checked by its signature alone: it verifies until its exp.' },
      about: 'alice',
      caption: 'Alice\u2019s access token in hand still works until it expires: revoking the family stops only her next refresh.',
    },
    {
      atMs: 20_000,
      action: { type: 'note', text: 'Alice\u2019s current access token expires; its refresh token belongs to the revoked family.' },
      about: 'alice',
      caption: 'Alice\u2019s next refresh fails as well: the family is gone, so she has to log in again. A theft cost her a login, not her account.',
    },
    { atMs: ALICE_LOGIN_AGAIN_AT_MS, action: { type: 'login', clientId: 'alice' }, caption: 'Alice logs in again and starts a fresh family.' },
    { atMs: BAN_BOB_AT_MS, action: { type: 'banUser', userId: 'bob' }, caption: 'The admin bans Bob: his refresh family is revoked, and his access token dies within 10 s.' },
  ],
  durationMs: 46_000,
  questions: [
    {
      id: 'refresh-reuse',
      atMs: MALLORY_USES_AT_MS[1]! - 200,
      modes: ['jwt'],
      prompt: 'Mallory tries again with what she copied: Alice\u2019s old access token and the refresh token Alice\u2019s browser has since traded in. What happens?',
      choices: [
        { id: 'access-works', text: 'her copied access token still gets her in: it looks valid to every server' },
        { id: 'new-pair', text: 'her client refreshes and gets a fresh pair: a refresh token is as good as a password' },
        { id: 'family-revoked', text: 'her refresh is refused and the whole family is revoked: Alice will have to log in again too' },
        { id: 'refused-only', text: 'her refresh is refused, but only Mallory is affected; Alice keeps refreshing' },
      ],
      outcome: (worlds) => {
        const jwt = worlds.jwt;
        const after = MALLORY_USES_AT_MS[1]! - 200;
        const api = jwt && firstFinishedAfter(jwt, 'mallory', after);
        if (!jwt || !api) return null;
        if (accepted(api)) return { choiceId: 'access-works', why: `Her request at ${clock(api.sentAtMs)} got ${describe(api)} from ${where(api)}: the copied access token had not expired yet.` };
        const refresh = firstFinishedAfter(jwt, 'mallory', api.sentAtMs, 'refresh');
        if (!refresh) return null;
        const first = `Her access token was refused at ${clock(api.sentAtMs)} (${api.reason}), so her client presented the refresh token at ${clock(refresh.sentAtMs)} and got ${describe(refresh)}`;
        if (accepted(refresh)) return { choiceId: 'new-pair', why: `${first}: the store had not seen it used.` };
        if (refresh.reason === 'refresh_reused') return { choiceId: 'family-revoked', why: `${first}: the store had marked it used when Alice refreshed, so it revoked the whole family, Alice\u2019s current refresh token included.` };
        return { choiceId: 'refused-only', why: `${first}.` };
      },
    },
  ],
  takeaway: (reports) =>
    perWorld(reports, {
      jwt: (r) => {
        const rev = r.revocation;
        const within = rev && rev.exposureMs <= ACCESS_TTL_MS ? `, within one access lifetime (${duration(ACCESS_TTL_MS)})` : '';
        // exposureMs is when the last request got in, not when the first was refused: "bit after 6.6 s" named a request that was accepted.
        const ban = !rev ? '' : rev.acceptedAfter > 0 ? `; after Bob\u2019s ban his access token still got in ${times(rev.acceptedAfter)}, the last ${duration(rev.exposureMs)} after it${within}` : '; after Bob\u2019s ban his access token got in no more';
        const caught = countFor(r, 'mallory', 'refresh_reused');
        // Never caught (refresh tokens turned off by an intervention): "caught 0 times and revoked the family, so 0 refreshes failed" contradicted itself.
        const reuse = caught > 0 ? `reusing the stolen refresh token was caught ${times(caught)} and revoked the family, so ${plural(countFor(r, 'alice', 'refresh_invalid'), 'refresh', 'refreshes')} of Alice\u2019s failed and she had to log in again` : 'no reuse of a refresh token was caught, so no family was revoked';
        return `the stolen access token got in ${times(apiCountFor(r, 'mallory', 'ok'))}; ${reuse}${ban}`;
      },
    }),
  expect: (run) => {
    const f: string[] = [];
    check(f, countFor(run, 'mallory', 'ok') === 1, `the stolen access token should work once, before it expires, got ${countFor(run, 'mallory', 'ok')}`);
    check(f, countFor(run, 'mallory', 'refresh_reused') === 1, `Mallory\u2019s refresh with an already used token should be caught as reuse, got ${countFor(run, 'mallory', 'refresh_reused')}`);
    check(f, countFor(run, 'alice', 'refresh_invalid') >= 1, 'after the reuse, Alice\u2019s own next refresh should fail: the whole family is revoked');
    check(f, countFor(run, 'alice', 'refresh_reused') === 0, 'Alice never reuses a refresh token herself');
    const rev = run.revocation;
    check(f, rev !== null && rev.acceptedAfter > 0, 'Bob\u2019s still valid access token should get in for a moment after the ban');
    check(f, rev !== null && rev.exposureMs <= ACCESS_TTL_MS, `the ban should bite within one access lifetime (${ACCESS_TTL_MS / 1000} s), got ${rev ? rev.exposureMs : 'none'} ms`);
    check(f, countFor(run, 'bob', 'refresh_invalid') >= 1, 'Bob\u2019s refresh after the ban should be refused');
    check(f, rev !== null && rev.acceptedAfter <= ACCESS_TTL_MS / 1000, `Bob browses once a second, so at most ${ACCESS_TTL_MS / 1000} requests may slip in after the ban, got ${rev ? rev.acceptedAfter : 'none'}`);
    return f;
  },
};

export default refreshTokens;
