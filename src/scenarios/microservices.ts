import { check, type Scenario, type TimelineStep } from './scenario';
import { firstCaption, meta } from './catalog';
import { clock, perWorld, plural } from './outcomes';

const SERVICES = 5;
const SWITCH_AT_MS = 15_000;
const KEY_OVERLAP_MS = 10_000;
/** When the old HS256 key is withdrawn (the overlap after the switch ends). */
const WITHDRAW_AT_MS = SWITCH_AT_MS + KEY_OVERLAP_MS;
const USERS = ['alice', 'bob'] as const;
const BEFORE = 14; // 0.5 s .. 13.5 s
const AFTER = 20; // 16.5 s .. 35.5 s

/**
 * Who holds a signing key (keySet.ts signingKeyHolders: the issuer, and every service while the
 * HS256 secret is in use). The stage draws the issuer as the key set: "6 nodes" beside 5 service
 * boxes left the sixth to guess.
 */
const signers = (n: number): string => (n === 0 ? 'none' : n === 1 ? 'the issuer' : `the issuer behind the key set and ${plural(n - 1, 'service')}`);

export const microservices: Scenario = {
  ...meta('microservices'),
  summary: 'Five services verify tokens on their own. With HS256 each of them holds the secret that can mint tokens; with EdDSA only the issuer does.',
  seed: 41,
  speed: 2,
  options: () => ({
    servers: SERVICES,
    alg: 'HS256',
    tokenTtlMs: 60_000,
    jwksRefreshMs: 2_500,
    keyOverlapMs: KEY_OVERLAP_MS,
    clients: USERS.map((id) => ({ id, userId: id, kind: 'browser' as const })),
  }),
  timeline: (mode) => {
    const steps: TimelineStep[] = [
      { atMs: 0, action: { type: 'login', clientId: 'alice' }, caption: firstCaption('microservices', mode) },
      { atMs: 100, action: { type: 'login', clientId: 'bob' } },
      { atMs: 500, action: { type: 'traffic', clientId: 'alice', everyMs: 1_000, count: BEFORE }, caption: 'Each service checks signatures itself, with no store lookup; but each one could also sign a token for anyone.' },
      { atMs: 600, action: { type: 'traffic', clientId: 'bob', everyMs: 1_000, count: BEFORE } },
      {
        atMs: SWITCH_AT_MS,
        action: { type: 'setOptions', patch: { alg: 'EdDSA' } },
        caption: 'The issuer switches to EdDSA: a new key pair, whose public half is all a service needs to verify.',
      },
      { atMs: SWITCH_AT_MS + 500, action: { type: 'login', clientId: 'alice' }, caption: 'The users log in again and get EdDSA tokens. Until the old HS256 key goes, the services accept both, so every one of them could still sign a token.' },
      { atMs: SWITCH_AT_MS + 600, action: { type: 'login', clientId: 'bob' } },
      { atMs: SWITCH_AT_MS + 1_500, action: { type: 'traffic', clientId: 'alice', everyMs: 1_000, count: AFTER } },
      { atMs: SWITCH_AT_MS + 1_600, action: { type: 'traffic', clientId: 'bob', everyMs: 1_000, count: AFTER } },
      {
        atMs: SWITCH_AT_MS + KEY_OVERLAP_MS,
        action: { type: 'note', text: 'The old HS256 key is withdrawn.' },
        caption: 'The HS256 key is withdrawn: no service accepts HS256 now, so only the issuer, with its private key, can sign a token they take. (Here all let go at once; in real life, until each service is reconfigured, the old secret still forges tokens it accepts.)',
      },
    ];
    return steps;
  },
  durationMs: 37_000,
  questions: [
    {
      id: 'microservices-signers',
      atMs: WITHDRAW_AT_MS - 200,
      modes: ['jwt'],
      prompt: `The old HS256 key is about to be withdrawn. After that, how many of the ${SERVICES} services and the issuer hold a key that can sign a token the services accept?`,
      choices: [
        { id: 'issuer', text: 'only the issuer: the services may still hold the old secret, but none accepts HS256 any more' },
        { id: 'everyone', text: `all ${SERVICES + 1}: every node that verifies can also sign` },
        { id: 'none', text: 'none: with a public key set, nobody needs a signing key' },
      ],
      // The services hold the old secret in real life until each is reconfigured (the choice says
      // so); here it is taken off them with the key: the verdict says why it no longer counts.
      outcome: (worlds) => {
        const jwt = worlds.jwt;
        if (!jwt || jwt.timeMs < WITHDRAW_AT_MS + 100) return null;
        const n = jwt.report.signingKeyHolders;
        const choiceId = n === 0 ? 'none' : n === 1 ? 'issuer' : 'everyone';
        const why = n === 1 ? ': the issuer. No service accepts HS256 any more, so the old secret, wherever a copy is left, mints nothing' : '';
        return { choiceId, why: `At ${clock(jwt.timeMs)}, ${plural(n, 'node')} ${n === 1 ? 'holds' : 'hold'} a key that can sign a token the services accept${why}. With the HS256 secret in use, ${jwt.report.signingKeyHoldersMax} did.` };
      },
    },
  ],
  takeaway: (reports) =>
    perWorld(reports, {
      jwt: (r) =>
        `with HS256, ${plural(r.signingKeyHoldersMax, 'node')} held a key that could sign anyone\u2019s token (${signers(r.signingKeyHoldersMax)}); with EdDSA, ${r.signingKeyHolders} (${signers(r.signingKeyHolders)}); ${r.apiOutcomes.accepted} of ${plural(r.apiRequests, 'request')} were accepted under both algorithms, with ${plural(r.signatureVerifications, 'signature check')} and ${plural(r.storeLookups, 'store lookup')}`,
    }),
  expect: (run) => {
    const f: string[] = [];
    const apiRequests = USERS.length * (BEFORE + AFTER);
    check(f, run.signingKeyHoldersMax === SERVICES + 1, `with HS256 the issuer and all ${SERVICES} services should hold the signing secret (${SERVICES + 1}), got ${run.signingKeyHoldersMax}`);
    check(f, run.signingKeyHolders === 1, `with EdDSA only the issuer should hold a signing key, got ${run.signingKeyHolders}`);
    check(f, run.requests.rejected === 0 && run.requests.accepted === run.requests.total, `every request should be accepted under both algorithms, got ${run.requests.rejected} refused`);
    check(f, run.storeLookups === 0, `services verify on their own, with no lookup, got ${run.storeLookups}`);
    check(f, run.signatureVerifications === apiRequests, `every request should be verified by the service it reached (${apiRequests}), got ${run.signatureVerifications}`);
    return f;
  },
};

export default microservices;
