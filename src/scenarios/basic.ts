import { check, browse, type Scenario, browsers } from './scenario';
import { firstCaption, meta } from './catalog';
import { clock, firstFinishedInBoth, formatNumber, perWorld, plural, where } from './outcomes';
import type { RequestRecord } from '../sim/types';

export const basic: Scenario = {
  ...meta('basic'),
  summary: 'Both flows of the article step by step: a session id looked up in the store, or a signed token checked on the spot.',
  seed: 7,
  speed: 1,
  options: () => ({ servers: 3, clients: browsers('alice') }),
  timeline: (mode) => [
    {
      atMs: 0,
      action: { type: 'login', clientId: 'alice' },
      caption: firstCaption('basic', mode),
    },
    {
      atMs: 500,
      action: { type: 'request', clientId: 'alice' },
      caption: mode === 'session' ? 'Each request carries the cookie; the server looks the id up in the store.' : 'Each request carries the token; the server verifies its signature, no lookup (it fetches the public keys once, then keeps them).',
    },
    browse('alice', 1_000, 500, 8),
  ],
  durationMs: 6_000,
  questions: [
    {
      id: 'basic-first-request',
      atMs: 400,
      modes: ['session', 'jwt'],
      prompt: 'Alice is logged in. To know who sends her first request, the server that receives it\u2026',
      choices: [
        { id: 'split', text: 'asks the store with the session, but checks a signature with the JWT' },
        { id: 'both-store', text: 'asks the store in both worlds: a server cannot know her otherwise' },
        { id: 'neither', text: 'asks nobody in either world: the login already told every server' },
        { id: 'reversed', text: 'checks a signature with the session and asks the store with the JWT' },
      ],
      outcome: (worlds, askedAtMs) => {
        const pair = firstFinishedInBoth(worlds, 'alice', askedAtMs);
        if (!pair) return null;
        const { session, jwt } = pair;
        const asks = (r: RequestRecord) => r.storeLookups > 0;
        const choiceId = asks(session) && !asks(jwt) ? 'split' : asks(session) && asks(jwt) ? 'both-store' : !asks(session) && asks(jwt) ? 'reversed' : 'neither';
        const what = (r: RequestRecord) => `${plural(r.storeLookups, 'store lookup')} and ${plural(r.signatureVerifications, 'signature check')}`;
        // The key-set fetch is a hop the learner saw: the verdict names it, and that it is not per request.
        const keys = jwt.keySetFetches > 0 ? `, plus ${plural(jwt.keySetFetches, 'key-set fetch', 'key-set fetches')}: ${where(jwt)} had no fresh copy of the public keys, and keeps this one for the requests after` : '';
        return { choiceId, why: `Her request at ${clock(session.sentAtMs)} cost ${what(session)} on ${where(session)} with the session, and ${what(jwt)} on ${where(jwt)} with the JWT${keys}.` };
      },
    },
  ],
  takeaway: (reports) =>
    perWorld(reports, {
      // The whole header line the credential rides in (the comparison table counts the id's or the token's characters alone).
      session: (r) => `with sessions, ${plural(r.apiRequests, 'request')} cost ${plural(r.storeLookups, 'store lookup')}, each carrying its session id in a ${formatNumber(r.bytes.credentialMean)}-byte Cookie line`,
      jwt: (r) => `with JWTs, ${plural(r.apiRequests, 'request')} cost ${plural(r.storeLookups, 'store lookup')} and ${plural(r.signatureVerifications, 'signature check')}, but each carried its token in a ${formatNumber(r.bytes.credentialMean)}-byte Authorization line`,
    }),
  expect: (run) => {
    const f: string[] = [];
    check(f, run.requests.total === 10 && run.requests.accepted === 10, `all 10 requests (login + 9) should be accepted, got ${run.requests.accepted} of ${run.requests.total}`);
    if (run.mode === 'session') {
      check(f, run.storeLookups === 9, `every API request should cost one store lookup, got ${run.storeLookups} for 9`);
      check(f, run.signatureVerifications === 0, 'sessions verify no signatures');
    } else {
      check(f, run.storeLookups === 0, `JWT requests should need no store lookup, got ${run.storeLookups}`);
      check(f, run.signatureVerifications === 9, `every API request should verify one signature, got ${run.signatureVerifications}`);
      check(f, run.bytes.credentialMean > 200, `a JWT credential should weigh hundreds of bytes, got ${run.bytes.credentialMean}`);
    }
    return f;
  },
};

export default basic;
