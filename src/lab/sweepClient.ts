// The page's side of the lab's Web Workers (sweepWorker.ts): a sweep's rows are independent runs,
// so a small pool of workers takes them in turn (one core each) and the page reports them in
// order. comlink carries the calls. Cancel terminates every worker (at once, whatever the engine
// is doing); the next call starts fresh ones. The lab page takes a SweepClient, so a test without
// Workers (happy-dom) passes its own.
import { proxy, wrap, type Remote } from 'comlink';
import type { Alg } from '../auth/alg';
import { rowCount, type SweepSettings } from './settings';
import type { SweepReport, SweepRow } from './sweep';
import type { SweepWorkerApi } from './sweepWorker';

export interface SweepClientHooks {
  /** A row is done (index from 0); rows are told in order. */
  onRow?: (row: SweepRow, index: number, total: number) => void;
  /** Rows told so far, and the work done past them in rows (a share of each row running or done out of order). */
  onProgress?: (rowIndex: number, total: number, rowShare: number) => void;
}

export interface SweepClient {
  /** Runs every row of the sweep; rejects with SweepCancelled if cancel() comes first. */
  start(settings: SweepSettings, hooks?: SweepClientHooks): Promise<SweepReport>;
  /** Stops whatever runs now (a sweep, a measurement): their promises reject with SweepCancelled. */
  cancel(): void;
  /** Median ms of a real jose check with `alg`, measured in a worker. */
  measureVerifyMs(alg: Alg): Promise<number>;
  /** The page is going away: the workers end (a later call would start new ones). */
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

/** Workers a sweep runs at once: one per core this device reports, at most 4 (each holds a whole run). */
export const defaultPoolSize = (): number => Math.max(1, Math.min(4, globalThis.navigator?.hardwareConcurrency || 2));

export function createSweepClient(spawn: () => Worker = spawnSweepWorker, poolSize = defaultPoolSize()): SweepClient {
  const workers: Worker[] = [];
  const apis: Remote<SweepWorkerApi>[] = [];
  /** The reject functions of calls still running: a stop settles them all (dead workers never will). */
  const pending = new Set<(error: Error) => void>();

  const stop = (error: Error) => {
    for (const worker of workers) worker.terminate();
    workers.length = 0;
    apis.length = 0;
    const rejects = [...pending];
    pending.clear();
    for (const reject of rejects) reject(error);
  };

  const connect = (slot: number): Remote<SweepWorkerApi> => {
    const known = apis[slot];
    if (known) return known;
    const spawned = spawn();
    // A worker that cannot load or throws outside a call: every call waiting on it fails, saying so.
    spawned.addEventListener('error', (event: ErrorEvent) => {
      event.preventDefault();
      if (workers.includes(spawned)) stop(new Error(`The lab's worker stopped: ${event.message || 'it could not be loaded'}.`));
    });
    workers[slot] = spawned;
    return (apis[slot] = wrap<SweepWorkerApi>(spawned));
  };

  /** `stopsPool`: a failure ends every worker (a sweep's row failing ends the sweep), not only this call. */
  const call = <T>(run: () => Promise<T>, stopsPool: boolean): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      pending.add(reject);
      const settle = () => pending.delete(reject);
      const fail = (cause: unknown) => {
        if (!settle()) return;
        const error = cause instanceof Error ? cause : new Error(String(cause));
        if (stopsPool) stop(error);
        reject(error);
      };
      try {
        run().then((value) => {
          if (settle()) resolve(value);
        }, fail);
      } catch (error) {
        fail(error);
      }
    });

  /** Rows go to the pool's workers in turn; each is told (in order) as soon as those before it are. */
  async function sweep(settings: SweepSettings, hooks: SweepClientHooks): Promise<SweepReport> {
    const total = rowCount(settings);
    const rows: (SweepRow | undefined)[] = new Array<SweepRow | undefined>(total);
    const shares = new Map<number, number>();
    let next = 0;
    let told = 0;
    const tell = () => {
      for (let row = rows[told]; row; row = rows[told]) hooks.onRow?.(row, told++, total);
      let past = 0;
      for (let i = told; i < total; i++) past += rows[i] ? 1 : (shares.get(i) ?? 0);
      hooks.onProgress?.(told, total, past);
    };
    const worker = async (slot: number) => {
      while (next < total) {
        const index = next++;
        tell();
        const onShare = proxy((share: number) => {
          // comlink brings each callback over its own port: a share may come after its row.
          if (!rows[index]) shares.set(index, share);
          tell();
        });
        rows[index] = await connect(slot).runRow(settings, index, onShare);
        shares.delete(index);
        tell();
      }
    };
    await Promise.all(Array.from({ length: Math.min(poolSize, total) }, (_, slot) => worker(slot)));
    return { sweep: settings, rows: rows as SweepRow[] };
  }

  return {
    start: (settings, hooks = {}) => call(() => sweep(settings, hooks), true),
    cancel: () => stop(new SweepCancelled()),
    // A measurement that fails is the form's to report: a sweep running beside it goes on.
    measureVerifyMs: (alg) => call(() => connect(0).measureVerifyMs(alg), false),
    dispose: () => stop(new SweepCancelled()),
  };
}
