import { check, browse, type Scenario, browsers } from './scenario';
import { meta } from './catalog';

export const basic: Scenario = {
  ...meta('basic'),
  notice:
    'With sessions, every request makes a server ask the shared store who the cookie belongs to. With JWTs, the server checks the signature itself and asks nobody, but every request carries the whole token.',
  seed: 7,
  speed: 1,
  options: () => ({ servers: 3, clients: browsers('alice') }),
  timeline: (mode) => [
    {
      atMs: 0,
      action: { type: 'login', clientId: 'alice' },
      caption: mode === 'session' ? 'Alice logs in: the server stores a session and hands her a cookie with its id.' : 'Alice logs in: the server signs a token with her id and role and hands it to her.',
    },
    {
      atMs: 500,
      action: { type: 'request', clientId: 'alice' },
      caption: mode === 'session' ? 'Each request carries the cookie; the server looks the id up in the store.' : 'Each request carries the token; the server verifies its signature, no lookup.',
    },
    browse('alice', 1_000, 500, 8),
  ],
  durationMs: 6_000,
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
