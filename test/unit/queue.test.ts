import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { heapPop, heapPush, type Queued } from '../../src/sim/queue';

describe('event queue', () => {
  it('pops in (timeMs, seq) order whatever the push order', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 50 }), { maxLength: 200 }), (times) => {
        const heap: Queued<number>[] = [];
        times.forEach((timeMs, seq) => heapPush(heap, { timeMs, seq, event: seq }));
        const out: Queued<number>[] = [];
        for (let item = heapPop(heap); item; item = heapPop(heap)) out.push(item);
        const sorted = [...out].sort((a, b) => a.timeMs - b.timeMs || a.seq - b.seq);
        expect(out).toEqual(sorted);
        expect(out).toHaveLength(times.length);
      }),
    );
  });
});
