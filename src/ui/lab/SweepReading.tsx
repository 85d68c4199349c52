import { useMemo } from 'react';
import { readSweep } from '../../lab/reading';
import type { SweepRun } from './useSweepRun';

/**
 * The sweep in words (src/lab/reading.ts), once every row is done. Not a live region: its ~280 words
 * were spoken at once as the sweep ended, over the status; the status says it is done, and focus
 * goes to the link here (RunControls).
 */
export function SweepReading({ run }: { run: SweepRun }) {
  const sentences = useMemo(() => (run.report ? readSweep(run.report) : []), [run.report]);
  return (
    <section className="lab-section lab-reading" aria-labelledby="lab-reading-title">
      <h2 id="lab-reading-title">What the sweep shows</h2>
      <div>
        {run.status === 'done' ? (
          sentences.map((s) => <p key={s}>{s}</p>)
        ) : (
          <p className="lab-note">{run.status === 'running' ? 'The reading comes when every row is done.' : 'A cancelled or failed sweep is not read: run it whole for the reading.'}</p>
        )}
      </div>
    </section>
  );
}
