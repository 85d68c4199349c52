// The scenario library. Ids are a public contract (links, the headless runner): keep them.
import { basic } from './basic';
import { revocation } from './revocation';
import type { Scenario } from './scenario';

export const SCENARIOS: Scenario[] = [basic, revocation];

export function findScenario(id: string): Scenario | undefined {
  return SCENARIOS.find((s) => s.id === id);
}
