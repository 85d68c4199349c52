import { afterEach, describe, expect, it, vi } from 'vitest';
import { CATALOG } from '../../src/scenarios/catalog';
import { createAppStore } from '../../src/store/createAppStore';
import { lessonSteps } from '../../src/store/lesson';
import { dwellAtSpeed, dwellMs } from '../../src/store/pacing';
import { FRAME_MS, nextFrame, fakeFrames } from './support/frames';

/**
 * Plays a lesson at its opening tempo on a fake clock (one requestAnimationFrame every 16 ms) and
 * measures, in that fake real time, how long each caption stayed on screen.
 */
async function captionTimes(scenarioId: string) {
  fakeFrames();
  const store = createAppStore({ scenarioId, view: 'both', questionsOn: false });
  await store.getState().load();
  const { scenario, speed } = store.getState();
  const steps = lessonSteps(scenario, store.player.modes);
  const shownAt = new Map<number, number>();
  const hiddenAt = new Map<number, number>();
  let current: number | undefined;
  let realMs = 0;
  store.getState().play();
  for (let frame = 0; frame < 12_000 && !store.getState().ended; frame++) {
    await nextFrame(store);
    realMs += FRAME_MS;
    const on = store.getState().ended ? undefined : steps.filter((s) => s.atMs <= store.player.timeMs).at(-1)?.atMs;
    if (on !== current) {
      if (current !== undefined) hiddenAt.set(current, realMs);
      if (on !== undefined) shownAt.set(on, realMs);
      current = on;
    }
  }
  return { steps, shownAt, hiddenAt, speed, ended: store.getState().ended };
}

afterEach(() => vi.useRealTimers());

describe('narration at a reading pace', () => {
  it.each(CATALOG.map((c) => c.id))('keeps every caption of %s on screen for its reading time at the opening tempo', async (id) => {
    const { steps, shownAt, hiddenAt, speed, ended } = await captionTimes(id);
    let shortest = Infinity;
    expect(ended).toBe(true);
    expect(shownAt.size).toBe(steps.length);
    for (const step of steps) {
      // The last one too: the takeaway takes its place when the lesson ends.
      const hidden = hiddenAt.get(step.atMs)!;
      const onScreen = hidden - shownAt.get(step.atMs)!;
      const needed = dwellAtSpeed(dwellMs(step.lines.map((l) => l.text).join(' ')), speed);
      expect(onScreen, `"${step.caption}" was on screen ${onScreen} ms, needs ${needed}`).toBeGreaterThanOrEqual(needed - FRAME_MS);
      shortest = Math.min(shortest, onScreen);
    }
    if (process.env.PRINT_DWELL) console.log(`${id}: shortest caption on screen ${shortest} ms at ${speed}x`);
  }, 120_000);

  it('reads 3 words a second, and never less than 2.5 s', () => {
    expect(dwellMs('Alice logs in.')).toBe(2_500);
    const long = Array.from({ length: 30 }, () => 'word').join(' ');
    expect(dwellMs(long)).toBe(10_000);
    expect(dwellAtSpeed(9_000, 4)).toBe(9_000);
    expect(dwellAtSpeed(9_000, 16)).toBe(2_250);
  });
});
