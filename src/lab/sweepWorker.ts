// The lab's Web Worker: sweeps run here, off the page's main thread. comlink carries the calls and
// the progress callbacks; the page cancels a sweep by terminating the worker (immediate, whatever
// the engine is doing), so nothing here needs to listen for a stop.
import { expose } from 'comlink';
import { measureVerifyMs } from './calibrate';
import { parseSweepSettings } from './settings';
import { runSweep, type SweepReport, type SweepRow } from './sweep';

const api = {
  measureVerifyMs,
  /** Validates the settings again (a worker trusts no message), then runs every row. */
  async run(input: unknown, onRow: (row: SweepRow, index: number, total: number) => void, onProgress: (rowIndex: number, total: number, rowShare: number) => void): Promise<SweepReport> {
    const parsed = parseSweepSettings(input);
    if (!parsed.ok) throw new Error(parsed.problems.join(' '));
    return runSweep(parsed.settings, { onRow, onProgress });
  },
};

export type SweepWorkerApi = typeof api;

expose(api);
