// The RunReport of DESIGN.md: the numbers a run produced, measured, never estimated.
import type { ReasonCode } from '../reasons';
import { latencyPercentiles } from './latency';
import { signingKeyHolders } from './nodes/keySet';
import type { Mode, SimState } from './types';

export interface ModeRun {
  mode: Mode;
  requests: { total: number; accepted: number; rejected: number; timedOut: number; byReason: Partial<Record<ReasonCode, number>> };
  /** Means over API requests (GET /api/...): the article's "size sent per request". */
  bytes: { requestMean: number; credentialMean: number };
  storeLookups: number;
  signatureVerifications: number;
  /** `refusedAfter` (an extension): API requests refused while presenting a revoked credential. */
  revocation: { acceptedAfter: number; exposureMs: number; refusedAfter: number } | null;
  latencyMs: { p50: number; p99: number };
  /** Extensions (the contract grows, never shrinks). */
  apiRequests: number;
  lookupsPerApiRequest: number;
  /** Every operation the shared store served: lookups plus writes, refresh rotations, deletes. */
  storeOps: number;
  cookiesDropped: number;
  /** Bytes (name + value) of the largest cookie a browser dropped for its size; 0 when none was. */
  droppedCookieBytesMax: number;
  sessionsInStore: number;
  unfinishedRequests: number;
  /** Bytes of the largest credential header one API request carried. */
  credentialBytesMax: number;
  /** Accepted requests that acted on a role the user no longer has (a JWT's stale claim). */
  staleRoleAccepts: number;
  /** Roles the admin changed for users holding a credential (stale-claims' demotion and promotion). */
  roleChanges: number;
  /** Nodes holding key material that can mint tokens, at the end of the run and at its peak. */
  signingKeyHolders: number;
  signingKeyHoldersMax: number;
  /** Actions from outside the lesson's script applied so far (a learner's, a link's, the runner's --actions). */
  interventions: number;
  /** Outcomes per client id (logins and refreshes included), like requests.byReason. */
  byClient: Record<string, Partial<Record<ReasonCode, number>>>;
  /** Outcomes per app server that answered, like byClient: where each kind of refusal came from. */
  byServer: Record<string, Partial<Record<ReasonCode, number>>>;
  /** Store lookups made by API requests (storeLookups also counts logouts' and refreshes' lookups). */
  apiStoreLookups: number;
  /** Signature checks made by API requests (signatureVerifications also counts logouts'). */
  apiSignatureVerifications: number;
  /** Store lookups made by refreshes: each reads its refresh token's record. */
  refreshStoreLookups: number;
  /** API requests with no credential at all (nothing to look up), and session ones looked up in a server's own memory. */
  apiWithoutCredential: number;
  apiMemoryLookups: number;
  /** What failed during the run: server crashes, store outages (whether or not a request noticed). */
  /** Crashes and outages, the sessions crashes took with servers' memory, and requests refused for it. */
  failures: { serverCrashes: number; storeOutages: number; sessionsLost: number; lostSessionRefusals: number };
  /**
   * Outcomes of API requests only, overall and per client: `requests` and `byClient` count logins,
   * logouts and refreshes too. The comparison table counts API requests (`apiRequests`), so a
   * takeaway's request counts read these (at a run's end, their sum is `apiRequests`).
   */
  apiOutcomes: { accepted: number; byReason: Partial<Record<ReasonCode, number>>; byClient: Record<string, Partial<Record<ReasonCode, number>>> };
}

export interface RunReport {
  scenario: string;
  seed: number;
  runs: ModeRun[];
}

const copyCounts = (counts: Record<string, Partial<Record<ReasonCode, number>>>) => Object.fromEntries(Object.entries(counts).map(([id, reasons]) => [id, { ...reasons }]));

/** Rounds to `digits` decimals: how a report's figures are given. */
export const round = (n: number, digits = 1): number => Math.round(n * 10 ** digits) / 10 ** digits;

export function modeRun(s: SimState): ModeRun {
  const m = s.metrics;
  const api = m.apiRequests;
  const [p50, p99] = latencyPercentiles(m.latencies, [50, 99]);
  return {
    mode: s.options.mode,
    requests: { total: m.total, accepted: m.accepted, rejected: m.rejected, timedOut: m.timedOut, byReason: { ...m.byReason } },
    bytes: { requestMean: api ? round(m.apiRequestBytes / api) : 0, credentialMean: api ? round(m.apiCredentialBytes / api) : 0 },
    storeLookups: m.storeLookups,
    signatureVerifications: m.signatureVerifications,
    revocation: s.revocations.length ? { acceptedAfter: m.acceptedAfterRevocation, exposureMs: round(m.exposureMs), refusedAfter: m.refusedAfterRevocation } : null,
    latencyMs: { p50: round(p50!), p99: round(p99!) },
    apiRequests: api,
    lookupsPerApiRequest: api ? round(m.apiStoreLookups / api, 2) : 0,
    storeOps: s.store.ops,
    cookiesDropped: m.cookiesDropped,
    droppedCookieBytesMax: m.droppedCookieBytesMax,
    sessionsInStore: Object.keys(s.store.sessions).length,
    unfinishedRequests: s.requests.size,
    credentialBytesMax: m.apiCredentialBytesMax,
    staleRoleAccepts: m.staleRoleAccepts,
    roleChanges: m.roleChanges,
    signingKeyHolders: signingKeyHolders(s),
    signingKeyHoldersMax: m.signingKeyHoldersMax,
    interventions: m.interventions,
    byClient: copyCounts(m.byClient),
    byServer: copyCounts(m.byServer),
    apiStoreLookups: m.apiStoreLookups,
    apiSignatureVerifications: m.apiSignatureVerifications,
    refreshStoreLookups: m.refreshStoreLookups,
    apiWithoutCredential: m.apiWithoutCredential,
    apiMemoryLookups: m.apiMemoryLookups,
    failures: { serverCrashes: m.serverCrashes, storeOutages: m.storeOutages, sessionsLost: m.sessionsLost, lostSessionRefusals: m.lostSessionRefusals },
    apiOutcomes: { accepted: m.apiAccepted, byReason: { ...m.apiByReason }, byClient: copyCounts(m.apiByClient) },
  };
}
