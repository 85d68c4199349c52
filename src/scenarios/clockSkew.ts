import { apiCountFor, apiTotalFor, browse, check, countAt, countFor, type Scenario, browsers } from './scenario';
import { firstCaption, meta } from './catalog';
import { accepted, clock, describe, duration, firstNFinishedAfter, list, perWorld, plural, sentenceCase, times, where } from './outcomes';

const TOKEN_TTL_MS = 30_000;
const SKEW_MS = 20_000;
const TOLERANCE_MS = 25_000;
/** Asked once Alice holds her token and one server has taken it, before her next three requests (1.5-3.5 s). */
const ASK_AT_MS = 1_200;
const ALICE_REQUESTS = 29; // 0.5 s .. 28.5 s: all before her token's exp by the true clock
const FIX_AT_MS = 30_000;
const BOB_REQUESTS = 24; // 31.5 s .. 54.5 s

export const clockSkew: Scenario = {
  ...meta('clock-skew'),
  summary: 'One server runs 20 s fast, another 20 s slow: the same valid token is expired on one, not yet valid on another. A clock tolerance works around it; synced clocks cure it.',
  seed: 31,
  speed: 2,
  options: () => ({
    servers: 3,
    tokenTtlMs: TOKEN_TTL_MS,
    clockToleranceMs: 0,
    clients: [
      ...browsers('alice', 'bob'),
    ],
  }),
  timeline: (mode) => [
    { atMs: 0, action: { type: 'setSkew', serverId: 'server-2', skewMs: SKEW_MS }, caption: firstCaption('clock-skew', mode) },
    { atMs: 0, action: { type: 'setSkew', serverId: 'server-3', skewMs: -SKEW_MS } },
    { atMs: 200, action: { type: 'login', clientId: 'alice' }, caption: 'Alice logs in on server-1: her token says issued now, expires in 30 s.' },
    browse('alice', 500, 1_000, ALICE_REQUESTS),
    { atMs: 1_000, action: { type: 'note', text: 'server-3 reads the iat as 20 s in its future.' }, about: 'server-3', caption: 'server-3, 20 s behind, reads the token as issued in the future and, like some libraries, refuses it: token_not_yet_valid (the JWT standard requires that refusal only before a token\u2019s \u201cnot before\u201d time, nbf).' },
    { atMs: 10_500, action: { type: 'note', text: 'server-2 reads the exp as already past.' }, about: 'server-2', caption: 'From 10 s on, server-2, 20 s ahead, reads the token as expired: the next request it gets is refused, token_expired, 20 s early. Until server-3\u2019s clock reaches the iat, at 20 s, only server-1 accepts it.' },
    {
      atMs: FIX_AT_MS,
      action: { type: 'setOptions', patch: { clockToleranceMs: TOLERANCE_MS } },
      caption: 'The workaround: every server allows a 25 s clock tolerance, wider than the skew; an expired token now passes up to 25 s longer by each server\u2019s clock. The cure: clocks in sync (NTP).',
    },
    { atMs: 30_500, action: { type: 'login', clientId: 'bob' }, caption: 'Bob logs in on server-1, whose clock is right: every server accepts his token, as no clock is more than the 25 s tolerance off the one that stamped it.' },
    browse('bob', 31_500, 1_000, BOB_REQUESTS),
  ],
  durationMs: 55_000,
  questions: [
    {
      id: 'clock-skew-three-servers',
      atMs: ASK_AT_MS,
      modes: ['jwt'],
      prompt: `Alice\u2019s fresh token now goes to each server in turn: server-2\u2019s clock runs ${SKEW_MS / 1000} s fast, server-3\u2019s ${SKEW_MS / 1000} s slow. Of her next three requests\u2026`,
      choices: [
        { id: 'all', text: 'all three are accepted: the signature is valid on every server' },
        { id: 'slow', text: 'two are accepted: the slow server thinks the token was issued in the future' },
        { id: 'fast', text: 'two are accepted: the fast server thinks the token has already expired' },
        { id: 'few', text: 'one or none is accepted: servers with different clocks cannot agree on anything' },
      ],
      outcome: (worlds) => {
        const rs = worlds.jwt && firstNFinishedAfter(worlds.jwt, 'alice', ASK_AT_MS, 3);
        if (!rs) return null;
        const ok = rs.filter(accepted);
        const refused = rs.filter((r) => !accepted(r));
        const refusedWhy = refused.map((r) => `at ${clock(r.sentAtMs)} ${where(r)} answered ${describe(r)}`);
        const okWhy = ok.length ? `${list(ok.map((r) => `${where(r)} (${clock(r.sentAtMs)})`))} accepted it` : 'no server accepted it';
        const why = `${sentenceCase([...refusedWhy, okWhy].join('; '))}.`;
        if (ok.length === rs.length) return { choiceId: 'all', why };
        if (ok.length === rs.length - 1) return { choiceId: refused[0]!.reason === 'token_expired' ? 'fast' : 'slow', why };
        return { choiceId: 'few', why };
      },
    },
  ],
  takeaway: (reports) =>
    perWorld(reports, {
      jwt: (r) =>
        `without a tolerance, Alice\u2019s valid token was refused ${times(apiCountFor(r, 'alice', 'token_not_yet_valid'))} as not yet valid and ${times(apiCountFor(r, 'alice', 'token_expired'))} as expired (${apiCountFor(r, 'alice', 'ok')} of ${plural(apiTotalFor(r, 'alice'), 'request')} accepted); with a ${duration(TOLERANCE_MS)} tolerance, ${apiCountFor(r, 'bob', 'ok')} of Bob\u2019s ${plural(apiTotalFor(r, 'bob'), 'request')} were accepted`,
    }),
  expect: (run) => {
    const f: string[] = [];
    const early = countFor(run, 'alice', 'token_expired');
    const notYet = countFor(run, 'alice', 'token_not_yet_valid');
    check(f, notYet >= 3, `the slow server should refuse the fresh token as not yet valid, got ${notYet}`);
    check(f, early >= 3, `the fast server should refuse the token as expired before its exp, got ${early}`);
    check(f, countFor(run, 'alice', 'ok') >= 1 + ALICE_REQUESTS / 3, `the correct server should accept it throughout, got ${countFor(run, 'alice', 'ok')}`);
    check(f, countFor(run, 'alice', 'ok') < 1 + ALICE_REQUESTS, 'without tolerance some servers must disagree');
    // The mechanism, not only the totals: each refusal comes from the server whose clock explains it.
    const notYetAtSlow = countAt(run, 'server-3', 'token_not_yet_valid');
    const earlyAtFast = countAt(run, 'server-2', 'token_expired');
    const timeAtRight = countAt(run, 'server-1', 'token_expired') + countAt(run, 'server-1', 'token_not_yet_valid');
    check(f, notYetAtSlow === notYet, `every not-yet-valid refusal should come from server-3, the slow one, got ${notYetAtSlow} of ${notYet}`);
    check(f, earlyAtFast === early, `every early expiry should come from server-2, the fast one, got ${earlyAtFast} of ${early}`);
    check(f, timeAtRight === 0, `server-1, whose clock is right, should refuse nothing for time, got ${timeAtRight}`);
    check(f, countFor(run, 'bob', 'ok') === 1 + BOB_REQUESTS, `with the tolerance every server should accept Bob\u2019s token, got ${countFor(run, 'bob', 'ok')} of ${1 + BOB_REQUESTS}`);
    return f;
  },
};

export default clockSkew;
