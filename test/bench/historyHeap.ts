// Run by `npm run bench -- longrun` in a child Node with --expose-gc: both worlds of the load
// cluster kept by History (checkpoints included) as the app keeps them, heap after a forced GC at
// 5 and 60 simulated minutes, then seeks back and forth within the hour. Prints one JSON line.
import { findScenario } from '../../src/scenarios';
import { loadScenario } from '../../src/scenarios/run';
import { History } from '../../src/sim/history';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc');
const heapMb = () => {
  gc();
  gc();
  return process.memoryUsage().heapUsed / 1_048_576;
};

const scenario = findScenario('load')!;
const base = heapMb();
const histories: History[] = [];
for (const mode of ['session', 'jwt'] as const) histories.push(new History(await loadScenario(scenario, mode, scenario.seed, {}, 3_600_000)));
const heap: Record<string, number> = {};
for (const minutes of [5, 60]) {
  for (const h of histories) await h.advanceTo(minutes * 60_000);
  heap[minutes] = heapMb() - base;
}
const seeks: number[] = [];
// The process's CPU time too: on a shared machine a seek's wall time includes waiting for a core.
const seeksCpu: number[] = [];
for (const minutes of [30.5, 59.2, 1.3, 45]) {
  const started = performance.now();
  const cpu = process.cpuUsage();
  for (const h of histories) await h.seek(minutes * 60_000);
  seeks.push(performance.now() - started);
  const used = process.cpuUsage(cpu);
  seeksCpu.push((used.user + used.system) / 1000);
}
console.log(JSON.stringify({ heap5: heap[5], heap60: heap[60], seeks, seeksCpu }));
