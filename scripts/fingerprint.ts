// Fingerprint of the engine's behaviour: every lesson x mode x 3 seeds, lab rows and the engine bench's
// workload; prints one hash per run (metrics, log entries, served outcomes, recent requests, nodes)
// and one over all. For a change meant to leave behaviour alone (a speed-up, a refactor):
//   npx tsx scripts/fingerprint.ts > /tmp/before.txt   (on the base)
//   npx tsx scripts/fingerprint.ts | diff /tmp/before.txt -   (on the change; [lessons|bench|lab] runs one part)
// A change that adds to the state (a new metric) changes every hash: take the base again after it.
import { createHash } from 'node:crypto';
import { SCENARIOS } from '../src/scenarios';
import { runScenarioMode } from '../src/scenarios/run';
import { SimDriver } from '../src/sim/driver';
import { withOptions } from '../src/sim/options';
import { runRow } from '../src/lab/sweep';
import { DEFAULT_SWEEP } from '../src/lab/settings';
import type { SimState } from '../src/sim/types';

const h = (x: unknown) => createHash('sha256').update(typeof x === 'string' ? x : JSON.stringify(x)).digest('hex').slice(0, 16);

function stateHash(s: SimState): string {
  return h({
    timeMs: s.timeMs,
    metrics: h(s.metrics),
    log: h([s.log.total, s.log.entries]),
    served: h(s.served),
    // The newest `recentRequestsCapacity`: the list is trimmed in batches, so it may hold a few more.
    recent: h(s.recent.slice(-s.options.recentRequestsCapacity)),
    clients: h(s.clients),
    users: h(s.users),
    servers: h(s.servers),
    store: h(s.store),
    keys: h(s.keys),
    issued: h(s.issued),
    revocations: h(s.revocations),
    inFlight: h([[...s.requests.values()], [...s.messages.values()]]),
    rng: s.rng,
  });
}

const only = process.argv[2];
const lines: string[] = [];
const out = (line: string) => {
  lines.push(line);
  console.log(line);
};

if (!only || only === 'lessons') {
  for (const sc of SCENARIOS) {
    for (const mode of ['session', 'jwt'] as const) {
      for (const seed of [sc.seed, sc.seed + 1, sc.seed + 2]) {
        try {
          const { run, driver } = await runScenarioMode(sc, mode, seed);
          out(`${sc.id} ${mode} ${seed} ${stateHash(driver.state)} ${h(run)}`);
        } catch (e) {
          out(`${sc.id} ${mode} ${seed} ERROR ${(e as Error).message.slice(0, 80)}`);
        }
      }
    }
  }
}

if (!only || only === 'bench') {
  for (const mode of ['session', 'jwt'] as const) {
    const clients = Array.from({ length: 50 }, (_, i) => ({ id: `u${i}`, userId: `u${i}`, kind: 'browser' as const }));
    const driver = await SimDriver.create(withOptions({ mode, seed: 1, servers: 4, clients, logCapacity: 2000 }));
    clients.forEach((c, i) => {
      driver.dispatch({ type: 'login', clientId: c.id }, i);
      driver.dispatch({ type: 'traffic', clientId: c.id, everyMs: 100, count: 200 }, 500 + i);
    });
    await driver.runUntil(30_000);
    out(`engine-bench ${mode} ${stateHash(driver.state)}`);
  }
}

if (!only || only === 'lab') {
  let last: SimDriver | undefined;
  const create = SimDriver.create.bind(SimDriver);
  SimDriver.create = async (...args: Parameters<typeof SimDriver.create>) => (last = await create(...args));
  const fast = { ...DEFAULT_SWEEP, users: 1_000, ratePerUser: 5, requests: 30_000, storeCapacityOpsPerSec: 100_000, alg: 'HS256' as const, verifyCostMs: 0.02 };
  const rows = [
    ['session fast', fast, 'session', 16],
    ['jwt fast', fast, 'jwt', 16],
    ['session saturated', { ...DEFAULT_SWEEP, users: 1_000, requests: 20_000 }, 'session', 2],
    ['jwt eddsa denylist refresh', { ...DEFAULT_SWEEP, users: 1_000, requests: 20_000, denylist: true, refreshTokens: true }, 'jwt', 3],
  ] as const;
  for (const [name, settings, mode, servers] of rows) {
    const row = await runRow(settings, mode, servers);
    out(`lab ${name} ${stateHash(last!.state)} ${h(row)}`);
  }
}

console.log(`ALL ${h(lines.join('\n'))}`);
