// After a seek every line of a log is new: the newest come at once (what the stage shows), the
// older ones above them a chunk a frame after, so no frame lays out a whole log (two of them held
// a frame over 100 ms). A few new lines (playing on) come at once.
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createAppStore } from '../../src/store/createAppStore';
import { EventLog, LOG_LINES_PER_FRAME } from '../../src/ui/narration/EventLog';
import { AppStoreProvider } from '../../src/ui/storeContext';
import { plural } from '../../src/format';
import { CALM_MS } from '../../src/ui/useCalmValue';
import type { LogEntry } from '../../src/sim/types';

afterEach(() => {
  vi.useRealTimers();
  cleanup();
});

/** Revocation's session log, loaded and drawn, at its start. */
async function revocationLog() {
  const store = createAppStore({ scenarioId: 'revocation', view: 'session', questionsOn: false });
  await store.getState().load();
  render(
    <AppStoreProvider store={store}>
      <EventLog mode="session" />
    </AppStoreProvider>,
  );
  return { store, log: screen.getByRole('log', { name: 'session event log' }) };
}

describe('the event log before anything happens', () => {
  it('says so, rather than be a keyboard stop 0 px tall; the first line takes its place', async () => {
    const { store, log } = await revocationLog();
    expect(log.textContent).toBe('Nothing has happened yet.');
    await act(() => store.getState().step());
    expect(log.querySelectorAll('li').length).toBeGreaterThan(0);
    expect(log.textContent).not.toContain('Nothing has happened yet.');
  });
});

// A11y review: the log and then its line were two tab stops; the transcript is one (its line).
describe('the event log and the keyboard', () => {
  it('is one tab stop: itself while it has no request line, then its newest request line alone', async () => {
    const { store, log } = await revocationLog();
    const tabbable = () => [log, ...log.querySelectorAll<HTMLElement>('button')].filter((el) => el.tabIndex >= 0);
    expect(tabbable()).toEqual([log]);
    await act(() => store.getState().seek(3_000));
    const buttons = log.querySelectorAll('button');
    expect(buttons.length).toBeGreaterThan(1);
    expect(tabbable()).toEqual([buttons[buttons.length - 1]]);
  });
});

// A11y review: while playing, the log read ~3 lines a second aloud over the captions; paused, with
// both worlds, a Step's line was read by each log, naming neither world, and by the caption's
// "what just happened", which names them (lessonEnd.test.tsx).
describe('the event log as a live region', () => {
  it('is silent, playing or paused: the caption speaks for a moment', async () => {
    const { store, log } = await revocationLog();
    expect(log.getAttribute('aria-live')).toBe('off');
    await act(() => store.getState().step());
    expect(log.getAttribute('aria-live')).toBe('off');
    act(() => store.setState({ playing: true }));
    expect(log.getAttribute('aria-live')).toBe('off');
  });
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

/**
 * A session log drawn while the lesson plays at 16x (fake timers), its moments made by hand: what
 * is tested is how many lines each moment makes new and how often moments come, not any lesson.
 */
async function handMadeLog(from: number) {
  const store = createAppStore({ scenarioId: 'basic', view: 'session', questionsOn: false });
  await store.getState().load();
  const world = store.getState().worlds.session!;
  const entry = (seq: number): LogEntry => ({ seq, timeMs: seq, kind: 'note', text: `line ${seq}` });
  let newest = from;
  vi.useFakeTimers({ toFake: ['requestAnimationFrame', 'cancelAnimationFrame', 'setTimeout', 'clearTimeout'] });
  act(() => store.setState({ playing: true, speed: 16 }));
  const { container } = render(
    <AppStoreProvider store={store}>
      <EventLog mode="session" />
    </AppStoreProvider>,
  );
  const hand = {
    store,
    container,
    /** The seq of the newest line so far. */
    get newest() {
      return newest;
    },
    /** A moment whose log ends `added` lines further on (a log holds 120 lines). */
    moment(added: number) {
      newest += added;
      const lines = Array.from({ length: 120 }, (_, k) => entry(newest - 119 + k));
      act(() => store.setState({ worlds: { session: { ...world, log: lines, logTotal: newest + 1 } } }));
    },
  };
  hand.moment(0);
  return hand;
}

describe('the event log while a lesson plays fast', () => {
  it('draws only its newest lines while each moment turns the log over, says so, and draws the whole log once slower or paused', async () => {
    const hand = await handMadeLog(500);
    const { store, container } = hand;
    const moment = (added: number) => hand.moment(added);
    const lines = () => [...container.querySelectorAll('li')].map((li) => li.textContent ?? '');
    const note = () => container.querySelector('.eventlog-hidden')?.textContent ?? '';
    const last = (n: number) => Array.from({ length: n }, (_, k) => expect.stringContaining(`line ${hand.newest - n + 1 + k}`));
    const frames = async (n: number) => {
      for (let i = 0; i < n; i++)
        await act(async () => {
          vi.advanceTimersByTime(16);
        });
    };
    // Playing, each moment 100 lines on: the newest 30 only, frame after frame (a calm wait apart).
    for (let i = 0; i < 4; i++) {
      moment(100);
      await frames(CALM_MS / 16 + 1);
      expect(lines()).toEqual(last(LOG_LINES_PER_FRAME));
    }
    expect(note()).toBe(`${plural(hand.newest + 1 - LOG_LINES_PER_FRAME, 'earlier event')} not shown. Pause to see the last 120.`);

    // Slowed below 4x, the hold ends and the older lines come while it plays.
    act(() => store.setState({ speed: 1 }));
    await frames(6);
    expect(lines()).toEqual(last(120));
    expect(note()).toBe(`${plural(hand.newest + 1 - 120, 'earlier event')} not shown: move the timeline back to see them.`);
    // At 1x a moment with many new lines draws them all, a chunk a frame.
    moment(100);
    await frames(6);
    expect(lines()).toEqual(last(120));

    // Fast again and turning over, it holds again; paused, the whole log comes.
    act(() => store.setState({ speed: 16 }));
    moment(100);
    await frames(CALM_MS / 16 + 1);
    expect(lines()).toEqual(last(LOG_LINES_PER_FRAME));
    act(() => store.setState({ playing: false }));
    await frames(6);
    expect(lines()).toEqual(last(120));
    expect(note()).toBe(`${plural(hand.newest + 1 - 120, 'earlier event')} not shown: move the timeline back to see them.`);
  });
});

describe('the event log while a lesson plays fast, moment after moment', () => {
  it('takes a new moment at most twice a second, the latest when the wait ends, and every moment at once when paused', async () => {
    // Moments of 10 lines, fewer than a chunk: each is drawn whole.
    const hand = await handMadeLog(200);
    const { store, container } = hand;
    const moment = (added: number) => hand.moment(added);
    const newestShown = () => container.querySelector('li:last-child')?.textContent ?? '';
    const after = async (ms: number) =>
      act(async () => {
        vi.advanceTimersByTime(ms);
      });
    await after(CALM_MS);
    // A moment after a calm spell shows at once; the next ones wait for the rest of the spell.
    moment(10);
    await after(16);
    expect(newestShown()).toContain(`line ${hand.newest}`);
    moment(10);
    await after(100);
    moment(10);
    await after(100);
    expect(newestShown()).toContain(`line ${hand.newest - 20}`);
    // The spell ends: the latest moment shows, not the one in between.
    await after(CALM_MS - 200);
    expect(newestShown()).toContain(`line ${hand.newest}`);
    // A spell of rest began as the last ended: it ends too, and the moments after it show.
    moment(10);
    await after(CALM_MS);
    expect(newestShown()).toContain(`line ${hand.newest}`);
    moment(10);
    await after(CALM_MS);
    expect(newestShown()).toContain(`line ${hand.newest}`);
    // At 1x every moment shows at once.
    act(() => store.setState({ speed: 1 }));
    moment(10);
    await after(16);
    expect(newestShown()).toContain(`line ${hand.newest}`);
    moment(10);
    await after(16);
    expect(newestShown()).toContain(`line ${hand.newest}`);
    // Paused at 16x, too.
    act(() => store.setState({ speed: 16, playing: false }));
    moment(10);
    await after(16);
    moment(10);
    await after(16);
    expect(newestShown()).toContain(`line ${hand.newest}`);
    // A pause in the middle of a wait shows the held moment at once; playing fast again, what shows
    // never goes back, and the next moment comes within a wait.
    act(() => store.setState({ playing: true }));
    await after(CALM_MS);
    moment(10);
    await after(16);
    moment(10);
    await after(16);
    expect(newestShown()).toContain(`line ${hand.newest - 10}`);
    act(() => store.setState({ playing: false }));
    await after(16);
    expect(newestShown()).toContain(`line ${hand.newest}`);
    act(() => store.setState({ playing: true }));
    await after(16);
    expect(newestShown()).toContain(`line ${hand.newest}`);
    moment(10);
    await after(CALM_MS);
    expect(newestShown()).toContain(`line ${hand.newest}`);
  });
});
