// ById (src/sim/byId.ts) keeps requests and messages in flight in place of a Map: it must answer as
// the Map did, whatever order ids come in, through growth, deletes and clears.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ById } from '../../src/sim/byId';
import { runs } from '../support/propsSetup';

describe('ById', () => {
  it('answers as a Map keyed by the same ids, in id order', () => {
    const op = fc.tuple(fc.constantFrom('set', 'delete', 'get', 'clear'), fc.nat(300));
    fc.assert(
      fc.property(fc.array(op, { maxLength: 400 }), (ops) => {
        const byId = new ById<number>();
        const map = new Map<number, number>();
        for (const [name, id] of ops) {
          if (name === 'set') {
            byId.set(id, id * 2 + 1);
            map.set(id, id * 2 + 1);
          } else if (name === 'delete') expect(byId.delete(id)).toBe(map.delete(id));
          else if (name === 'clear') {
            byId.clear();
            map.clear();
          } else {
            expect(byId.get(id)).toBe(map.get(id));
            expect(byId.has(id)).toBe(map.has(id));
          }
          expect(byId.size).toBe(map.size);
        }
        const ids = [...map.keys()].sort((a, b) => a - b);
        expect([...byId.keys()]).toEqual(ids);
        expect(byId.toJSON()).toEqual(ids.map((id) => map.get(id)));
      }),
      { numRuns: runs(1000) },
    );
  });

  it('is not carried by structuredClone: a state is copied with copyJson', () => {
    const byId = new ById<string>();
    byId.set(1, 'a');
    // Private fields are not cloned: a state sent through postMessage would lose what is in flight.
    expect(structuredClone(byId)).toEqual({});
  });
});
