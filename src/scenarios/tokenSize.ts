import { apiCount, check, count, type Scenario, type TimelineStep, browsers } from './scenario';
import { firstCaption, meta } from './catalog';
import { accepted, clock, describe, firstFinishedAfter, happened, perWorld, plural } from './outcomes';

/** Profile sizes, in extra claims, for each round of logging in again. */
export const TOKEN_SIZE_STEPS = [0, 12, 24, 36, 48] as const;
const ROUND_MS = 6_000;
const REQUESTS_PER_ROUND = 3;
const SESSION_COOKIE_LINE_BYTES = 43;
const COOKIE_LIMIT_BYTES = 4096;
/** Asked just before the last round starts (its logout at 25 s), before the profile grows and she logs in again. */
const ASK_AT_MS = 1_000 + (TOKEN_SIZE_STEPS.length - 1) * ROUND_MS - 200;

/** A realistic-looking group membership claim, about 70 characters. */
function profileClaims(n: number): Record<string, string> {
  const claims: Record<string, string> = {};
  for (let i = 1; i <= n; i++) claims[`grp${String(i).padStart(2, '0')}`] = `org:engineering/platform/squad-${String(i).padStart(2, '0')}:read,write,deploy,approve`;
  return claims;
}

function round(step: number, index: number, mode: 'session' | 'jwt'): TimelineStep[] {
  const t = 1_000 + index * ROUND_MS;
  const steps: TimelineStep[] = [];
  if (index > 0) steps.push({ atMs: t, action: { type: 'logout', clientId: 'alice' } });
  const last = index === TOKEN_SIZE_STEPS.length - 1;
  // Each round begins with a logout: the new profile needs a new login (a token carries the profile it was signed with).
  // Its caption comes with the logout: 0.3 s later, the last round's words stood over her logged-out browser.
  // A line per world at 844x390: two each put what just happened (the request's bytes) under the box's edge.
  const grows = `Alice’s profile grows to ${step} groups; she logs in again`;
  const caption = mode === 'session' ? `${grows}. Her cookie is still a 22-character id.` : last ? `${grows}.` : `${grows}: every group rides in every request.`;
  // The last round's drop is told as it happens, at the login and at her first request: told at the
  // logout, it stood beside her logged-out browser and a 200 OK for the logout (learner review). Told as
  // the login leaves, it says what to watch: "the browser silently drops it" stood over a login on its way.
  const lastJwt = last && mode === 'jwt';
  steps.push(
    // The first round's profile is set at 0 s, with the lesson's first caption.
    { atMs: index > 0 ? t : 0, action: { type: 'setExtraClaims', userId: 'alice', claims: profileClaims(step) }, caption: index > 0 ? caption : firstCaption('token-size', mode) },
    {
      atMs: t + 600,
      action: { type: 'login', clientId: 'alice' },
      ...(index === 0 ? { caption: mode === 'session' ? 'Alice logs in: her cookie holds a session id.' : 'Alice logs in: her cookie holds the whole token, with a small profile.' } : {}),
      ...(lastJwt ? { caption: `Her new token outgrows a ${COOKIE_LIMIT_BYTES}-byte cookie: watch the browser silently drop it as the login answers.` } : {}),
    },
    { atMs: t + 1_500, action: { type: 'traffic', clientId: 'alice', everyMs: 1_000, count: REQUESTS_PER_ROUND }, ...(lastJwt ? { caption: 'Her requests now carry nothing: no cookie, so no token.' } : {}) },
  );
  return steps;
}

export const tokenSize: Scenario = {
  ...meta('token-size'),
  summary: 'Every claim added to the profile rides in every request, in a cookie limited to 4096 bytes: watch what happens once the token outgrows it.',
  seed: 37,
  speed: 2,
  options: () => ({ servers: 3, delivery: 'cookie', tokenTtlMs: 5 * 60_000, clients: browsers('alice') }),
  timeline: (mode) => TOKEN_SIZE_STEPS.flatMap((step, i) => round(step, i, mode)),
  durationMs: 1_000 + TOKEN_SIZE_STEPS.length * ROUND_MS,
  questions: [
    {
      id: 'token-size-limit',
      atMs: ASK_AT_MS,
      modes: ['jwt'],
      prompt: `Alice\u2019s profile is about to grow from ${TOKEN_SIZE_STEPS[TOKEN_SIZE_STEPS.length - 2]} to ${TOKEN_SIZE_STEPS[TOKEN_SIZE_STEPS.length - 1]} groups, and she logs in again; the token travels in a cookie. Her next request in the JWT world\u2026`,
      choices: [
        { id: 'bigger', text: 'is accepted: the token just gets bigger' },
        { id: 'server-refuses', text: 'is refused by the server: the header is too large' },
        { id: 'dropped', text: 'carries no credentials: the browser silently drops a cookie over 4096 bytes' },
      ],
      outcome: (worlds) => {
        const jwt = worlds.jwt;
        const r = jwt && firstFinishedAfter(jwt, 'alice', ASK_AT_MS);
        if (!jwt || !r) return null;
        // Bytes of her Cookie line, names included, and said so: "3715 bytes" of token stood beside a 3694 B badge,
        // and a "3715-byte Cookie line" beside it, unexplained, still read as a mismatch (learner reviews).
        if (accepted(r)) return { choiceId: 'bigger', why: `Her request ${happened(r)}, its Cookie line carrying the token in ${plural(r.credentialBytes, 'byte')}.` };
        if (r.reason === 'no_credentials') {
          // The dropped cookie's own size, the number that crossed the limit: the answer cited only the 3715-byte line that still fitted (learner review).
          const { droppedCookieBytesMax: dropped, cookiesDropped } = jwt.report;
          const why = dropped > 0 ? `the new token's cookie (name and value) was ${plural(dropped, 'byte')}, over the ${COOKIE_LIMIT_BYTES}-byte limit, so the browser dropped it without a word` : cookiesDropped > 0 ? 'the browser dropped the new token\u2019s cookie without a word' : 'her browser held no token to send';
          return { choiceId: 'dropped', why: `Her request at ${clock(r.sentAtMs)} got ${describe(r)}: ${why}; the largest Cookie line that still carried one, "Cookie:" and the cookie's name included, was ${plural(jwt.report.credentialBytesMax, 'byte')}.` };
        }
        return { choiceId: 'server-refuses', why: `Her request ${happened(r)}.` };
      },
    },
  ],
  takeaway: (reports) =>
    perWorld(reports, {
      // The request's Cookie line, what grows: its largest, not an average over requests that carried nothing.
      // Short enough for a phone's caption box: longer, its end ("3 requests went out with no credentials") was under the fold.
      session: (r) => `the session's Cookie line, "Cookie:" and the cookie's name included, stayed ${plural(r.credentialBytesMax, 'byte')} on every request`,
      jwt: (r) =>
        `the JWT's Cookie line, "Cookie:" and the cookie's name included, grew with the profile to ${plural(r.credentialBytesMax, 'byte')}, until the browser dropped ${r.cookiesDropped === 1 && r.droppedCookieBytesMax > 0 ? `a ${r.droppedCookieBytesMax}-byte cookie` : plural(r.cookiesDropped, 'cookie')} over the ${COOKIE_LIMIT_BYTES}-byte limit and ${plural(apiCount(r, 'no_credentials'), 'request')} went out with no credentials`,
    }),
  expect: (run) => {
    const f: string[] = [];
    const rounds = TOKEN_SIZE_STEPS.length;
    if (run.mode === 'session') {
      check(f, run.credentialBytesMax === SESSION_COOKIE_LINE_BYTES, `the session cookie should stay ${SESSION_COOKIE_LINE_BYTES} bytes whatever the profile, got up to ${run.credentialBytesMax}`);
      check(f, run.cookiesDropped === 0 && run.requests.rejected === 0, `nothing should be dropped or refused, got ${run.cookiesDropped} dropped, ${run.requests.rejected} refused`);
    } else {
      check(f, run.cookiesDropped === 1, `the browser should drop exactly the one oversized cookie, got ${run.cookiesDropped}`);
      check(f, run.droppedCookieBytesMax > COOKIE_LIMIT_BYTES, `the dropped cookie should be over the ${COOKIE_LIMIT_BYTES}-byte limit, got ${run.droppedCookieBytesMax} bytes`);
      check(f, count(run, 'no_credentials') === REQUESTS_PER_ROUND, `the requests after the drop should carry nothing (${REQUESTS_PER_ROUND} no_credentials), got ${count(run, 'no_credentials')}`);
      check(f, run.credentialBytesMax > COOKIE_LIMIT_BYTES * 0.75 && run.credentialBytesMax < COOKIE_LIMIT_BYTES, `the largest token that still fitted should be close to the limit, got ${run.credentialBytesMax} bytes`);
      check(f, run.credentialBytesMax > 10 * SESSION_COOKIE_LINE_BYTES, 'a grown token should weigh far more than a session id');
      check(f, run.requests.accepted === rounds * 2 - 1 + (rounds - 1) * REQUESTS_PER_ROUND, `every login and logout, and every request before the drop, should be accepted, got ${run.requests.accepted}`);
    }
    return f;
  },
};

export default tokenSize;
