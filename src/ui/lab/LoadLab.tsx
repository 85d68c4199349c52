// The load lab (link parameter lab=load): sweeps of the real engine at steady load, one row per
// model and server count, run in a Web Worker; the rows as charts, a table and a reading in words.
// Loaded on demand by src/main.tsx: nothing here is part of the lessons' first load.
import { useEffect, useMemo, useRef, useState } from 'react';
import { createSweepClient, type SweepClient } from '../../lab/sweepClient';
import { sweepFromSearch } from '../../lab/sweepLink';
import { misnamed } from '../../store/urlState';
import { DEFAULT_FORM, formOf, settingsOf } from './labForm';
import { RunControls } from './RunControls';
import { SweepCharts } from './SweepCharts';
import { SweepForm } from './SweepForm';
import { SweepReading } from './SweepReading';
import { SweepTable } from './SweepTable';
import { useMeasuredCost } from './useMeasuredCost';
import { warmUpCharts } from './UPlotChart';
import { useLabHost } from './useLabHost';
import { useSweepRun } from './useSweepRun';
import './lab.css';

export const LAB_TITLE = 'Load lab: how sessions and JWTs scale';

interface Props {
  /** Where sweeps run: the lab's Web Worker unless a test passes its own. */
  client?: SweepClient;
  /** Link parameters the page could not use, each in a sentence. */
  notices?: string[];
  /** The page's query string: `sweep=` may carry settings (src/lab/sweepLink.ts). */
  search?: string;
}

/**
 * Back to the lesson the picker left for the lab (the page that sent the learner here, this site's
 * lessons), or the first lesson: "Back to the lessons" opened "Log in and browse", not the lesson left (a11y review).
 */
function lessonsLink(): string {
  const here = window.location.pathname;
  try {
    const from = new URL(document.referrer);
    // The lesson and how it was shown, not the moment: a shared link's t, play=1 and interventions opened again, with their notices.
    const lesson = new URLSearchParams([...from.searchParams].filter(([name]) => ['scenario', 'mode', 'seed', 'q'].includes(name)));
    if (from.origin === window.location.origin && from.pathname === here && !from.searchParams.has('lab') && lesson.size) return `${here}?${lesson.toString()}`;
  } catch {
    // No referrer, or not an address: the first lesson.
  }
  return here;
}

export function LoadLab({ client: given, notices: linkNotices = [], search = window.location.search }: Props) {
  const [linked] = useState(() => sweepFromSearch(search));
  const [typos] = useState(() => misnamed(new URLSearchParams(search), ['sweep']));
  const notices = [...linkNotices, ...linked.problems, ...typos];
  const [client] = useState(() => given ?? createSweepClient());
  // Leaving the page ends the worker; a later call (React's dev double mount) starts a new one.
  useEffect(() => () => client.dispose(), [client]);
  useEffect(() => {
    document.title = LAB_TITLE;
  }, []);
  useEffect(warmUpCharts, []);
  const [form, setForm] = useState(() => (linked.sweep ? formOf(linked.sweep) : DEFAULT_FORM));
  const measured = useMeasuredCost(client, form.alg, form.costSource === 'measured');
  const parsed = useMemo(() => settingsOf(form, measured), [form, measured]);
  const { run, progress, start, cancel } = useSweepRun(client);
  const running = run.status === 'running';
  const page = useRef<HTMLDivElement>(null);
  useLabHost(page, LAB_TITLE);
  return (
    <div className={linked.embed ? 'lab lab-embed' : 'lab'} ref={page}>
      <header className="lab-header">
        {/* In a course page's frame, the teacher placed the lab: a way to the lessons would leave it. */}
        {!linked.embed && (
          <a className="lab-back" href={lessonsLink()}>
            Back to the lessons
          </a>
        )}
        <h1>{LAB_TITLE}</h1>
        <p className="lab-intro">
          Each row runs the simulator&rsquo;s real engine under steady load with one more server: watch where each model&rsquo;s throughput levels off, and what it waits on there.
        </p>
      </header>
      <main className="lab-main">
        {notices.length > 0 && (
          <ul className="notices lab-notices" role="status" aria-label="Notices">
            {notices.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
        )}
        <SweepForm form={form} onChange={setForm} measured={measured} parsed={parsed} locked={running} onSubmit={() => parsed.ok && !running && start(parsed.settings)}>
          <RunControls parsed={parsed} run={run} progress={progress} onCancel={cancel} />
        </SweepForm>
        {run.status !== 'idle' && <SweepReading run={run} />}
        {run.settings && run.rows.length > 0 && (
          <>
            <SweepCharts settings={run.settings} rows={run.rows} />
            <SweepTable rows={run.rows} />
          </>
        )}
      </main>
    </div>
  );
}
