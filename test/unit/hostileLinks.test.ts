// Issue 9's fuzz, in Node: the generator the e2e suite opens in Chromium (test/support/hostileLinks.ts)
// against the gate and the link parser, 10,000 cases each, and what passes the gate against the engine.
// Never a throw, never Object.prototype touched, a sentence for every part refused.
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { findScenario } from '../../src/scenarios';
import { runScenarioMode } from '../../src/scenarios/run';
import { parseAction, parseInterventions } from '../../src/sim/parseAction';
import { sweepFromSearch } from '../../src/lab/sweepLink';
import { parseLink } from '../../src/store/urlState';
import { actionArb, linkArb, plausibleActionArb, prototypeNames } from '../support/hostileLinks';
import { propsTimeout, runs } from '../support/propsSetup';

const pristine = prototypeNames();
afterAll(() => expect(prototypeNames()).toEqual(pristine));

describe('hostile links and actions', () => {
  it('the gate never throws on 10,000 actions; what it takes it takes again unchanged, what it refuses it names', () => {
    let refused = 0;
    const cases = runs(10_000);
    fc.assert(
      fc.property(actionArb, (action) => {
        const parsed = parseAction(action);
        if (parsed.ok) expect(parseAction(JSON.parse(JSON.stringify(parsed.value)))).toEqual(parsed);
        else {
          refused++;
          expect(parsed.problem).toMatch(/^\S.{10,}/);
        }
        expect(prototypeNames()).toEqual(pristine);
      }),
      { numRuns: cases },
    );
    // Both sides are exercised: most refused, a real share let through.
    expect(refused / cases).toBeGreaterThan(0.5);
    expect(refused / cases).toBeLessThan(0.99);
  }, propsTimeout(60_000));

  it('a link never throws on 10,000 links, and each part it cannot use is a notice', () => {
    fc.assert(
      fc.property(linkArb, (search) => {
        const { state, problems } = parseLink(search, parseInterventions);
        const params = new URLSearchParams(search);
        for (const p of problems) expect(typeof p).toBe('string');
        if (state.lab) {
          // A lab link: the lab reads it, and names each lesson parameter it does not use.
          const unused = /does not use the link's (.*?); (?:they were|it was) ignored\./.exec(sweepFromSearch(search).problems.join(' '))?.[1]?.split(', ') ?? [];
          for (const name of ['scenario', 'mode', 'a']) if (params.has(name)) expect(unused).toContain(name);
          return;
        }
        // An a= that was not taken is said, never dropped in silence; one that was is all checked actions.
        if (params.has('a')) expect(state.actions !== undefined || problems.some((p) => p.startsWith("The link's interventions could not be used"))).toBe(true);
        for (const r of state.actions ?? []) expect(parseAction(r.action).ok).toBe(true);
        if (params.has('scenario') && state.scenarioId === undefined) expect(problems.some((p) => p.includes('scenario'))).toBe(true);
        if (params.has('mode') && state.view === undefined) expect(problems.some((p) => p.includes('mode'))).toBe(true);
        expect(prototypeNames()).toEqual(pristine);
      }),
      { numRuns: runs(10_000) },
    );
    // ~3 s alone; a busy 2-core machine has taken over 5.
  }, propsTimeout(60_000));

  it('what the gate lets through runs in the engine without a throw or a broken invariant', async () => {
    let ran = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ atMs: fc.integer({ min: 0, max: 4_000 }), action: fc.oneof(plausibleActionArb, actionArb) }), { minLength: 1, maxLength: 12 }),
        fc.constantFrom('basic', 'revocation', 'store-outage', 'stolen-credential'),
        fc.constantFrom<'session' | 'jwt'>('session', 'jwt'),
        async (list, lesson, mode) => {
        // The ones the gate takes one by one (most are refused), as a link would carry them.
        const taken = list.filter((r) => parseAction(r.action).ok && (r.action as { type: string }).type !== 'traffic');
        const parsed = parseInterventions(JSON.stringify(taken), 60_000);
        if (!parsed.ok || taken.length === 0) return;
        ran++;
        // runScenarioMode checks the invariants at the end and throws InvariantViolation if one broke.
        const scenario = findScenario(lesson)!;
        const { run } = await runScenarioMode(scenario, mode, scenario.seed, { actions: parsed.value });
        expect(Number.isFinite(run.requests.total) && Number.isFinite(run.latencyMs.p99)).toBe(true);
        expect(prototypeNames()).toEqual(pristine);
        },
      ),
      { numRuns: runs(150) },
    );
    expect(ran).toBeGreaterThan(75);
  }, propsTimeout(120_000));
});
