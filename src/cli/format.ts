// Human-readable text for a RunReport: one block per mode, plus whether the lesson held.
import type { RunReport } from '../sim/report';
import type { Scenario } from '../scenarios/scenario';
import { plural } from '../format';
import { seconds } from '../formatSpans';

/** `intervened`: the run replayed `--actions`, so the lesson's own expectations may not hold, and a miss is no broken lesson. */
export function formatReport(report: RunReport, scenario: Scenario, intervened = false): string {
  const lines = [`${scenario.title} (${report.scenario}, seed ${report.seed})`, scenario.notice, ''];
  for (const run of report.runs) {
    const r = run.requests;
    const reasons = Object.entries(r.byReason).map(([k, v]) => `${k} ${v}`).join(', ');
    lines.push(
      `[${run.mode}]`,
      `  requests      ${r.total} total, ${r.accepted} accepted, ${r.rejected} rejected, ${r.timedOut} timed out (${reasons})`,
      `  bytes/request ${run.bytes.requestMean} (credential ${run.bytes.credentialMean})`,
      `  store lookups ${run.storeLookups}: ${run.apiStoreLookups} by ${plural(run.apiRequests, 'API request')} (${run.lookupsPerApiRequest} each)${run.refreshStoreLookups > 0 ? `, ${run.refreshStoreLookups} by refreshes` : ''}${run.storeLookups > run.apiStoreLookups + run.refreshStoreLookups ? `, ${run.storeLookups - run.apiStoreLookups - run.refreshStoreLookups} by logouts` : ''}; ${plural(run.storeOps, 'store operation')} in all; ${plural(run.signatureVerifications, 'signature check')}`,
      `  latency       p50 ${run.latencyMs.p50} ms, p99 ${run.latencyMs.p99} ms`,
    );
    if (run.revocation) lines.push(`  revocation    ${run.revocation.acceptedAfter} accepted after it, exposure ${seconds(run.revocation.exposureMs)}, ${run.revocation.refusedAfter} refused`);
    const failures = scenario.expect(run);
    // With interventions a miss is what they changed (code review: a login added to basic read "LESSON BROKEN").
    const verdict = failures.length ? `${intervened ? 'with these interventions, unlike the lesson' : 'LESSON BROKEN'}: ${failures.join('; ')}` : `lesson holds${intervened ? ', interventions and all' : ''}`;
    lines.push(`  ${verdict}`, '');
  }
  return lines.join('\n');
}
