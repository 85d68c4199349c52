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

  it('interleaved pushes and pops always pop the earliest queued item', () => {
    fc.assert(
      fc.property(fc.array(fc.option(fc.integer({ min: 0, max: 30 }), { freq: 3 }), { maxLength: 300 }), (ops) => {
        const heap: Queued<number>[] = [];
        const model: Queued<number>[] = [];
        ops.forEach((op, seq) => {
          if (op === null) {
            model.sort((a, b) => a.timeMs - b.timeMs || a.seq - b.seq);
            expect(heapPop(heap)).toEqual(model.shift());
          } else {
            heapPush(heap, { timeMs: op, seq, event: seq });
            model.push({ timeMs: op, seq, event: seq });
          }
        });
      }),
    );
  });
});
