import { useEffect, useRef, useSyncExternalStore } from 'react';
import { plural } from '../../format';
import { rowCount, type SweepParse, type SweepSettings } from '../../lab/settings';
import { sweepLinkSearch } from '../../lab/sweepLink';
import { useCalmValue } from '../calmValue';
import { focusLost } from '../focus';
import { cancelledText, doneText, problemId, progressText } from './labWords';
import { isStillMeasuring } from './labForm';
import { useSettledText } from './useSettledText';
import type { ProgressFeed, SweepRun } from './useSweepRun';

interface Props {
  parsed: SweepParse;
  run: SweepRun;
  progress: ProgressFeed;
  onCancel: () => void;
}

/** The bar: with the row's words below, the only part of the page a progress tick redraws. */
function ProgressBar({ total, progress }: { total: number; progress: ProgressFeed }) {
  const { rowIndex, rowShare } = useSyncExternalStore(progress.subscribe, progress.get);
  return <progress className="lab-progress" aria-label="Sweep progress" max={Math.max(1, total)} value={Math.min(total, rowIndex + rowShare)} />;
}

/**
 * How a sweep goes, "Row 3 of 16: JWT, 3 servers" while it runs (a new text only when a row begins:
 * a share changes nothing here), then how it ended. A screen reader hears a row at most every
 * `ROWS_SAID_EVERY_MS` (a row takes ~0.6 s, and every one was read out), the end at once.
 */
function SweepStatus({ run, progress }: { run: SweepRun; progress: ProgressFeed }) {
  const rowIndex = useSyncExternalStore(progress.subscribe, () => progress.get().rowIndex);
  const running = run.status === 'running';
  // The last row done counts as the last row (a screen reader heard "Row 7 of 6" as a sweep ended).
  const text =
    running && run.settings
      ? progressText(run.settings, Math.min(rowIndex, run.total - 1), run.total)
      : run.status === 'done'
        ? doneText(run.rows.length, run.elapsedMs)
        : run.status === 'cancelled'
          ? cancelledText(run.rows.length, run.total)
          : '';
  const said = useCalmValue(text, running ? ROWS_SAID_EVERY_MS : 0);
  return (
    <>
      {/* Said by the region below, once: a screen reader browsing met the words twice. */}
      <p className="lab-status" aria-hidden="true">
        {text}
      </p>
      <p className="visually-hidden" role="status" data-testid="lab-status-said">
        {said}
      </p>
    </>
  );
}

/** The least real time between two rows said while a sweep runs. */
export const ROWS_SAID_EVERY_MS = 5_000;

/** "Run sweep runs 32 rows, each model from 1 server to 16." (or "...one model with 16 servers." for one count). */
function readyText(s: SweepSettings): string {
  const servers = s.serversFrom === s.serversTo ? `with ${plural(s.serversFrom, 'server')}` : `from ${plural(s.serversFrom, 'server')} to ${s.serversTo}`;
  return `Run sweep runs ${plural(rowCount(s), 'row')}, ${s.modes.length > 1 ? 'each model' : 'one model'} ${servers}.`;
}

/** What stands in the way of a run (or what it would be), Run and Cancel, and how the run goes. */
export function RunControls({ parsed, run, progress, onCancel }: Props) {
  const running = run.status === 'running';
  const runButton = useRef<HTMLButtonElement>(null);
  const cancelButton = useRef<HTMLButtonElement>(null);
  const resultsLink = useRef<HTMLAnchorElement>(null);
  // The button pressed disables itself (and the fields lock during a run): focus goes on, never to <body>.
  // A run that ends sends it to the link to its results where there is one, not to Run sweep: there one
  // Enter too many (a second on Cancel, or one as the sweep ended) threw the rows away for a new run (a11y review).
  const wasRunning = useRef(running);
  useEffect(() => {
    if (wasRunning.current === running) return;
    wasRunning.current = running;
    const active = document.activeElement;
    const stranded = focusLost() || (active instanceof HTMLElement && active.matches(':disabled'));
    if (running && (stranded || active === runButton.current)) cancelButton.current?.focus();
    if (!running && (stranded || active === cancelButton.current)) (resultsLink.current ?? runButton.current)?.focus();
  }, [running]);
  // What Run sweep runs, in words that stand before and after a run ("Ready:" stood over "Sweep done").
  const ready = parsed.ok ? readyText(parsed.settings) : '';
  // Shown at once, said once the typing stops (a11y review: read out at every keystroke).
  // The cost being measured is said by its own figure, "Measuring the EdDSA check…": said here too, the two came at once (a11y review).
  const said = useSettledText(parsed.ok ? ready : parsed.problems.filter((p) => !isStillMeasuring(p)).join(' '));
  return (
    <div className="lab-run">
      <div className="lab-problems">
        {/* Said by the region below, once: a screen reader browsing met the words twice (a11y review). */}
        {parsed.ok ? (
          <p className="lab-ready" aria-hidden="true">
            {ready}
          </p>
        ) : (
          <ul className="lab-problem-list" aria-hidden="true">
            {parsed.problems.map((p, i) => (
              <li key={p} id={problemId(i)}>
                {p}
              </li>
            ))}
          </ul>
        )}
        {/* Off while a sweep runs: words settled after a quick Enter were said between its rows (a11y review). */}
        <p className="visually-hidden" aria-live={running ? 'off' : 'polite'} data-testid="lab-problems-said">
          {said}
        </p>
      </div>
      <div className="lab-buttons">
        {/* aria-disabled, not disabled: a form whose submit button is disabled ignores Enter, and the button left the Tab order unexplained; pressed, it goes to the first problem (SweepForm). */}
        <button ref={runButton} type="submit" className="lab-primary" aria-disabled={!parsed.ok || running}>
          Run sweep
        </button>
        <button ref={cancelButton} type="button" disabled={!running} onClick={onCancel}>
          Cancel
        </button>
        {/* A teacher's way to hand out this sweep: the same page with these settings; it opens with the reference laptop's check cost (labForm.ts formOf), and says so. */}
        {parsed.ok && (
          <>
            <a className="lab-share" href={sweepLinkSearch(parsed.settings)} aria-describedby="lab-share-cost">
              Link to these settings
            </a>
            <span id="lab-share-cost" className="lab-share-note">
              (opens with the reference laptop&rsquo;s check cost)
            </span>
          </>
        )}
      </div>
      {running && <ProgressBar total={run.total} progress={progress} />}
      <SweepStatus run={run} progress={progress} />
      {/* The reading, charts and table come below the form, under the fold of a laptop: nothing said they were there. */}
      {(run.status === 'done' || (run.status === 'cancelled' && run.rows.length > 0)) && (
        // A cancelled run has no reading: its link goes to the rows it did (it said "See the rows done" and landed on "not read").
        <a ref={resultsLink} className="lab-to-results" href={run.status === 'done' ? '#lab-reading-title' : '#lab-table-title'}>
          {run.status === 'done' ? 'See what the sweep shows' : 'See the rows done'} ↓
        </a>
      )}
      {run.status === 'failed' && (
        <p className="error" role="alert">
          The sweep stopped: {run.error}
        </p>
      )}
    </div>
  );
}
