import { memo } from 'react';
import { formatNumber, plural } from '../../format';
import type { SweepRow } from '../../lab/sweep';
import type { ReasonCode } from '../../reasons';
import { SCHEME_WORDS } from '../../sim/schemes/names';

interface Column {
  key: string;
  head: string;
  value: (row: SweepRow) => number;
  /** How the number reads (default: one decimal). */
  text?: (n: number) => string;
}

const share = (n: number) => `${formatNumber(n * 100, 0)} %`;

/** The charts' numbers, and more: one column per measure (data-key/data-value carry the raw figure). */
const COLUMNS: Column[] = [
  { key: 'throughputRps', head: 'Throughput (req/s)', value: (r) => r.throughputRps },
  { key: 'offeredRps', head: 'Offered (req/s)', value: (r) => r.offeredRps },
  { key: 'p50', head: 'p50 (ms)', value: (r) => r.latencyMs.p50 },
  { key: 'p99', head: 'p99 (ms)', value: (r) => r.latencyMs.p99 },
  { key: 'storeOpsPerSec', head: 'Store (ops/s)', value: (r) => r.storeOpsPerSec },
  { key: 'storeUtilisation', head: 'Store busy', value: (r) => r.storeUtilisation, text: share },
  { key: 'signatureVerificationsPerSec', head: 'Signature checks (/s)', value: (r) => r.signatureVerificationsPerSec },
  { key: 'verifyCpuMsPerSec', head: 'Check CPU (ms/s)', value: (r) => r.verifyCpuMsPerSec, text: (n) => formatNumber(n, 2) },
  { key: 'serverCpuUtilisation', head: 'Server CPU busy', value: (r) => r.serverCpuUtilisation, text: share },
  { key: 'requestBytesMean', head: 'Bytes per request', value: (r) => r.requestBytesMean },
  // Under 1 kB/s, to the byte (one user at 0.1 req/s read "0").
  { key: 'wireKBPerSec', head: 'Request bytes (kB/s)', value: (r) => r.wireBytesPerSec / 1000, text: (n) => formatNumber(n, n < 1 ? 3 : 1) },
];

/** "overloaded 12.5/s, timeout 3/s", or "none" (and requests a signed-out app did not send). */
function failures(row: SweepRow): string {
  const seconds = row.windowMs / 1000;
  const failed = (Object.entries(row.byReason) as [ReasonCode, number][]).filter(([reason, n]) => reason !== 'ok' && n > 0);
  const parts = failed.map(([reason, n]) => `${reason} ${formatNumber(n / seconds)}/s`);
  // Not a failure a server gave, but requests that never went: their users were signed out.
  if (row.signedOutSkipsPerSec > 0) parts.push(`not sent (signed out) ${formatNumber(row.signedOutSkipsPerSec)}/s`);
  return parts.length ? parts.join(', ') : 'none';
}

/** The text alternative to the charts: every row's key numbers (drawn again only when a row arrives). */
export const SweepTable = memo(function SweepTable({ rows }: { rows: SweepRow[] }) {
  const checks = rows.reduce((t, r) => ({ real: t.real + r.verifications.real, modelled: t.modelled + r.verifications.modelled, mismatches: t.mismatches + r.verifications.mismatches }), { real: 0, modelled: 0, mismatches: 0 });
  return (
    <section className="lab-section" aria-labelledby="lab-table-title">
      <h2 id="lab-table-title">Every row</h2>
      <p className="lab-note">Each row is measured over its window of steady load, after every user has logged in.</p>
      <div className="lab-table-wrap" role="region" aria-label="Sweep table, scrollable" tabIndex={0}>
        <table className="lab-table">
          <caption>The sweep&rsquo;s rows: model and server count</caption>
          <thead>
            <tr>
              <th scope="col">Row</th>
              {COLUMNS.map((c) => (
                <th key={c.key} scope="col">
                  {c.head}
                </th>
              ))}
              <th scope="col">Failed (by reason)</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={`${row.mode}-${row.servers}`} data-mode={row.mode} data-servers={row.servers}>
                <th scope="row" className={`lab-rowhead tone-${row.mode}`}>
                  {SCHEME_WORDS[row.mode].name}, {plural(row.servers, 'server')}
                </th>
                {COLUMNS.map((c) => {
                  const n = c.value(row);
                  return (
                    <td key={c.key} data-key={c.key} data-value={n}>
                      {(c.text ?? formatNumber)(n)}
                    </td>
                  );
                })}
                <td data-key="failed">{failures(row)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="lab-note">
        {/* Plain words (learner review): "run through jose, … judged by the model" was jargon. A sampled
            check counts in both (verifyMemo.ts): the real ones are not "the others" of the modelled. */}
        Signature checks: {formatNumber(checks.real)} verified for real with WebCrypto (each token&apos;s first check, and a regular sample of the rest);{' '}
        {formatNumber(checks.modelled)} answered by the model, with the same result and the CPU time a real one takes here; {plural(checks.mismatches, 'disagreement')} between the model and the sample.
      </p>
    </section>
  );
});
