// The gate every action from outside passes: the lessons' own actions get through unchanged, the
// hostile and malformed ones from the reproducers are refused with a reason, and nothing
// arriving can make it throw.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SCENARIOS } from '../../src/scenarios/index';
import { parseAction, parseOptionsPatch } from '../../src/sim/parseAction';
import { runs } from '../support/propsSetup';

describe('parseAction', () => {
  it('lets every lesson\'s own actions through unchanged', () => {
    let checked = 0;
    for (const sc of SCENARIOS)
      for (const mode of sc.modes)
        for (const step of sc.timeline(mode)) {
          if (!step.action) continue;
          expect(parseAction(step.action), `${sc.id} ${mode} ${step.atMs} ${step.action.type}`).toEqual({ ok: true, value: step.action });
          checked++;
        }
    expect(checked).toBeGreaterThan(100);
  });

  it.each([
    ['a polluting user id', { type: 'changeRole', userId: '__proto__', role: 'admin' }],
    ['a polluting attacker id', { type: 'steal', fromClientId: 'alice', attackerId: '__proto__' }],
    ['a note that is not text', { type: 'note', text: {} }],
    ['setOptions without a patch', { type: 'setOptions' }],
    ['extra claims missing', { type: 'setExtraClaims', userId: 'alice' }],
    ['a latency patch', { type: 'setOptions', patch: { latency: {} } }],
    ['an unknown algorithm', { type: 'setOptions', patch: { alg: 'local' } }],
    ['a role that is an object', { type: 'changeRole', userId: 'alice', role: { x: 1 } }],
    ['a slow store by "x"', { type: 'storeSlow', factor: 'x' }],
    ['a store "slowed" to twice its speed, which the store cannot do', { type: 'storeSlow', factor: 0.5 }],
    ['a log emptied', { type: 'setOptions', patch: { logCapacity: 0 } }],
    ['a world changing kind', { type: 'setOptions', patch: { mode: 'jwt' } }],
    ['a skew as text', { type: 'setSkew', serverId: 'server-2', skewMs: '20000' }],
    ['a header injected through a path', { type: 'request', clientId: 'alice', path: '/api/profile\r\nCookie: __Host-sid=forged' }],
    ['a claim overwriting sub', { type: 'setExtraClaims', userId: 'alice', claims: { sub: 'bob' } }],
    ['a field the action does not have', { type: 'banUser', userId: 'alice', also: 'bob' }],
    ['an unknown type', { type: 'format' }],
  ])('refuses %s, saying why', (_what, action) => {
    const parsed = parseAction(action);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.problem.length).toBeGreaterThan(10);
  });

  it('checks each setting against its own range', () => {
    expect(parseOptionsPatch({ tokenTtlMs: 10_000, clockToleranceMs: 30_000 })).toEqual({ ok: true, value: { tokenTtlMs: 10_000, clockToleranceMs: 30_000 } });
    expect(parseOptionsPatch({ tokenTtlMs: 0 }).ok).toBe(false);
    expect(parseOptionsPatch({}).ok).toBe(false);
  });

  it('never throws, and what it accepts it accepts again unchanged', () => {
    const anyAction = fc.record({ type: fc.constantFrom('login', 'request', 'changeRole', 'setExtraClaims', 'setOptions', 'storeSlow', 'setSkew', 'steal', 'note', 'tamper'), clientId: fc.anything(), userId: fc.anything(), role: fc.anything(), claims: fc.anything({ withNullPrototype: true }), patch: fc.anything(), factor: fc.anything(), skewMs: fc.anything(), path: fc.anything(), text: fc.anything(), how: fc.anything(), fromClientId: fc.anything(), attackerId: fc.anything() }, { requiredKeys: ['type'] });
    fc.assert(
      fc.property(fc.oneof(fc.anything({ withNullPrototype: true, withObjectString: true }), anyAction), (v) => {
        const parsed = parseAction(v);
        if (parsed.ok) expect(parseAction(parsed.value)).toEqual(parsed);
      }),
      { numRuns: runs(2000) },
    );
  });
});
