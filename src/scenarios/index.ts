// The scenario library, loaded whole: the headless runner and the tests. The catalog is the one
// registry (ids, order, titles, loaders); this list is derived from it, so a lesson is added in
// one place. Ids are a public contract (links, the runner): keep them, and keep their order.
import { CATALOG } from './catalog';
import type { Scenario } from './scenario';

export const SCENARIOS: Scenario[] = await Promise.all(CATALOG.map((entry) => entry.load()));

export function findScenario(id: string): Scenario | undefined {
  return SCENARIOS.find((s) => s.id === id);
}
