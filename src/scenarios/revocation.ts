import { check, browse, type Scenario } from './scenario';

const TOKEN_TTL_MS = 30_000;
const BAN_AT_MS = 5_000;

export const revocation: Scenario = {
  id: 'revocation',
  title: 'Ban a user',
  summary: 'The admin bans Alice: her session dies at once; her JWT keeps working until it expires.',
  notice:
    'Deleting the session record makes the cookie worthless on the very next request. The JWT was signed before the ban and nothing on the servers remembers it, so every server accepts it until exp (30 s here), unless a denylist is consulted on every request.',
  modes: ['session', 'jwt'],
  seed: 7,
  options: () => ({ servers: 3, tokenTtlMs: TOKEN_TTL_MS, clients: [{ id: 'alice', userId: 'alice', kind: 'browser' }] }),
  timeline: () => [
    { atMs: 0, action: { type: 'login', clientId: 'alice' }, caption: 'Alice logs in.' },
    browse('alice', 500, 1_000, 40),
    { atMs: BAN_AT_MS, action: { type: 'banUser', userId: 'alice' }, caption: 'The admin bans Alice. Watch whether her next requests still get in.' },
  ],
  durationMs: 42_000,
  expect: (run) => {
    const f: string[] = [];
    const rev = run.revocation;
    check(f, rev !== null, 'the run should report a revocation');
    if (!rev) return f;
    if (run.mode === 'session') {
      check(f, rev.acceptedAfter === 0, `no request may be accepted after the ban, got ${rev.acceptedAfter}`);
      check(f, (run.requests.byReason.session_unknown ?? 0) > 30, 'requests after the ban should fail with session_unknown');
    } else {
      check(f, rev.acceptedAfter >= 20, `the JWT should keep being accepted until exp, got ${rev.acceptedAfter} requests`);
      check(f, rev.exposureMs > TOKEN_TTL_MS - BAN_AT_MS - 2_000 && rev.exposureMs <= TOKEN_TTL_MS - BAN_AT_MS + 1_000, `exposure should be about ${(TOKEN_TTL_MS - BAN_AT_MS) / 1000} s, got ${rev.exposureMs} ms`);
      check(f, (run.requests.byReason.token_expired ?? 0) > 0, 'after exp the token should be rejected as expired');
    }
    return f;
  },
};
