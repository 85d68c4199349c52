import { describe, expect, it } from 'vitest';
import { findScenario } from '../../src/scenarios';
import { lessonSteps } from '../../src/store/lesson';

describe('lesson steps on screen', () => {
  it('side by side, shows steps only one world has and names the worlds when captions differ', () => {
    const steps = lessonSteps(findScenario('store-outage')!, ['session', 'jwt']);
    const jwtOnly = steps.filter((s) => s.caption.startsWith('JWT: '));
    expect(jwtOnly.map((s) => s.caption).join(' ')).toMatch(/denylist/);
    const down = steps.find((s) => s.caption.includes('goes down'))!;
    expect(down.caption).toMatch(/^Session: .* JWT: /);
  });

  it('keeps a shared caption plain, and one world shows its own wording', () => {
    const both = lessonSteps(findScenario('revocation')!, ['session', 'jwt']);
    expect(both.find((s) => s.atMs === 5_000)!.caption).toMatch(/^The admin bans Alice/);
    const jwt = lessonSteps(findScenario('store-outage')!, ['jwt']);
    expect(jwt.every((s) => !s.caption.startsWith('Session: ') && !s.caption.startsWith('JWT: '))).toBe(true);
  });
});
