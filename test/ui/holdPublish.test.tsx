// While a caption holds the clock for its reading time, the page shows the moment the clock is at:
// an advance within the publish throttle, just before a hold, was never published during it, and
// scale-out's stage showed the balancer "sticky" and server-3 down for 10 s under "routing is plain
// round-robin again" (learner review).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createAppStore } from '../../src/store/createAppStore';
import { findScenario } from '../../src/scenarios';
import { loadScenario } from '../../src/scenarios/run';
import { MODES } from '../../src/sim/schemes/names';
import { fakeFrames } from './support/frames';

const SLOW_FRAME_MS = 66;

afterEach(() => vi.useRealTimers());

describe('a caption held for its reading time', () => {
  it.each(['scale-out', 'revocation'])('shows the moment the clock is at within a few frames of the hold (%s)', async (scenarioId) => {
    fakeFrames();
    const store = createAppStore({ scenarioId, view: 'both', questionsOn: false });
    await store.getState().load();
    store.getState().play();
    let heldFrames = 0;
    let checked = 0;
    for (let frame = 0; frame < 4_000 && !store.getState().ended; frame++) {
      // A slow laptop's frames (15 a second): the reviewer's stale stage came while the machine was busy.
      vi.advanceTimersByTime(SLOW_FRAME_MS);
      await store.player.settled();
      heldFrames = store.getState().holding ? heldFrames + 1 : 0;
      // Past the throttle (100 ms, 2 frames) into a hold, the worlds drawn are the run at the clock's
      // moment: as many lines logged as a headless run of the lesson to there logs.
      if (heldFrames === 3) {
        for (const mode of MODES) {
          const truth = await loadScenario(findScenario(scenarioId)!, mode);
          await truth.runUntil(store.player.timeMs);
          expect(store.getState().worlds[mode]?.logTotal, `${mode} at ${store.player.timeMs} ms`).toBe(truth.state.log.total);
        }
        checked++;
      }
    }
    expect(store.getState().ended).toBe(true);
    expect(checked).toBeGreaterThan(0);
  }, 120_000);
});
