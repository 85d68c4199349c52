// The lab's worker pool, against workers made of MessageChannels (Node has no Worker for Vite's
// module): rows spread over the pool, told in order whatever order they finish in, and a cancel or
// a failing row stops every worker. The test releases each row itself, so nothing waits on time.
import { expose } from 'comlink';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_SWEEP, type SweepSettings } from '../../src/lab/settings';
import type { SweepRow } from '../../src/lab/sweep';
import { createSweepClient, SweepCancelled } from '../../src/lab/sweepClient';

interface FakeWorld {
  spawned: number;
  terminated: number;
  /** Row index -> release it (with a row, or an error). */
  gates: Map<number, { done: (row: SweepRow) => void; fail: (e: Error) => void; onShare: (share: number) => void }>;
}

const ports: MessagePort[] = [];
afterEach(() => ports.splice(0).forEach((p) => p.close()));

function fakePool(): { world: FakeWorld; spawn: () => Worker } {
  const world: FakeWorld = { spawned: 0, terminated: 0, gates: new Map() };
  const spawn = () => {
    const { port1, port2 } = new MessageChannel();
    ports.push(port1, port2);
    world.spawned++;
    expose(
      {
        runRow: (_settings: unknown, index: number, onShare: (share: number) => void) =>
          new Promise<SweepRow>((done, fail) => world.gates.set(index, { done, fail, onShare })),
        measureVerifyMs: (alg: string) => {
          if (alg === 'ES256') throw new Error('No ES256 here.');
          return 0.1;
        },
      },
      port2,
    );
    port1.start();
    return Object.assign(port1, {
      terminate: () => {
        world.terminated++;
        port1.close();
        port2.close();
      },
    }) as unknown as Worker;
  };
  return { world, spawn };
}

const settings: SweepSettings = { ...DEFAULT_SWEEP, modes: ['session'], serversFrom: 1, serversTo: 4 };
const rowOf = (servers: number) => ({ mode: 'session', servers }) as SweepRow;
/** Lets comlink's messages go round (each hop is a macrotask in Node). */
const settle = async () => {
  for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
};

describe('the lab worker pool', () => {
  it('runs rows on every worker at once and tells them in order, whatever order they finish in', async () => {
    const { world, spawn } = fakePool();
    const told: number[] = [];
    const progress: [number, number][] = [];
    const report = createSweepClient(spawn, 2).start(settings, { onRow: (_r, i) => told.push(i), onProgress: (i, _t, share) => progress.push([i, share]) });
    await settle();
    expect(world.spawned).toBe(2);
    expect([...world.gates.keys()]).toEqual([0, 1]);
    world.gates.get(1)!.done(rowOf(2));
    await settle();
    // Row 2 is done, but row 1 is not: nothing is told yet, and the progress counts row 2's work.
    expect(told).toEqual([]);
    expect(progress.at(-1)).toEqual([0, 1]);
    world.gates.get(0)!.done(rowOf(1));
    await settle();
    expect(told).toEqual([0, 1]);
    world.gates.get(2)!.done(rowOf(3));
    world.gates.get(3)!.done(rowOf(4));
    const { rows } = await report;
    expect(rows.map((r) => r.servers)).toEqual([1, 2, 3, 4]);
    expect(told).toEqual([0, 1, 2, 3]);
  });

  it('cancel stops every worker at once and rejects the sweep as cancelled', async () => {
    const { world, spawn } = fakePool();
    const client = createSweepClient(spawn, 3);
    const report = client.start(settings);
    await settle();
    client.cancel();
    await expect(report).rejects.toBeInstanceOf(SweepCancelled);
    expect(world.terminated).toBe(3);
  });

  it('a row that fails ends the sweep with its message, and the other workers stop', async () => {
    const { world, spawn } = fakePool();
    const report = createSweepClient(spawn, 2).start(settings);
    await settle();
    world.gates.get(1)!.fail(new Error('Row 1 broke an invariant.'));
    await expect(report).rejects.toThrow('Row 1 broke an invariant.');
    expect(world.terminated).toBe(2);
  });

  it('a measurement that fails says so, and the sweep running beside it goes on', async () => {
    const { world, spawn } = fakePool();
    const client = createSweepClient(spawn, 2);
    const told: number[] = [];
    const report = client.start({ ...settings, serversTo: 2 }, { onRow: (_r, i) => told.push(i) });
    await settle();
    await expect(client.measureVerifyMs('ES256')).rejects.toThrow('No ES256 here.');
    expect(world.terminated).toBe(0);
    world.gates.get(0)!.done(rowOf(1));
    world.gates.get(1)!.done(rowOf(2));
    expect((await report).rows).toHaveLength(2);
  });
});
