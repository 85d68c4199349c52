import { useMemo } from 'react';
import { readSweep } from '../../lab/reading';
import type { SweepRun } from './useSweepRun';

/** The sweep in words (src/lab/reading.ts), announced when every row is done. */
export function SweepReading({ run }: { run: SweepRun }) {
  const sentences = useMemo(() => (run.report ? readSweep(run.report) : []), [run.report]);
  return (
    <section className="lab-section lab-reading" aria-labelledby="lab-reading-title">
      <h2 id="lab-reading-title">What the sweep shows</h2>
      <div aria-live="polite">
        {run.status === 'done' ? (
          sentences.map((s) => <p key={s}>{s}</p>)
        ) : (
          <p className="lab-note">{run.status === 'running' ? 'The reading comes when every row is done.' : 'A cancelled or failed sweep is not read: run it whole for the reading.'}</p>
        )}
      </div>
    </section>
  );
}
