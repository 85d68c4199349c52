import { apiCount, apiCountFor, apiTotalFor, browse, check, count, countFor, type Scenario, browsers } from './scenario';
import { firstCaption, meta } from './catalog';
import { accepted, firstFinishedAfter, happened, perWorld, plural } from './outcomes';

const TOKEN_TTL_MS = 30_000;
const JWKS_REFRESH_MS = 15_000;
/** k1 stays published until 32 s: past Alice's token's exp (30 s), and within the lesson, so its withdrawal is seen and told. */
const KEY_OVERLAP_MS = 27_000;
const ROTATE_AT_MS = 5_000;
const WITHDRAWN_AT_MS = ROTATE_AT_MS + KEY_OVERLAP_MS;
/** The question is asked once Bob holds his k2 token (login at 6 s), before his first request (6.5 s). */
const ASK_AT_MS = 6_300;
const ALICE_REQUESTS = 29; // 0.5 s .. 28.5 s: all before her token's exp
const BOB_REQUESTS = 28; // 6.5 s .. 33.5 s

export const keyRotation: Scenario = {
  ...meta('key-rotation'),
  summary: 'The issuer starts signing with a new key: servers that cached the key set a moment ago refuse the new tokens until their cache may refresh; old tokens keep working during the overlap.',
  seed: 19,
  speed: 2,
  options: () => ({
    servers: 3,
    tokenTtlMs: TOKEN_TTL_MS,
    jwksRefreshMs: JWKS_REFRESH_MS,
    keyOverlapMs: KEY_OVERLAP_MS,
    clients: [
      ...browsers('alice', 'bob'),
    ],
  }),
  timeline: (mode) => [
    { atMs: 0, action: { type: 'login', clientId: 'alice' }, caption: firstCaption('key-rotation', mode) },
    browse('alice', 500, 1_000, ALICE_REQUESTS),
    { atMs: ROTATE_AT_MS, action: { type: 'rotateKey' }, caption: `The issuer rotates its key: k2 is published and signs from now on; k1 stays published for ${KEY_OVERLAP_MS / 1000} s.` },
    { atMs: 6_000, action: { type: 'login', clientId: 'bob' }, caption: 'Bob logs in and gets a token signed with k2.' },
    {
      atMs: 6_500,
      action: { type: 'traffic', clientId: 'bob', everyMs: 1_000, count: BOB_REQUESTS },
      caption: 'No server has k2 in its cache, and the cache is too fresh to refetch: Bob\u2019s request is refused with kid_unknown.',
    },
    { atMs: 16_000, action: { type: 'note', text: `From now on, each server\u2019s key cache grows old enough to refetch, ${JWKS_REFRESH_MS / 1000} s after its own last fetch.` }, about: 'bob', caption: 'About 15 s after each server\u2019s last fetch it may refetch the key set; it finds k2 and Bob gets in.' },
    { atMs: 20_000, action: { type: 'note', text: 'Alice\u2019s k1 token still verifies.' }, about: 'alice', caption: 'Alice\u2019s k1 token keeps verifying for its whole life, whichever server checks it: the overlap outlasts it.' },
    {
      // With the withdrawal (logged by the key set itself), which the stage's key set shows: 100 ms
      // after it, the last caption's reading time held the clock at 32.09 s, "Alice's k1 token keeps
      // verifying…" over a key set that had dropped k1 with no word of why (learner review).
      atMs: WITHDRAWN_AT_MS,
      action: { type: 'note', text: 'Every token signed with k1 has expired: withdrawing it locks no one out.' },
      // The servers' "keys: k1 k2" stood under "withdrawn" with nothing to say why: their caches.
      caption: 'The overlap ends: k1 is withdrawn from the key set, though each server trusts its cached copy until it next fetches the set. The last token k1 signed, Alice\u2019s, expired at 30 s, so no one is locked out.',
    },
  ],
  durationMs: 35_000,
  questions: [
    {
      id: 'key-rotation-new-kid',
      atMs: ASK_AT_MS,
      modes: ['jwt'],
      prompt: 'Bob\u2019s brand-new token is signed with the new key k2; the servers fetched the key set before the rotation. His first request is\u2026',
      choices: [
        { id: 'accepted', text: 'accepted: k2 is published in the key set, so the server just uses it' },
        { id: 'kid-unknown', text: 'refused (kid_unknown): the server\u2019s cached key set has no k2, and the cache is too fresh to refetch' },
        { id: 'signature-invalid', text: 'refused as a forgery: a rotation makes signatures invalid' },
      ],
      outcome: (worlds) => {
        const r = worlds.jwt && firstFinishedAfter(worlds.jwt, 'bob', ASK_AT_MS);
        if (!r) return null;
        const choiceId = accepted(r) ? 'accepted' : r.reason === 'kid_unknown' ? 'kid-unknown' : 'signature-invalid';
        const how = accepted(r) ? ': the server had k2 (it refetched the key set)' : r.reason === 'kid_unknown' ? ': its cached key set, fetched before the rotation, had no k2' : '';
        return { choiceId, why: `His request ${happened(r)}${how}.` };
      },
    },
  ],
  takeaway: (reports) =>
    perWorld(reports, {
      jwt: (r) =>
        `Bob, holding a k2 token, had ${apiCountFor(r, 'bob', 'ok')} of ${plural(apiTotalFor(r, 'bob'), 'request')} accepted and ${apiCountFor(r, 'bob', 'kid_unknown')} refused as kid_unknown until the servers\u2019 key caches refreshed; Alice\u2019s k1 token kept working through the overlap (${apiCountFor(r, 'alice', 'ok')} of ${plural(apiTotalFor(r, 'alice'), 'request')} accepted), and ${plural(apiCount(r, 'signature_invalid'), 'signature check')} failed. Publishing k2 at least ${JWKS_REFRESH_MS / 1000} s before signing with it would have refused no one: every cache would have fetched it, or be old enough to refetch`,
    }),
  expect: (run) => {
    const f: string[] = [];
    const bobRefused = countFor(run, 'bob', 'kid_unknown');
    check(f, bobRefused >= 3, `fresh key caches should refuse Bob\u2019s new token for a while, got ${bobRefused} kid_unknown`);
    check(f, bobRefused <= JWKS_REFRESH_MS / 1000, `no server may refuse the new kid longer than its refresh interval (${JWKS_REFRESH_MS / 1000} requests), got ${bobRefused}`);
    check(f, countFor(run, 'bob', 'ok') === 1 + BOB_REQUESTS - bobRefused, `once the caches refresh Bob should always get in, got ${countFor(run, 'bob', 'ok')} accepted`);
    check(f, countFor(run, 'alice', 'ok') === 1 + ALICE_REQUESTS, `Alice\u2019s k1 token should verify during the whole overlap, got ${countFor(run, 'alice', 'ok')} of ${1 + ALICE_REQUESTS} accepted`);
    check(f, count(run, 'signature_invalid') === 0, 'a rotation never makes a signature invalid');
    return f;
  },
};

export default keyRotation;
