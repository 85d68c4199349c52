import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { copyLane, peekEvent, popEvent, scheduleTimer, tidyLane } from '../../src/sim/agenda';
import { heapPush, type Queued } from '../../src/sim/queue';
import { ById } from '../../src/sim/byId';
import { createSim } from '../../src/sim/step';
import { withOptions } from '../../src/sim/options';
import type { RequestRecord, SimEvent, SimState } from '../../src/sim/types';

const byTime = (a: Queued<SimEvent>, b: Queued<SimEvent>) => a.timeMs - b.timeMs || a.seq - b.seq;

/** A state whose every request is "in flight", so no timer counts as finished. */
function bareState(): SimState {
  const s = createSim(withOptions({ mode: 'session' })).state;
  s.queue = [];
  s.requests = new (class extends ById<RequestRecord> {
    override has = () => true;
  })();
  return s;
}

describe('the agenda (heap + timeout lane)', () => {
  it('gives events in (timeMs, seq) order, whatever mix of timers (with shrinking or growing timeouts) and other events is queued', () => {
    const op = fc.oneof(
      fc.record({ kind: fc.constant('timer' as const), offset: fc.integer({ min: 0, max: 40 }) }),
      fc.record({ kind: fc.constant('event' as const), offset: fc.integer({ min: 0, max: 40 }) }),
      fc.record({ kind: fc.constant('pop' as const) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 300 }), (ops) => {
        const s = bareState();
        const model: Queued<SimEvent>[] = [];
        for (const o of ops) {
          if (o.kind === 'pop') {
            model.sort(byTime);
            const expected = model.shift();
            expect(popEvent(s)).toEqual(expected);
            if (expected) s.timeMs = expected.timeMs;
            continue;
          }
          const item: Queued<SimEvent> = { timeMs: s.timeMs + o.offset, seq: s.seq++, event: o.kind === 'timer' ? { type: 'timeout', requestId: s.seq } : { type: 'keyRetire', kid: 'k' } };
          if (o.kind === 'timer') scheduleTimer(s, item);
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
    for (let i = 0; i < 3_000; i++) scheduleTimer(s, { timeMs: i, seq: s.seq++, event: { type: 'timeout', requestId: i } });
    for (let i = 0; i < 1_500; i++) popEvent(s);
    const copy = copyLane(s.timers);
    tidyLane(s);
    expect(s.timers).toEqual(copy);
    expect(s.timers.head).toBe(0);
    expect(s.timers.items[0]!.timeMs).toBe(1_500);
  });
});
