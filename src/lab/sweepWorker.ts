// The lab's Web Worker: sweep rows run here, off the page's main thread, one at a time; the page
// runs several of these workers at once (sweepClient.ts). comlink carries the calls and the
// progress callback; the page cancels by terminating the workers (immediate, whatever the engine
// is doing), so nothing here needs to listen for a stop.
import { expose } from 'comlink';
import { measureVerifyMs } from './calibrate';
import { parseSweepSettings, sweepPlan } from './settings';
import { runRow, type SweepRow } from './sweep';

const api = {
  measureVerifyMs,
  /** Row `index` of the sweep's plan. The settings are validated again: a worker trusts no message. */
  async runRow(input: unknown, index: number, onShare: (share: number) => void): Promise<SweepRow> {
    const parsed = parseSweepSettings(input);
    if (!parsed.ok) throw new Error(parsed.problems.join(' '));
    const planned = Number.isInteger(index) ? sweepPlan(parsed.settings)[index] : undefined;
    if (!planned) throw new Error(`The sweep has no row ${index}.`);
    const row = await runRow(parsed.settings, planned.mode, planned.servers, onShare);
    if (!row) throw new Error(`Row ${index} stopped before it finished.`);
    return row;
  },
};

export type SweepWorkerApi = typeof api;

expose(api);
