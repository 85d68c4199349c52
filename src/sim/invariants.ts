// Invariant checkers over a finished run (VOPR style): each returns the violations it found, as
// sentences. Tests run them over random scripts; an empty list means the model kept its promises.
import type { RequestRecord, SimState } from './types';
import { acceptsExpiry } from '../auth/acceptance';
import { own, revocationCovering, VIRTUAL_EPOCH_MS } from './world';

/** Every request sent got exactly one outcome, and none is left hanging. */
export function eachRequestOneOutcome(s: SimState): string[] {
  const problems: string[] = [];
  const sent = s.nextRequestId - 1;
  if (s.metrics.total !== sent) problems.push(`${sent} requests were sent but ${s.metrics.total} outcomes were recorded`);
  const open = s.requests.size;
  if (open > 0) problems.push(`${open} requests never finished`);
  const seen = new Set<number>();
  for (const r of s.recent) {
    if (seen.has(r.id)) problems.push(`request #${r.id} has two outcomes`);
    seen.add(r.id);
  }
  const sum = s.metrics.accepted + s.metrics.rejected + s.metrics.timedOut;
  if (sum !== s.metrics.total) problems.push(`accepted + rejected + timed out = ${sum}, not ${s.metrics.total}`);
  return problems;
}

const acceptedWith = (s: SimState): RequestRecord[] => s.recent.filter((r) => r.reason === 'ok' && r.kind === 'api' && r.credentialId !== null);

/** A revoked credential (a deleted session, a denylisted jti) is never accepted after the revocation. */
export function revokedNeverAccepted(s: SimState): string[] {
  const problems: string[] = [];
  for (const r of acceptedWith(s)) {
    // The same cover the metrics count with (revocationCovering): a credential's own revocation, or its user's after it was issued.
    const rev = revocationCovering(s, r, r.checkedAtMs ?? 0);
    if (rev) problems.push(`request #${r.id} was accepted at ${r.checkedAtMs} ms with ${r.credentialId} revoked at ${rev.atMs} ms (${rev.what})`);
  }
  return problems;
}

/** Without a denylist a JWT is accepted exactly while it is unexpired (servers without clock skew). */
export function jwtAcceptedUntilExp(s: SimState): string[] {
  const problems: string[] = [];
  for (const r of s.recent) {
    if (r.kind !== 'api' || r.credential !== 'jwt' || !r.credentialId) continue;
    const issued = own(s.issued, r.credentialId);
    const at = r.decidedAtMs;
    if (!issued || at === null) continue;
    const expired = !acceptsExpiry((VIRTUAL_EPOCH_MS + issued.expiresAtMs) / 1000, VIRTUAL_EPOCH_MS + at, s.options.clockToleranceMs);
    if (r.reason === 'ok' && expired) problems.push(`request #${r.id} was accepted after exp`);
    if (r.reason === 'token_expired' && !expired) problems.push(`request #${r.id} was called expired before exp`);
  }
  return problems;
}

/** The invariants every finished headless run must keep, by name (the runner exits 3 naming one). */
export function violatedInvariants(s: SimState): { name: string; problems: string[] }[] {
  const checks: [string, (s: SimState) => string[]][] = [['eachRequestOneOutcome', eachRequestOneOutcome]];
  return checks.map(([name, check]) => ({ name, problems: check(s) })).filter((v) => v.problems.length > 0);
}
