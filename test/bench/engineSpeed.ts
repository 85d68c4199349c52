// The engine's speed, in a Node process of its own (`npm run bench -- engine|sweep` spawns it):
// only the engine and the reference loop are loaded here, as only the engine is in the lab's Worker.
import { findScenario } from '../../src/scenarios';
import { runScenarioMode } from '../../src/scenarios/run';
import { SimDriver } from '../../src/sim/driver';
import { withOptions } from '../../src/sim/options';
import { plainLoopEventsPerSec, plainLoopRun } from './plainLoop';

// Pairs run before the 15 judged ones, warming both up (the JIT, the heap's size): in a fresh
// process the engine's first runs took 211, 174, 105, 65 and 52 ms, ~40 ms from the sixth on.
const WARM_UP_PAIRS = 6;

/** The engine bench's workload: 50 browsers logging in, then 200 requests each, on 4 servers. */
async function engineRun(mode: 'session' | 'jwt'): Promise<{ wallMs: number; events: number; requests: number; checks: number }> {
  const clients = Array.from({ length: 50 }, (_, i) => ({ id: `u${i}`, userId: `u${i}`, kind: 'browser' as const }));
  const driver = await SimDriver.create(withOptions({ mode, seed: 1, servers: 4, clients, logCapacity: 2000 }));
  clients.forEach((c, i) => {
    driver.dispatch({ type: 'login', clientId: c.id }, i);
    driver.dispatch({ type: 'traffic', clientId: c.id, everyMs: 100, count: 200 }, 500 + i);
  });
  const started = performance.now();
  await driver.runUntil(30_000);
  return { wallMs: performance.now() - started, events: driver.eventsProcessed, requests: driver.state.metrics.total, checks: driver.state.metrics.signatureVerifications };
}

async function engine(): Promise<void> {
  console.log('\n== engine (headless; goal: session at least 0.25x the events/s of a plain event loop, interleaved pairs) ==');
  // Each session run is paired with a reference run of about the same length just before it, and
  // the verdict is the median of the pairs' ratios: this machine's speed drifts by up to 2x from one
  // minute to the next, and a reference measured minutes apart judged the engine on another machine.
  const pairs: { reference: number; session: number; wallMs: number; events: number; ratio: number }[] = [];
  // 15 pairs: a run lasts ~50 ms, and one pair's ratio swings from 0.13 to 0.47 on this shared
  // host within a minute, and the median of 6 to 12 pairs ranged from 0.18 to 0.35 between runs minutes apart.
  for (let run = 0; run < WARM_UP_PAIRS + 15; run++) {
    const reference = plainLoopRun(500_000);
    const r = await engineRun('session');
    const session = r.events / (r.wallMs / 1000);
    if (run >= WARM_UP_PAIRS) pairs.push({ reference, session, wallMs: r.wallMs, events: r.events, ratio: session / reference });
  }
  pairs.sort((a, b) => a.ratio - b.ratio);
  const middle = pairs[pairs.length >> 1]!;
  console.log(
    `session 50 browsers x 200 requests, ${middle.events} events: ${pairs.length} interleaved pairs, median pair ${Math.round(middle.session)} events/s (${middle.wallMs.toFixed(0)} ms) against the plain loop's ${Math.round(middle.reference)}; ` +
      `ratios ${pairs.map((p) => p.ratio.toFixed(3)).join(', ')} (middle half ${pairs[pairs.length >> 2]!.ratio.toFixed(3)}-${pairs[(3 * pairs.length) >> 2]!.ratio.toFixed(3)}) -> median ${middle.ratio.toFixed(3)}x ${middle.ratio >= 0.25 ? 'UNDER' : 'OVER'} (goal >= 0.25x)`,
  );
  // JWT with every check real (the lessons' truth): no goal, its cost is WebCrypto's.
  await engineRun('jwt');
  const jwt = await engineRun('jwt');
  console.log(`jwt     50 browsers x 200 requests, every signature checked for real: ${jwt.wallMs.toFixed(0)} ms, ${Math.round(jwt.requests / (jwt.wallMs / 1000))} requests/s, ${jwt.checks} real checks (no goal)`);
  const started = performance.now();
  await runScenarioMode(findScenario('revocation')!, 'jwt');
  console.log(`revocation scenario (jwt) end to end: ${(performance.now() - started).toFixed(0)} ms`);
}

/** The load lab's engine in Node: 100k JWT requests with modelled checks (goal: 1 s), and per request against the plain loop. */
async function sweepSpeed(): Promise<void> {
  console.log('\n== lab engine (Node; 100k API requests on 16 servers, modelled checks; goal: JWT in 1 s) ==');
  const { runRow } = await import('../../src/lab/sweep');
  const { DEFAULT_SWEEP, sweepWindow } = await import('../../src/lab/settings');
  const reference = plainLoopEventsPerSec();
  for (const [mode, alg] of [['session', 'HS256'], ['jwt', 'HS256'], ['jwt', 'EdDSA']] as const) {
    const settings = { ...DEFAULT_SWEEP, users: 1_000, ratePerUser: 5, requests: 100_000, storeCapacityOpsPerSec: 100_000, alg, verifyCostMs: 0.02 };
    const { trafficMs, startMs, windowMs } = sweepWindow(settings);
    const times: number[] = [];
    // Where a row's time goes: the logins and warm-up before its window, the window's requests, the drain after.
    const phases: { before: number; window: number }[] = [];
    let requests = 0;
    // One cold row first, told but not judged: the lab's Worker runs its rows back to back, so all
    // but its first run warm, and the plain loop it is set against is warmed too (a cold row ran
    // up to 40% slower than the warm ones here).
    const coldStarted = performance.now();
    await runRow(settings, mode, 16);
    const coldMs = performance.now() - coldStarted;
    for (let run = 0; run < 5; run++) {
      const started = performance.now();
      let windowStarted = NaN;
      let windowEnded = NaN;
      const row = await runRow(settings, mode, 16, (share) => {
        if (Number.isNaN(windowStarted) && share >= startMs / (startMs + windowMs)) windowStarted = performance.now();
        if (share === 1) windowEnded = performance.now();
      });
      times.push(performance.now() - started);
      phases.push({ before: windowStarted - started, window: windowEnded - windowStarted });
      requests = row!.requests;
    }
    const median = [...times].sort((a, b) => a - b)[2]!;
    const middle = phases[times.indexOf(median)]!;
    const perRequestUs = (median * 1000) / requests;
    // A request is at least 4 events in any simulator (send, arrive, answer, arrive): what the plain loop would take for it.
    const floorUs = (4 / reference) * 1e6;
    const verdict = mode === 'jwt' ? ` -> ${median <= 1000 ? 'UNDER' : 'OVER'} 1 s` : '';
    console.log(`${mode.padEnd(7)} ${alg.padEnd(5)} ${requests} requests (+ logins, warm-up, drain): median ${median.toFixed(0)} ms of 5 warm rows (${times.map((x) => x.toFixed(0)).join(', ')}; the cold first row ${coldMs.toFixed(0)}) = ${perRequestUs.toFixed(1)} us a request, ${(perRequestUs / floorUs).toFixed(0)}x the plain loop's 4 events${verdict}`);
    console.log(`        the median run: ${settings.users} logins and ${startMs - trafficMs} ms of warm-up ${middle.before.toFixed(0)} ms, the window's ${requests} requests ${middle.window.toFixed(0)} ms, the drain ${(median - middle.before - middle.window).toFixed(0)} ms`);
  }
}

const part = process.argv[2];
(part === 'engine' ? engine() : part === 'sweep' ? sweepSpeed() : Promise.reject(new Error(`engineSpeed.ts engine|sweep, not ${part}`))).then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
