import { ErrorBoundary } from './ErrorBoundary';
import { ComparisonTable } from './compare/ComparisonTable';
import { DiffStrip } from './narration/DiffStrip';
import { EventLog } from './narration/EventLog';
import { Transcript } from './narration/Transcript';
import type { Mode } from '../sim/types';
import type { RefObject } from 'react';
import { DetailsOnScreen } from './useCalmValue';
import { useOnScreen } from './useOnScreen';
import { useApp } from './storeContext';
import { predicting } from '../store/selectors';

/**
 * The run in detail, below the first screen: the strip, the transcript, the event logs and the table
 * (App loads it on demand). While a prediction is asked for, they are held back as the caption's line
 * is: the ban's log line ("1 issued token stays valid for 25 s more") and the table's revocation row
 * answered revocation's question a scroll below its card (learner review).
 */
export default function Details({ modes, section }: { modes: Mode[]; section: RefObject<HTMLElement | null> }) {
  const held = useApp(predicting);
  return (
    <DetailsOnScreen value={useOnScreen(section)}>
      {held && <p className="details-held">The event logs and the comparison table are hidden until you answer the question: they would give its answer away.</p>}
      <div className="details-body" inert={held}>
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
      </div>
    </DetailsOnScreen>
  );
}
