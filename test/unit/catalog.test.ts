import { describe, expect, it } from 'vitest';
import { SCENARIOS } from '../../src/scenarios';
import { CATALOG } from '../../src/scenarios/catalog';

// The picker's lazy catalog and the eager list must describe the same lessons, in the same order.
describe('scenario catalog', () => {
  it('lists every scenario once, in library order, and each entry loads that scenario', async () => {
    expect(CATALOG.map((c) => c.id)).toEqual(SCENARIOS.map((s) => s.id));
    for (const entry of CATALOG) {
      const loaded = await entry.load();
      const eager = SCENARIOS.find((s) => s.id === entry.id)!;
      expect(loaded).toBe(eager);
      expect([loaded.title, loaded.notice, loaded.modes]).toEqual([entry.title, entry.notice, entry.modes]);
      expect(loaded.summary.length).toBeGreaterThan(20);
    }
  });

  it('says where the issuer is drawn before a lesson names it: no node is titled "issuer"', () => {
    for (const entry of CATALOG) {
      const scenario = SCENARIOS.find((s) => s.id === entry.id)!;
      for (const mode of entry.modes) {
        // What a learner reads in order: the opening, then the lesson's captions (its first among them).
        const texts = [entry.notice, ...scenario.timeline(mode).map((step) => step.caption ?? '')];
        const first = texts.find((t) => /issuer/i.test(t));
        if (first) expect(first, `${entry.id} (${mode})`).toMatch(/issuer,? (\(drawn as the key set\)|drawn as the key set|[^.]*is drawn as the key set)/i);
      }
    }
  });
});
