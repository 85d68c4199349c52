import { browse, check, count, type Scenario, browsers } from './scenario';
import { firstCaption, meta } from './catalog';
import { accepted, clock, describe, firstFinishedAfter, perWorld, plural, times, where } from './outcomes';

/** "Cookie: __Host-sid=" + 22 characters + CRLF: the whole credential of a session request. */
const SESSION_COOKIE_LINE_BYTES = 43;
const API_REQUESTS = 8;
const LOGOUT_AT_MS = 5_000;
const LAST_REQUEST_AT_MS = 6_000;

export const jwtInCookie: Scenario = {
  ...meta('jwt-in-cookie'),
  summary: 'The same cookie mechanism carries either a 22-character session id or the whole signed token: the cookie is only the delivery truck.',
  seed: 11,
  speed: 1,
  options: () => ({ servers: 3, delivery: 'cookie', tokenTtlMs: 60_000, clients: browsers('alice') }),
  timeline: (mode) => [
    {
      atMs: 0,
      action: { type: 'login', clientId: 'alice' },
      caption: firstCaption('jwt-in-cookie', mode),
    },
    {
      atMs: 500,
      action: { type: 'request', clientId: 'alice' },
      caption:
        mode === 'session'
          ? 'The browser attaches the cookie by itself; the server must look the id up in the store.'
          : 'The browser attaches the cookie by itself, as with a session, but the server only checks the signature: no lookup.',
    },
    browse('alice', 1_000, 500, API_REQUESTS - 1),
    {
      atMs: LOGOUT_AT_MS,
      action: { type: 'logout', clientId: 'alice' },
      // The JWT half says what the logout did not do: a learner took the cleared cookie for a revoked token.
      caption:
        mode === 'session'
          ? 'Alice logs out: the server deletes her session record and clears the cookie.'
          : 'Alice logs out: the cookie is cleared. The token itself is not revoked: a copy would still verify until its exp.',
    },
    {
      atMs: LAST_REQUEST_AT_MS,
      action: { type: 'request', clientId: 'alice' },
      caption: 'The browser no longer has a cookie to send, so this request carries nothing at all.',
    },
  ],
  durationMs: 7_000,
  questions: [
    {
      id: 'jwt-in-cookie-after-logout',
      // Asked before the logout: after it, the caption and Alice's emptied browser give the answer away.
      atMs: LOGOUT_AT_MS - 300,
      modes: ['jwt'],
      prompt: 'Alice is about to log out, and her token is in an HttpOnly cookie. After the logout her browser sends one more request. It\u2026',
      choices: [
        { id: 'still-sent', text: 'still carries the token and gets in: a JWT cannot be logged out' },
        { id: 'nothing', text: 'carries nothing: the logout answer told the browser to clear the cookie' },
        { id: 'sent-refused', text: 'carries the token, and the server refuses it' },
      ],
      outcome: (worlds) => {
        const r = worlds.jwt && firstFinishedAfter(worlds.jwt, 'alice', LAST_REQUEST_AT_MS);
        if (!r) return null;
        const choiceId = r.credential === 'none' || r.reason === 'no_credentials' ? 'nothing' : accepted(r) ? 'still-sent' : 'sent-refused';
        return { choiceId, why: `Her request at ${clock(r.sentAtMs)} carried ${plural(r.credentialBytes, 'byte')} of credential and got ${describe(r)} from ${where(r)}.` };
      },
    },
  ],
  // Said at the end, not in a caption (the lesson's longest sets its caption box): what sending by itself also means.
  takeaway: (reports) =>
    `${perWorld(reports, {
      session: (r) => `the __Host-sid cookie header weighed ${plural(r.credentialBytesMax, 'byte')}, and the servers asked the store ${times(r.storeLookups)}`,
      jwt: (r) => `the __Host-jwt cookie header weighed up to ${plural(r.credentialBytesMax, 'byte')}, and the servers asked the store ${times(r.storeLookups)} but checked ${plural(r.signatureVerifications, 'signature')}`,
    })} Either way the browser sends the cookie by itself, even with a request another site starts: SameSite=Lax limits that, against CSRF.`,
  expect: (run) => {
    const f: string[] = [];
    const total = 1 + API_REQUESTS + 1 + 1;
    check(f, run.requests.total === total && run.requests.accepted === total - 1, `login, ${API_REQUESTS} requests and the logout should be accepted, got ${run.requests.accepted} of ${run.requests.total}`);
    check(f, count(run, 'no_credentials') === 1, `the request after logout should carry no cookie at all, got ${count(run, 'no_credentials')} no_credentials`);
    if (run.mode === 'session') {
      check(f, run.credentialBytesMax === SESSION_COOKIE_LINE_BYTES, `the session cookie line should be ${SESSION_COOKIE_LINE_BYTES} bytes, got ${run.credentialBytesMax}`);
      check(f, run.storeLookups === API_REQUESTS + 1, `each request with the cookie (and the logout) should cost one store lookup, got ${run.storeLookups}`);
    } else {
      check(f, run.credentialBytesMax > 6 * SESSION_COOKIE_LINE_BYTES, `the __Host-jwt cookie should carry the whole token (over ${6 * SESSION_COOKIE_LINE_BYTES} bytes), got ${run.credentialBytesMax}`);
      check(f, run.storeLookups === 0, `a JWT in a cookie still needs no store lookup, got ${run.storeLookups}`);
      check(f, run.signatureVerifications === API_REQUESTS + 1, `every request with the cookie (and the logout) should verify one signature, got ${run.signatureVerifications}`);
    }
    return f;
  },
};

export default jwtInCookie;
