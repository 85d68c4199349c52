import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { copyLane, peekEvent, popEvent, scheduleBacklog, scheduleTimer, tidyLane } from '../../src/sim/agenda';
import { heapPush, type Queued } from '../../src/sim/queue';
import { ById } from '../../src/sim/byId';
import { SimDriver } from '../../src/sim/driver';
import { withOptions } from '../../src/sim/options';
import { rowOptions } from '../../src/lab/sweep';
import { DEFAULT_SWEEP } from '../../src/lab/settings';
import { createSim, scheduleAction } from '../../src/sim/step';
import type { RequestRecord, SimEvent, SimState } from '../../src/sim/types';

const byTime = (a: Queued<SimEvent>, b: Queued<SimEvent>) => a.timeMs - b.timeMs || a.seq - b.seq;

/** A state whose every request is "in flight" (so no timer counts as finished), but those in `finished`. */
function bareState(finished = new Set<number>()): SimState {
  const s = createSim(withOptions({ mode: 'session' })).state;
  s.queue = [];
  s.requests = new (class extends ById<RequestRecord> {
    override has = (id: number) => !finished.has(id);
  })();
  return s;
}

describe('the agenda (heap + timeout, traffic, backlog and store lanes)', () => {
  it('gives events in (timeMs, seq) order, whatever mix of timers in either lane (with shrinking or growing delays), work in the backlog (nearly in order, or not) and other events is queued', () => {
    const op = fc.oneof(
      fc.record({ kind: fc.constant('timer' as const), offset: fc.integer({ min: 0, max: 40 }) }),
      fc.record({ kind: fc.constant('repeat' as const), offset: fc.integer({ min: 0, max: 40 }) }),
      fc.record({ kind: fc.constant('store' as const), offset: fc.integer({ min: 0, max: 40 }) }),
      fc.record({ kind: fc.constant('event' as const), offset: fc.integer({ min: 0, max: 40 }) }),
      // Work a core finishes: mostly later than what it already booked, sometimes a little or much earlier.
      fc.record({ kind: fc.constant('work' as const), offset: fc.oneof(fc.integer({ min: 30, max: 400 }), fc.integer({ min: 0, max: 400 })) }),
      fc.record({ kind: fc.constant('pop' as const) }),
      // A request in flight finishes: its timeout, wherever it is in the lane, must never be given
      // (one that went to the heap is given, and does nothing: browser.onTimeout).
      fc.record({ kind: fc.constant('finish' as const), pick: fc.nat() }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 300 }), (ops) => {
        const finished = new Set<number>();
        const s = bareState(finished);
        let model: Queued<SimEvent>[] = [];
        for (const o of ops) {
          if (o.kind === 'finish') {
            const inLane = new Set(s.timers.items);
            const timeouts = model.filter((q) => q.event.type === 'timeout' && inLane.has(q));
            const done = timeouts[o.pick % Math.max(1, timeouts.length)];
            if (done?.event.type === 'timeout') finished.add(done.event.requestId);
            model = model.filter((q) => q !== done);
            continue;
          }
          if (o.kind === 'pop') {
            model.sort(byTime);
            const expected = model.shift();
            expect(popEvent(s)).toEqual(expected);
            if (expected) s.timeMs = expected.timeMs;
            continue;
          }
          const event: SimEvent =
            o.kind === 'timer' ? { type: 'timeout', requestId: s.seq } : o.kind === 'store' ? { type: 'storeServe', messageId: s.seq } : o.kind === 'repeat' ? { type: 'action', action: { type: 'traffic', clientId: 'c', everyMs: o.offset, count: 2 }, checked: true } : { type: 'keyRetire', kid: 'k' };
          const item: Queued<SimEvent> = { timeMs: s.timeMs + o.offset, seq: s.seq++, event };
          if (o.kind === 'timer') scheduleTimer(s, item);
          else if (o.kind === 'repeat') scheduleTimer(s, item, s.repeats);
          else if (o.kind === 'work') scheduleBacklog(s, item);
          else if (o.kind === 'store') scheduleTimer(s, item, s.storeWork);
          else heapPush(s.queue, item);
          model.push(item);
        }
        model.sort(byTime);
        for (const expected of model) expect(popEvent(s)).toEqual(expected);
        expect(peekEvent(s)).toBeUndefined();
      }),
    );
  });

  it('drops the timer of a request that already finished instead of stopping the run at it', () => {
    const s = createSim(withOptions({ mode: 'session' })).state;
    s.queue = [];
    scheduleTimer(s, { timeMs: 5_000, seq: s.seq++, event: { type: 'timeout', requestId: 99 } });
    heapPush(s.queue, { timeMs: 6_000, seq: s.seq++, event: { type: 'keyRetire', kid: 'k' } });
    // Request #99 is not in flight: its timer would do nothing, so the next event is at 6 s.
    expect(peekEvent(s)?.timeMs).toBe(6_000);
  });

  it('is the same state after tidying, however much of it was consumed', () => {
    const s = bareState();
    for (let i = 0; i < 3_000; i++) {
      scheduleTimer(s, { timeMs: i, seq: s.seq++, event: { type: 'timeout', requestId: i } });
      scheduleTimer(s, { timeMs: i, seq: s.seq++, event: { type: 'action', action: { type: 'traffic', clientId: 'c', everyMs: 1, count: 2 }, checked: true } }, s.repeats);
      scheduleBacklog(s, { timeMs: i, seq: s.seq++, event: { type: 'keyRetire', kid: 'k' } });
      scheduleTimer(s, { timeMs: i, seq: s.seq++, event: { type: 'storeServe', messageId: i } }, s.storeWork);
    }
    for (let i = 0; i < 6_000; i++) popEvent(s);
    const copies = [copyLane(s.timers), copyLane(s.repeats), copyLane(s.backlog), copyLane(s.storeWork)];
    tidyLane(s);
    expect([s.timers, s.repeats, s.backlog, s.storeWork]).toEqual(copies);
    for (const lane of [s.timers, s.repeats, s.backlog, s.storeWork]) {
      expect(lane.head).toBe(0);
      expect(lane.items[0]!.timeMs).toBe(1_500);
    }
  });

  it("keeps a steady stream's next requests out of the heap: each user's waits in the traffic lane", async () => {
    const clients = Array.from({ length: 200 }, (_, i) => ({ id: `u${i}`, userId: `u${i}`, kind: 'browser' as const }));
    const driver = await SimDriver.create(withOptions({ mode: 'session', clients }));
    clients.forEach((c, i) => driver.dispatch({ type: 'traffic', clientId: c.id, everyMs: 100, count: 50 }, i));
    expect(await driver.runUntil(1_000)).toBe(true);
    const s = driver.state;
    expect(s.metrics.total).toBeGreaterThan(1_000);
    expect(s.repeats.items.length).toBe(200);
    expect(s.queue.filter((q) => q.event.type === 'action')).toHaveLength(0);
  });

  it('leaves the work lanes empty when no core has a queue: answers and queries due soon wait in the heap', async () => {
    const clients = Array.from({ length: 20 }, (_, i) => ({ id: `u${i}`, userId: `u${i}`, kind: 'browser' as const }));
    const driver = await SimDriver.create(withOptions({ mode: 'session', clients }));
    clients.forEach((c, i) => {
      driver.dispatch({ type: 'login', clientId: c.id }, i);
      driver.dispatch({ type: 'traffic', clientId: c.id, everyMs: 100, count: 50 }, 200 + i);
    });
    // A few events at a time, so what is in flight at each pause is seen.
    let lanes = 0;
    while (!(await driver.runUntil(1_000, 5))) lanes += driver.state.backlog.items.length + driver.state.storeWork.items.length;
    expect(lanes).toBe(0);
    expect(driver.state.metrics.total).toBeGreaterThan(100);
  });

  it("keeps an overloaded server's answers and a saturated store's queries out of the heap: they wait in the backlog and store lanes", async () => {
    // 4,000 requests a second on one server that answers ~500, and a store that serves 1,000 queries a second.
    const settings = { ...DEFAULT_SWEEP, users: 200, ratePerUser: 20 };
    // (A JWT server's pending verdicts stay in the heap, as crypto results do: the session world shows the lanes.)
    const driver = await SimDriver.create(rowOptions(settings, 'session', 1), new Map(), { kind: 'modelled', sampleEvery: 128 });
    for (let i = 0; i < settings.users; i++) {
      scheduleAction(driver.state, { type: 'login', clientId: `user-${i + 1}` }, i * 2);
      scheduleAction(driver.state, { type: 'traffic', clientId: `user-${i + 1}`, everyMs: 50, count: 60 }, 1_000 + i / 4);
    }
    expect(await driver.runUntil(3_500)).toBe(true);
    const s = driver.state;
    expect(s.backlog.items.length).toBeGreaterThan(1_000);
    expect(s.storeWork.items.length).toBeGreaterThan(1_000);
    expect(s.queue.length).toBeLessThan(500);
  }, 60_000);
});
