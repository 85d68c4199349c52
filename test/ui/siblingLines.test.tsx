// Sibling boxes say a line in the same words. Each server box used to shorten its lines on its own,
// so scale-out's servers read "4 in memory", "0 in memory" and "1 session in memory" side by side.
import { cleanup } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderStageAt } from './support/stage';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

/** The stage drawn `width` px wide (measured once, as useElementSize does before the first paint). */
async function linesAt(scenarioId: string, timeMs: number, width: number, mode: 'session' | 'jwt' = 'session') {
  vi.stubGlobal('ResizeObserver', class { observe() {} disconnect() {} });
  vi.spyOn(Element.prototype, 'getBoundingClientRect').mockReturnValue({ width, height: 460, x: 0, y: 0, top: 0, left: 0, right: width, bottom: 460, toJSON: () => ({}) });
  const { container } = await renderStageAt(scenarioId, mode, timeMs);
  return [...container.querySelectorAll('.node-line')].map((t) => t.textContent ?? '');
}

describe('sibling node boxes', () => {
  it('say the same line in the same words: the shortest form any of them needs', async () => {
    // At 820 px "1 session in memory" fits a server box and "4 sessions in memory" does not.
    const lines = await linesAt('scale-out', 30_000, 820);
    expect(lines.filter((l) => l.includes('memory') && !l.startsWith('unused'))).toEqual(['4 in memory', '0 in memory', '1 in memory']);
    // The store's box there is too narrow for "unused (server memory)": it says "unused", not "unused (server memor…".
    expect(lines).toContain('unused');
  });

  it('are boxes of the same line: the crowd of browsers keeps "in: 15 of 35" beside badges cut to "JWT, 337 B"', async () => {
    const lines = await linesAt('load', 6_000, 720, 'jwt');
    // Cut, a badge keeps its size ("signed JWT" alone said nothing of the bytes token-size is about).
    expect(lines.filter((l) => /^JWT, \d+ B$/.test(l)).length).toBeGreaterThan(0);
    expect(lines.filter((l) => /\b15\b/.test(l))).toEqual(['in: 15 of 35']);
  });

  it('keep their full words where every one of them fits', async () => {
    const memory = (await linesAt('scale-out', 30_000, 900)).filter((l) => l.includes('memory') && !l.startsWith('unused'));
    expect(memory).toEqual(['4 sessions in memory', '0 sessions in memory', '1 session in memory']);
  });
});

// Learner review: store-outage's JWT store read "DOWN: JWT needs no l…" on a phone, the JWT half of the lesson's point.
describe('the JWT world\u2019s unused store', () => {
  it('says it is not needed in fewer words where its box is narrow, not cut', async () => {
    const narrow = (await linesAt('store-outage', 9_500, 360, 'jwt')).filter((l) => l.startsWith('DOWN'));
    expect(narrow).toHaveLength(1);
    expect(narrow[0]).toMatch(/^DOWN: (no lookup needed|not needed)$/);
    cleanup();
    vi.restoreAllMocks();
    expect(await linesAt('store-outage', 9_500, 1280, 'jwt')).toContain('DOWN: JWT needs no lookup');
  });
});
