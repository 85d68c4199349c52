import { act, render } from '@testing-library/react';
import { Profiler } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { createAppStore } from '../../src/store/createAppStore';
import { Stage } from '../../src/ui/stage/Stage';
import { Controls } from '../../src/ui/controls/Controls';
import { AppStoreProvider } from '../../src/ui/storeContext';
import { runFrames, fakeFrames } from './support/frames';

// Dot positions are written by the one animation loop: React must not re-render per frame.
describe('playback rendering', () => {
  it('renders the stage far less often than frames are drawn, while dots keep moving', async () => {
    fakeFrames();
    const store = createAppStore({ scenarioId: 'basic', view: 'session' });
    await store.getState().load();
    let commits = 0;
    let frames = 0;
    store.player.onFrame(() => frames++);
    render(
      <AppStoreProvider store={store}>
        <Profiler id="stage" onRender={() => commits++}>
          <Stage mode="session" />
        </Profiler>
      </AppStoreProvider>,
    );
    const before = commits;
    const timeBefore = store.player.timeMs;
    act(() => store.getState().play());
    await runFrames(store, 94); // 1.5 s of frames
    act(() => store.getState().pause());
    vi.useRealTimers();
    const renders = commits - before;
    expect(store.player.timeMs).toBeGreaterThan(timeBefore);
    expect(frames).toBeGreaterThan(30);
    // Re-renders follow events (a handful of messages sent and received), not frames.
    expect(renders).toBeLessThan(frames / 3);
  });
});

describe('the playback controls while playing', () => {
  it('leave the speed slider alone: only the clock and the timeline follow each moment', async () => {
    fakeFrames();
    const store = createAppStore({ scenarioId: 'basic', view: 'session' });
    await store.getState().load();
    const { getByRole } = render(
      <AppStoreProvider store={store}>
        <Controls />
      </AppStoreProvider>,
    );
    const speed = getByRole('slider', { name: 'Speed' });
    const timeline = getByRole('slider', { name: 'Timeline' });
    const touched = new Set<Node>();
    const observer = new MutationObserver((records) => records.forEach((r) => touched.add(r.target)));
    observer.observe(speed, { attributes: true });
    observer.observe(timeline, { attributes: true });
    act(() => store.getState().play());
    await runFrames(store, 60);
    act(() => store.getState().pause());
    await Promise.resolve();
    observer.disconnect();
    vi.useRealTimers();
    expect(touched.has(timeline)).toBe(true);
    expect(touched.has(speed)).toBe(false);
  });
});
