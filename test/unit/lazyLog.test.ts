// A request's log lines are made where the log is read (logLater, src/sim/world.ts): the log must
// read exactly as if every line had been made at once, bounded the same way, however reads,
// replacements and clones fall between the lines.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LogEntry, SimState } from '../../src/sim/types';
import { log, logLater } from '../../src/sim/world';
import { runs } from '../support/propsSetup';

const later = (seq: number, timeMs: number, n: unknown): LogEntry => ({ seq, timeMs, kind: 'note', text: `later ${String(n)}` });

describe('the log with lines made later', () => {
  it('reads as the log made at once: same lines, seq, times and bound', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 20 }), fc.array(fc.constantFrom('log', 'later', 'read', 'replace'), { maxLength: 300 }), (capacity, ops) => {
        const s = { log: { entries: [], total: 0 }, options: { logCapacity: capacity }, timeMs: 0 } as unknown as SimState;
        const model: LogEntry[] = [];
        let total = 0;
        for (const op of ops) {
          s.timeMs++;
          if (op === 'log') {
            log(s, 'note', `now ${total}`);
            model.push({ seq: total, timeMs: s.timeMs, kind: 'note', text: `now ${total}` });
            total++;
          } else if (op === 'later') {
            logLater(s, later as never, total);
            model.push(later(total, s.timeMs, total));
            total++;
          } else if (op === 'replace') {
            s.log.entries = s.log.entries.slice(-3);
            model.splice(0, Math.max(0, model.length - 3));
          } else expect(s.log.entries).toEqual(model);
          // The log drops its oldest lines a quarter at a time (amortised O(1)).
          if (model.length > capacity + Math.ceil(capacity / 4)) model.splice(0, model.length - capacity);
        }
        expect(JSON.parse(JSON.stringify(s.log)).entries).toEqual(model);
        expect(structuredClone(s.log).entries).toEqual(model);
        expect(s.log.total).toBe(total);
      }),
      { numRuns: runs(1000) },
    );
  });
});
