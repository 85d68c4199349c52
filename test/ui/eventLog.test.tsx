// After a seek every line of a log is new: the newest come at once (what the stage shows), the
// older ones above them a chunk a frame after, so no frame lays out a whole log (two of them held
// a frame over 100 ms). A few new lines (playing on) come at once.
import { act, cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createAppStore } from '../../src/store/createAppStore';
import { EventLog, LOG_LINES_PER_FRAME } from '../../src/ui/narration/EventLog';
import { AppStoreProvider } from '../../src/ui/storeContext';
import { plural } from '../../src/format';
import type { LogEntry } from '../../src/sim/types';

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
  it('draws only its newest lines while each moment turns the log over, says so, and draws the whole log once slower or paused', async () => {
    // Moments made by hand: the hold is about how many lines each moment makes new, not about any lesson.
    const store = createAppStore({ scenarioId: 'basic', view: 'session', questionsOn: false });
    await store.getState().load();
    const world = store.getState().worlds.session!;
    const entry = (seq: number): LogEntry => ({ seq, timeMs: seq, kind: 'note', text: `line ${seq}` });
    let newest = 0;
    /** A moment whose log ends `added` lines further on (a log holds 120 lines). */
    const moment = (added: number) => {
      newest += added;
      const log = Array.from({ length: 120 }, (_, k) => entry(newest - 119 + k));
      act(() => store.setState({ worlds: { session: { ...world, log, logTotal: newest + 1 } } }));
    };
    const lines = () => [...container.querySelectorAll('li')].map((li) => li.textContent ?? '');
    const note = () => container.querySelector('.eventlog-hidden')?.textContent ?? '';
    const last = (n: number) => Array.from({ length: n }, (_, k) => expect.stringContaining(`line ${newest - n + 1 + k}`));
    const frames = async (n: number) => {
      for (let i = 0; i < n; i++)
        await act(async () => {
          vi.advanceTimersByTime(16);
        });
    };
    vi.useFakeTimers({ toFake: ['requestAnimationFrame', 'cancelAnimationFrame', 'setTimeout', 'clearTimeout'] });
    newest = 500;
    act(() => store.setState({ playing: true, speed: 16 }));
    const { container } = render(
      <AppStoreProvider store={store}>
        <EventLog mode="session" />
      </AppStoreProvider>,
    );
    moment(0);
    // Playing, each moment 100 lines on: the newest 30 only, frame after frame.
    for (let i = 0; i < 4; i++) {
      moment(100);
      await frames(3);
      expect(lines()).toEqual(last(LOG_LINES_PER_FRAME));
    }
    expect(note()).toBe(`${plural(newest + 1 - LOG_LINES_PER_FRAME, 'earlier event')} not shown. Pause to see the last 120.`);

    // Slowed below 4x, the hold ends and the older lines come while it plays.
    act(() => store.setState({ speed: 1 }));
    await frames(6);
    expect(lines()).toEqual(last(120));
    expect(note()).toBe(`${plural(newest + 1 - 120, 'earlier event')} not shown.`);
    // At 1x a moment with many new lines draws them all, a chunk a frame.
    moment(100);
    await frames(6);
    expect(lines()).toEqual(last(120));

    // Fast again and turning over, it holds again; paused, the whole log comes.
    act(() => store.setState({ speed: 16 }));
    moment(100);
    await frames(3);
    expect(lines()).toEqual(last(LOG_LINES_PER_FRAME));
    act(() => store.setState({ playing: false }));
    await frames(6);
    expect(lines()).toEqual(last(120));
    expect(note()).toBe(`${plural(newest + 1 - 120, 'earlier event')} not shown.`);
  });
});
