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
  /** The row running now and its share done. */
  rowIndex: number;
  rowShare: number;
  report: SweepReport | null;
  error: string | null;
  elapsedMs: number;
}

const IDLE: SweepRun = { status: 'idle', settings: null, rows: [], total: 0, rowIndex: 0, rowShare: 0, report: null, error: null, elapsedMs: 0 };

/**
 * One sweep at a time through the client: its rows as they finish, its progress, and how it ended.
 * A cancel ends the run at once (the worker is terminated); a newer run's state is never written by
 * an older one's late messages.
 */
export function useSweepRun(client: SweepClient): { run: SweepRun; start: (settings: SweepSettings) => void; cancel: () => void } {
  const [run, setRun] = useState<SweepRun>(IDLE);
  const ticket = useRef(0);

  const start = useCallback(
    (settings: SweepSettings) => {
      const mine = ++ticket.current;
      const began = performance.now();
      let settled = false;
      // comlink brings each callback over its own port: a row's message may come after the result.
      const current = () => ticket.current === mine && !settled;
      setRun({ ...IDLE, status: 'running', settings, total: rowCount(settings) });
      client
        .start(settings, {
          onRow: (row, index) => {
            if (current()) setRun((r) => ({ ...r, rows: [...r.rows.slice(0, index), row] }));
          },
          onProgress: (rowIndex, total, rowShare) => {
            if (current()) setRun((r) => ({ ...r, rowIndex, total, rowShare }));
          },
        })
        .then(
          (report) => {
            if (current()) setRun((r) => ({ ...r, status: 'done', rows: report.rows, report, rowIndex: report.rows.length, rowShare: 0, elapsedMs: performance.now() - began }));
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
    [client],
  );

  const cancel = useCallback(() => {
    ticket.current++;
    client.cancel();
    setRun((r) => (r.status === 'running' ? { ...r, status: 'cancelled' } : r));
  }, [client]);

  return { run, start, cancel };
}
