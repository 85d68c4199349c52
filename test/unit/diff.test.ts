import { describe, expect, it } from 'vitest';
import { findScenario } from '../../src/scenarios';
import { runScenarioMode } from '../../src/scenarios/run';
import { outcomeDiffs } from '../../src/store/diff';
import { snapshot } from '../../src/store/snapshot';

describe('the side-by-side strip', () => {
  it('calls out requests refused in one world and accepted in the other, with the token time left', async () => {
    const scenario = findScenario('revocation')!;
    const session = snapshot((await runScenarioMode(scenario, 'session')).driver.state);
    const jwt = snapshot((await runScenarioMode(scenario, 'jwt')).driver.state);
    const diffs = outcomeDiffs(session, jwt, 100);
    expect(diffs.length).toBeGreaterThan(0);
    expect(diffs.some((d) => /session 401 session_unknown, JWT 200 ok - token valid for \d+ s more/.test(d.text))).toBe(true);
  });

  it('is empty when both worlds answered alike', async () => {
    const basic = findScenario('basic')!;
    const session = snapshot((await runScenarioMode(basic, 'session')).driver.state);
    const jwt = snapshot((await runScenarioMode(basic, 'jwt')).driver.state);
    expect(outcomeDiffs(session, jwt)).toEqual([]);
  });
});
