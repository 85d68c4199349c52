// The page's side of the lab's Web Worker (sweepWorker.ts): starts sweeps and measurements there
// through comlink, and cancels by terminating the worker (at once, whatever the engine is doing);
// the next call starts a fresh one. The lab page takes a SweepClient, so a test without Workers
// (happy-dom) passes its own.
import { proxy, wrap, type Remote } from 'comlink';
import type { Alg } from '../auth/alg';
import type { SweepSettings } from './settings';
import type { SweepReport, SweepRow } from './sweep';
import type { SweepWorkerApi } from './sweepWorker';

export interface SweepClientHooks {
  /** A row is done (index from 0). */
  onRow?: (row: SweepRow, index: number, total: number) => void;
  /** Share of the current row done, 0..1. */
  onProgress?: (rowIndex: number, total: number, rowShare: number) => void;
}

export interface SweepClient {
  /** Runs every row of the sweep; rejects with SweepCancelled if cancel() comes first. */
  start(settings: SweepSettings, hooks?: SweepClientHooks): Promise<SweepReport>;
  /** Stops whatever runs now (a sweep, a measurement): their promises reject with SweepCancelled. */
  cancel(): void;
  /** Median ms of a real jose check with `alg`, measured in the worker. */
  measureVerifyMs(alg: Alg): Promise<number>;
  /** The page is going away: the worker ends (a later call would start a new one). */
  dispose(): void;
}

/** What a cancelled call rejects with: not a failure, the learner's choice. */
export class SweepCancelled extends Error {
  constructor() {
    super('The sweep was cancelled.');
    this.name = 'SweepCancelled';
  }
}

/** The worker, as Vite bundles it: a module worker, its own chunk (vite.config.ts worker.format 'es'). */
export function spawnSweepWorker(): Worker {
  return new Worker(new URL('./sweepWorker.ts', import.meta.url), { type: 'module', name: 'load-lab' });
}

export function createSweepClient(spawn: () => Worker = spawnSweepWorker): SweepClient {
  let worker: Worker | null = null;
  let api: Remote<SweepWorkerApi> | null = null;
  /** The reject functions of calls still running: a stop settles them all (the dead worker never will). */
  const pending = new Set<(error: Error) => void>();

  const stop = (error: Error) => {
    worker?.terminate();
    worker = null;
    api = null;
    const rejects = [...pending];
    pending.clear();
    for (const reject of rejects) reject(error);
  };

  const connect = (): Remote<SweepWorkerApi> => {
    if (api) return api;
    const spawned = spawn();
    // A worker that cannot load or throws outside a call: every call waiting on it fails, saying so.
    spawned.addEventListener('error', (event: ErrorEvent) => {
      event.preventDefault();
      if (worker === spawned) stop(new Error(`The lab's worker stopped: ${event.message || 'it could not be loaded'}.`));
    });
    worker = spawned;
    api = wrap<SweepWorkerApi>(spawned);
    return api;
  };

  const call = <T>(run: (remote: Remote<SweepWorkerApi>) => Promise<T>): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      pending.add(reject);
      const settle = () => pending.delete(reject);
      let remote: Remote<SweepWorkerApi>;
      try {
        remote = connect();
      } catch (error) {
        settle();
        reject(error instanceof Error ? error : new Error(String(error)));
        return;
      }
      run(remote).then(
        (value) => {
          settle();
          resolve(value);
        },
        (error: unknown) => {
          settle();
          reject(error instanceof Error ? error : new Error(String(error)));
        },
      );
    });

  return {
    start: (settings, hooks = {}) =>
      call((remote) =>
        remote.run(
          settings,
          proxy((row: SweepRow, index: number, total: number) => hooks.onRow?.(row, index, total)),
          proxy((rowIndex: number, total: number, rowShare: number) => hooks.onProgress?.(rowIndex, total, rowShare)),
        ),
      ),
    cancel: () => stop(new SweepCancelled()),
    measureVerifyMs: (alg) => call((remote) => remote.measureVerifyMs(alg)),
    dispose: () => stop(new SweepCancelled()),
  };
}
