// src/firstScreenFit.js fits the prerendered first screen before any app code runs, with its own
// copy of the rule useShownWorlds applies (a plain script cannot import it): the numbers must agree,
// or a phone would see one world become two (or the reverse) when React takes the page over.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { QUESTIONS_KEY } from '../../src/store/preferences';
import { STACK_GAP_PX, WORLD_MIN_HEIGHT_PX, WORLD_MIN_WIDTH_PX } from '../../src/ui/useShownWorlds';

const script = readFileSync(new URL('../../src/firstScreenFit.js', import.meta.url), 'utf8');

describe('the first screen fitted before the app runs', () => {
  it('uses the same widths and heights as useShownWorlds', () => {
    expect(script).toContain(`box.width) >= 2 * ${WORLD_MIN_WIDTH_PX}`);
    expect(script).toContain(`box.height) >= 2 * ${WORLD_MIN_HEIGHT_PX} + ${STACK_GAP_PX}`);
  });

  it("reads the learner's remembered questions choice by the app's own key (questions off: a different first screen)", () => {
    expect(script).toContain(`getItem('${QUESTIONS_KEY}') !== 'off'`);
  });
});
