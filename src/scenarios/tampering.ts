import { apiCount, browse, check, count, type Scenario, type TimelineStep, browsers } from './scenario';
import { firstCaption, meta } from './catalog';
import { accepted, carriedJwt, firstFinishedAfter, happened, perWorld, plural, servedRole, times } from './outcomes';
import { decodeJwtParts } from '../auth/jwtText';
import type { RequestRecord } from '../sim/types';

const SERVERS = 3;
const REQUESTS = 11; // 0.5 s .. 10.5 s
/** Requests sent while the credential is tampered with: 2.5-4.5 s and 6.5-8.5 s, one per server each time. */
const PER_ATTACK = SERVERS;

/** Refused for its alg, the token it carried well-formed and unsigned: "header.payload." (bearer or cookie). */
function refusedUnsigned(r: RequestRecord): boolean {
  const token = r.reason === 'alg_not_allowed' ? carriedJwt(r) : null;
  const decoded = token === null ? null : decodeJwtParts(token);
  return !!decoded?.ok && decoded.signature === '';
}

export const tampering: Scenario = {
  ...meta('tampering'),
  summary: 'Alice edits her token to say role "admin", then tries it again unsigned, with alg "none": every server refuses. In the session world she can only guess ids.',
  seed: 23,
  speed: 1,
  options: () => ({ servers: SERVERS, tokenTtlMs: 60_000, clients: browsers('alice') }),
  timeline: (mode) => {
    const jwt = mode === 'jwt';
    const steps: TimelineStep[] = [
      { atMs: 0, action: { type: 'login', clientId: 'alice' }, caption: firstCaption('tampering', mode) },
      browse('alice', 500, 1_000, REQUESTS),
      jwt
        ? { atMs: 2_000, action: { type: 'tamper', clientId: 'alice', how: 'role-admin' }, caption: 'Alice decodes her token, changes role to "admin" and puts it back, keeping the old signature.' }
        : { atMs: 2_000, action: { type: 'tamper', clientId: 'alice', how: 'guess-session' }, caption: 'A session cookie holds no role to edit; Alice tries a guessed session id instead.' },
      {
        atMs: 2_500,
        action: { type: 'note', text: jwt ? 'Each server checks the signature against the edited bytes.' : 'Each server looks the guessed id up in the store.' },
        caption: jwt ? 'From now on each server checks the signature over the edited bytes: watch it fail to match, on every server.' : 'The shared store has no such session, whichever server asks.',
      },
      { atMs: 5_000, action: { type: 'login', clientId: 'alice' }, caption: 'Alice logs in again to get a clean credential.' },
      jwt
        ? { atMs: 6_000, action: { type: 'tamper', clientId: 'alice', how: 'alg-none' }, caption: 'Now she tries role "admin" unsigned: alg "none", no signature.' }
        : { atMs: 6_000, action: { type: 'note', text: 'There is nothing to strip from a session id: it is not signed, it is looked up.' }, caption: 'There is no signature to strip from a session id: the store lookup is the only check.' },
      { atMs: 9_000, action: { type: 'login', clientId: 'alice' }, caption: jwt ? 'The servers accept only EdDSA, so "none" was refused on each try. Alice logs in once more.' : 'Alice logs in once more.' },
    ];
    return steps.sort((a, b) => a.atMs - b.atMs);
  },
  durationMs: 11_000,
  questions: [
    {
      id: 'tampering-role',
      atMs: 2_200,
      modes: ['jwt'],
      prompt: 'Alice has changed the role in her token to "admin" and kept the old signature. Her next request\u2026',
      choices: [
        { id: 'admin', text: 'is served as an admin: the server trusts the claims in the token' },
        { id: 'user', text: 'is served as an ordinary user: the server ignores the edited claim' },
        { id: 'refused', text: 'is refused: the signature no longer matches the edited bytes' },
      ],
      outcome: (worlds, askedAtMs) => {
        const r = worlds.jwt && firstFinishedAfter(worlds.jwt, 'alice', askedAtMs);
        if (!r) return null;
        if (!accepted(r)) return { choiceId: 'refused', why: `Her request ${happened(r)}: the signature covers the exact bytes of the claims.` };
        const role = servedRole(r);
        return { choiceId: role === 'admin' ? 'admin' : 'user', why: `Her request ${happened(r)}, served with role "${role ?? 'unknown'}".` };
      },
    },
    {
      id: 'tampering-alg-none',
      atMs: 6_200,
      modes: ['jwt'],
      prompt: 'Now Alice\u2019s token says role "admin" again, its header says alg "none", and it has no signature. Her next request\u2026',
      choices: [
        { id: 'accepted', text: 'is accepted: an unsigned token has no signature that could fail' },
        { id: 'alg', text: 'is refused: the servers accept only the algorithm they sign with' },
        { id: 'other', text: 'is refused as malformed: a JWT must have a signature part' },
      ],
      outcome: (worlds, askedAtMs) => {
        const r = worlds.jwt && firstFinishedAfter(worlds.jwt, 'alice', askedAtMs);
        if (!r) return null;
        const choiceId = accepted(r) ? 'accepted' : r.reason === 'alg_not_allowed' ? 'alg' : 'other';
        // Why not "malformed": the token she sent had its three parts, the last one empty (learner review: the choice's misconception went unanswered).
        const form = refusedUnsigned(r) ? ': her token was well-formed, "header.payload." with an empty signature part, and was refused for its alg before any signature check' : '';
        return { choiceId, why: `Her request ${happened(r)}${form}.` };
      },
    },
  ],
  takeaway: (reports) =>
    perWorld(reports, {
      // Each world's own count of what got in: "only untampered tokens got in (5 of 11)" read as both worlds' total (learner review).
      session: (r) => `a guessed session id found no session ${times(apiCount(r, 'session_unknown'))}; only real session ids got in (${r.apiOutcomes.accepted} of ${plural(r.apiRequests, 'request')})`,
      jwt: (r) =>
        `the edited token failed its signature check ${times(apiCount(r, 'signature_invalid'))} and the unsigned one was refused ${times(apiCount(r, 'alg_not_allowed'))}; only untampered tokens got in (${r.apiOutcomes.accepted} of ${plural(r.apiRequests, 'request')})`,
    }),
  expect: (run) => {
    const f: string[] = [];
    const logins = 3;
    if (run.mode === 'jwt') {
      check(f, count(run, 'signature_invalid') === PER_ATTACK, `every request with the edited role should fail its signature check (${PER_ATTACK}, one per server), got ${count(run, 'signature_invalid')}`);
      check(f, count(run, 'alg_not_allowed') === PER_ATTACK, `every alg "none" request should be refused (${PER_ATTACK}), got ${count(run, 'alg_not_allowed')}`);
      check(f, run.requests.accepted === logins + REQUESTS - 2 * PER_ATTACK, `only untampered requests may get in (${logins + REQUESTS - 2 * PER_ATTACK}), got ${run.requests.accepted}`);
      // An alg "none" token is refused before any signature work: jose never looks for a key for it.
      check(f, run.signatureVerifications === REQUESTS - PER_ATTACK, `every request but the unsigned ones should have had its signature checked (${REQUESTS - PER_ATTACK}), got ${run.signatureVerifications}`);
    } else {
      check(f, count(run, 'session_unknown') === PER_ATTACK, `every request with the guessed id should find no session (${PER_ATTACK}), got ${count(run, 'session_unknown')}`);
      check(f, run.requests.accepted === logins + REQUESTS - PER_ATTACK, `only requests with a real session id may get in (${logins + REQUESTS - PER_ATTACK}), got ${run.requests.accepted}`);
    }
    return f;
  },
};

export default tampering;
