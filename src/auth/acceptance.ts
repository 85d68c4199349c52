// When a server accepts a token, as pure rules: the time window (exp, nbf, iat against the
// server's own clock, with its tolerance) and the algorithms it allows. The servers (through
// verifyToken, after jose has checked the signature), the inspector's prediction, the denylist's
// pruning and the invariant checkers all read these, so they can never disagree.

export type TimeVerdict = 'ok' | 'token_expired' | 'token_not_yet_valid';

const seconds = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** The time rules a token can break, and the verdict each gives. */
export type TimeRule = 'nbf' | 'exp' | 'iat';
export const TIME_RULE_VERDICT: Record<TimeRule, Exclude<TimeVerdict, 'ok'>> = { nbf: 'token_not_yet_valid', exp: 'token_expired', iat: 'token_not_yet_valid' };

/**
 * The first time rule the token breaks at a server whose clock reads `nowMs`, as jose judges them:
 * whole seconds rounded down, and the tolerance on both sides. A token issued "in the future" (iat
 * ahead of the clock) is not valid yet, like one whose nbf is ahead (jose leaves iat to us).
 */
export function brokenTimeRule(claims: { exp?: unknown; nbf?: unknown; iat?: unknown }, nowMs: number, toleranceMs: number): TimeRule | null {
  const now = Math.floor(nowMs / 1000);
  const tolerance = toleranceMs / 1000;
  // In jose's order (nbf, then exp), then the iat rule it leaves to us: a token failing two rules gets the first's reason.
  const nbf = seconds(claims.nbf);
  if (nbf !== null && nbf > now + tolerance) return 'nbf';
  const exp = seconds(claims.exp);
  if (exp !== null && exp <= now - tolerance) return 'exp';
  const iat = seconds(claims.iat);
  if (iat !== null && iat > now + tolerance) return 'iat';
  return null;
}

/** The verdict of the token's time claims (see brokenTimeRule). */
export function timeVerdict(claims: { exp?: unknown; nbf?: unknown; iat?: unknown }, nowMs: number, toleranceMs: number): TimeVerdict {
  const rule = brokenTimeRule(claims, nowMs, toleranceMs);
  return rule === null ? 'ok' : TIME_RULE_VERDICT[rule];
}

/** Whether a server whose clock reads `nowMs` still takes a token expiring at `expSec` (a revoked one must stay denylisted until none does). */
export const acceptsExpiry = (expSec: number, nowMs: number, toleranceMs: number): boolean => timeVerdict({ exp: expSec }, nowMs, toleranceMs) !== 'token_expired';

/**
 * The algorithms a server accepts: every key's in the set (public keys and HS256 secrets), so tokens signed before an algorithm
 * change stay valid during the overlap (the key named by kid must still match, see verifyToken).
 */
export function acceptedAlgorithms<A extends string>(keys: readonly { ready: boolean; alg: A }[]): A[] {
  // Asked for every signature check (~100,000 in a lab row): the last list while it still holds.
  if (sameAlgorithms(keys, lastAccepted)) return lastAccepted as A[];
  const algs: A[] = [];
  for (const k of keys) if (k.ready && !algs.includes(k.alg)) algs.push(k.alg);
  lastAccepted = algs;
  return algs;
}

/** The last list acceptedAlgorithms made: shared by every check, never written to. */
let lastAccepted: readonly string[] = [];

/** Whether the ready keys' algorithms, in first-seen order, are `algs`, without making a list. */
function sameAlgorithms(keys: readonly { ready: boolean; alg: string }[], algs: readonly string[]): boolean {
  let seen = 0;
  for (const k of keys) {
    if (!k.ready) continue;
    const at = algs.indexOf(k.alg);
    if (at < 0 || at > seen) return false;
    if (at === seen) seen++;
  }
  return seen === algs.length;
}
