import { ErrorBoundary } from './ErrorBoundary';
import { ComparisonTable } from './compare/ComparisonTable';
import { DiffStrip } from './narration/DiffStrip';
import { EventLog } from './narration/EventLog';
import { Transcript } from './narration/Transcript';
import type { Mode } from '../sim/types';
import type { RefObject } from 'react';
import { DetailsOnScreen } from './useCalmValue';
import { useOnScreen } from './useOnScreen';

/** The run in detail, below the first screen: the strip, the transcript, the event logs and the table (App loads it on demand). */
export default function Details({ modes, section }: { modes: Mode[]; section: RefObject<HTMLElement | null> }) {
  return (
    <DetailsOnScreen value={useOnScreen(section)}>
      <DiffStrip />
      <div className="logs">
        <Transcript />
        {modes.map((mode) => (
          <EventLog key={mode} mode={mode} />
        ))}
      </div>
      <ErrorBoundary what="comparison table">
        <ComparisonTable />
      </ErrorBoundary>
      <p className="tagline">A wristband the staff must look up, or a badge anyone can check: watch both at work in a small cluster.</p>
    </DetailsOnScreen>
  );
}
