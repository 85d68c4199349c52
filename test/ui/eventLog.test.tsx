// After a seek every line of a log is new: the newest come at once (what the stage shows), the
// older ones above them a chunk a frame after, so no frame lays out a whole log (two of them held
// a frame over 100 ms). A few new lines (playing on) come at once.
import { act, cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createAppStore } from '../../src/store/createAppStore';
import { EventLog, LOG_LINES_PER_FRAME } from '../../src/ui/narration/EventLog';
import { AppStoreProvider } from '../../src/ui/storeContext';
import { fakeFrames, runFrames } from './support/frames';
import { plural } from '../../src/format';

afterEach(() => {
  vi.useRealTimers();
  cleanup();
});

describe('the event log after a seek', () => {
  it('draws its newest lines first and the older ones a chunk a frame, ending with the whole log', async () => {
    const store = createAppStore({ scenarioId: 'revocation', view: 'session', questionsOn: false });
    await store.getState().load();
    await store.getState().seek(25_000);
    const log = store.getState().worlds.session!.log;
    expect(log.length).toBeGreaterThan(3 * LOG_LINES_PER_FRAME);
    vi.useFakeTimers({ toFake: ['requestAnimationFrame', 'cancelAnimationFrame', 'setTimeout', 'clearTimeout'] });
    const { container } = render(
      <AppStoreProvider store={store}>
        <EventLog mode="session" />
      </AppStoreProvider>,
    );
    const lines = () => [...container.querySelectorAll('li')].map((li) => li.textContent);
    const text = (e: (typeof log)[number]) => expect.stringContaining(e.text);
    expect(lines()).toEqual(log.slice(-LOG_LINES_PER_FRAME).map(text));
    // A frame adds at most one chunk, older lines above the ones drawn.
    for (let frame = 0; frame < 20 && lines().length < log.length; frame++) {
      const drawn = lines().length;
      await act(async () => {
        vi.advanceTimersByTime(16);
      });
      expect(lines().length - drawn).toBeLessThanOrEqual(LOG_LINES_PER_FRAME);
      expect(lines()).toEqual(log.slice(-lines().length).map(text));
    }
    expect(lines()).toEqual(log.map(text));

    // A step on adds a few lines: all drawn at once.
    vi.useRealTimers();
    await act(() => store.getState().step());
    const after = store.getState().worlds.session!.log;
    expect(after.at(-1)!.seq).toBeGreaterThan(log.at(-1)!.seq);
    expect(lines()).toEqual(after.map(text));
  });
});

describe('the event log while a lesson plays fast', () => {
  it('draws only its newest lines while each moment turns the log over, says so, and draws the whole log once paused', async () => {
    fakeFrames();
    const store = createAppStore({ scenarioId: 'load', view: 'session', questionsOn: false });
    await store.getState().load();
    expect(store.getState().speed).toBe(16);
    const { container } = render(
      <AppStoreProvider store={store}>
        <EventLog mode="session" />
      </AppStoreProvider>,
    );
    const lines = () => [...container.querySelectorAll('li')].map((li) => li.textContent);
    const note = () => container.querySelector('.eventlog-hidden')?.textContent ?? '';
    const text = (e: { text: string }) => expect.stringContaining(e.text);
    act(() => store.getState().play());
    // Until the cluster is busy (hundreds of lines a simulated second), then a second of frames more.
    const total = () => store.getState().worlds.session!.logTotal;
    await runFrames(store, 3000, () => total() > 2000);
    let most = 0;
    for (let i = 0; i < 6; i++) {
      await runFrames(store, 10);
      most = Math.max(most, lines().length);
    }
    const world = store.getState().worlds.session!;
    expect(world.log.length).toBeGreaterThan(LOG_LINES_PER_FRAME);
    expect(most).toBe(LOG_LINES_PER_FRAME);
    expect(lines()).toEqual(world.log.slice(-LOG_LINES_PER_FRAME).map(text));
    // The words count what is not drawn.
    expect(note()).toContain(`${plural(world.logTotal - LOG_LINES_PER_FRAME, 'earlier event')} not shown`);
    expect(note()).toContain(`Pause to see the last ${world.log.length}`);

    act(() => store.getState().pause());
    // A frame, then the task after it (setTimeout 0 is real here: the player's work needs it).
    for (let frame = 0; frame < 10 && lines().length < world.log.length; frame++) {
      await act(async () => {
        vi.advanceTimersByTime(16);
        await new Promise((next) => setTimeout(next, 0));
      });
    }
    expect(lines()).toEqual(world.log.map(text));
    expect(note()).toBe(`${plural(world.logTotal - world.log.length, 'earlier event')} not shown.`);
  }, 30_000);
});
