import { useCallback, useRef, useState } from 'react';
import type { SweepSettings } from '../../lab/settings';
import { rowCount } from '../../lab/settings';
import type { SweepReport, SweepRow } from '../../lab/sweep';
import { SweepCancelled, type SweepClient } from '../../lab/sweepClient';

export type SweepStatus = 'idle' | 'running' | 'done' | 'cancelled' | 'failed';

export interface SweepRun {
  status: SweepStatus;
  /** The settings of the run shown (null before the first). */
  settings: SweepSettings | null;
  /** Rows finished, in order: they stay after a cancel. */
  rows: SweepRow[];
  total: number;
  report: SweepReport | null;
  error: string | null;
  elapsedMs: number;
}

/** The row running now and its share done: told dozens of times a row, so kept apart from the run. */
export interface SweepProgress {
  rowIndex: number;
  rowShare: number;
}

/**
 * Where the progress lives: only what shows it subscribes (useSyncExternalStore), so a tick redraws
 * the progress bar and its words, not the lab's form, charts and table.
 */
export interface ProgressFeed {
  get: () => SweepProgress;
  subscribe: (listener: () => void) => () => void;
}

const IDLE: SweepRun = { status: 'idle', settings: null, rows: [], total: 0, report: null, error: null, elapsedMs: 0 };
const NO_PROGRESS: SweepProgress = { rowIndex: 0, rowShare: 0 };

/** How often a share alone is told: 40 a row, two rows at once, each moving the bar under a pixel. */
export const PROGRESS_EVERY_MS = 250;

/** A new row is told at once (its words change); a share within a row at most every PROGRESS_EVERY_MS. */
function progressFeed(): ProgressFeed & { set: (next: SweepProgress) => void } {
  let now = NO_PROGRESS;
  let told = NO_PROGRESS;
  let toldAt = -Infinity;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const listeners = new Set<() => void>();
  const tell = () => {
    clearTimeout(timer);
    timer = undefined;
    told = now;
    toldAt = performance.now();
    for (const listener of listeners) listener();
  };
  return {
    get: () => told,
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    set: (next) => {
      now = next;
      if (next.rowIndex === told.rowIndex && next.rowShare === told.rowShare) return;
      const wait = toldAt + PROGRESS_EVERY_MS - performance.now();
      if (next.rowIndex !== told.rowIndex || wait <= 0) tell();
      else timer ??= setTimeout(tell, wait);
    },
  };
}

/** The same rows (a run's report repeats those already told): kept, so charts and table do not redraw. */
const sameRows = (a: SweepRow[], b: SweepRow[]) => a.length === b.length && a.every((row, i) => row === b[i]);

/**
 * One sweep at a time through the client: its rows as they finish, its progress, and how it ended.
 * A cancel ends the run at once (the worker is terminated); a newer run's state is never written by
 * an older one's late messages.
 */
export function useSweepRun(client: SweepClient): { run: SweepRun; progress: ProgressFeed; start: (settings: SweepSettings) => void; cancel: () => void } {
  const [run, setRun] = useState<SweepRun>(IDLE);
  const [progress] = useState(progressFeed);
  const ticket = useRef(0);

  const start = useCallback(
    (settings: SweepSettings) => {
      const mine = ++ticket.current;
      const began = performance.now();
      let settled = false;
      // comlink brings each callback over its own port: a row's message may come after the result.
      const current = () => ticket.current === mine && !settled;
      progress.set(NO_PROGRESS);
      setRun({ ...IDLE, status: 'running', settings, total: rowCount(settings) });
      client
        .start(settings, {
          onRow: (row, index) => {
            if (current()) setRun((r) => ({ ...r, rows: [...r.rows.slice(0, index), row] }));
          },
          // The total is the settings' row count, set at the start: a tick changes only the progress.
          onProgress: (rowIndex, _total, rowShare) => {
            if (current()) progress.set({ rowIndex, rowShare });
          },
        })
        .then(
          (report) => {
            if (current()) {
              progress.set({ rowIndex: report.rows.length, rowShare: 0 });
              setRun((r) => ({ ...r, status: 'done', rows: sameRows(r.rows, report.rows) ? r.rows : report.rows, report, elapsedMs: performance.now() - began }));
            }
            settled = true;
          },
          (error: unknown) => {
            const mineStill = current();
            settled = true;
            if (!mineStill || error instanceof SweepCancelled) return;
            setRun((r) => ({ ...r, status: 'failed', error: error instanceof Error ? error.message : String(error) }));
          },
        );
    },
    [client, progress],
  );

  const cancel = useCallback(() => {
    ticket.current++;
    client.cancel();
    setRun((r) => (r.status === 'running' ? { ...r, status: 'cancelled' } : r));
  }, [client]);

  return { run, progress, start, cancel };
}
