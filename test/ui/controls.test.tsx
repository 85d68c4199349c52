import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { createAppStore } from '../../src/store/createAppStore';
import { Controls } from '../../src/ui/controls/Controls';
import { AppStoreProvider } from '../../src/ui/storeContext';
import { useShortcuts } from '../../src/ui/useShortcuts';
import type { AppStore } from '../../src/store/createAppStore';

function Harness({ store }: { store: AppStore }) {
  useShortcuts(store);
  return (
    <AppStoreProvider store={store}>
      <Controls />
    </AppStoreProvider>
  );
}

async function setup() {
  const store = createAppStore({ scenarioId: 'basic', view: 'both' });
  await store.getState().load();
  render(<Harness store={store} />);
  return store;
}

afterEach(cleanup);

describe('playback controls', () => {
  it('Play becomes Pause and back, and the clock runs only while playing', async () => {
    const store = await setup();
    fireEvent.click(screen.getByRole('button', { name: 'Play' }));
    expect(screen.getByRole('button', { name: 'Pause' })).toBeTruthy();
    await act(() => new Promise((r) => setTimeout(r, 400)));
    fireEvent.click(screen.getByRole('button', { name: 'Pause' }));
    const paused = store.player.timeMs;
    expect(paused).toBeGreaterThan(0);
    await act(() => new Promise((r) => setTimeout(r, 200)));
    expect(store.player.timeMs).toBe(paused);
  });

  it('Step moves to the next logged moment and Step back returns to the one before', async () => {
    const store = await setup();
    const logged = () => store.getState().worlds.session!.logTotal;
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Step' })));
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Step' })));
    const afterTwo = logged();
    const t2 = store.player.timeMs;
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Step' })));
    expect(logged()).toBeGreaterThan(afterTwo);
    const t3 = store.player.timeMs;
    expect(t3).toBeGreaterThan(t2);
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Step back' })));
    expect(store.player.timeMs).toBeLessThan(t3);
    expect(logged()).toBeLessThanOrEqual(afterTwo);
  });

  it('the speed slider runs from 0.25x to 16x on a log scale and announces its value', async () => {
    const store = await setup();
    const slider = screen.getByRole('slider', { name: 'Speed' });
    fireEvent.change(slider, { target: { value: '1' } });
    expect(store.getState().speed).toBeCloseTo(16);
    expect(slider.getAttribute('aria-valuetext')).toBe('16x');
    fireEvent.change(slider, { target: { value: '0' } });
    expect(store.getState().speed).toBeCloseTo(0.25);
  });

  it('keyboard: Space plays and pauses, + and - double and halve the speed, within limits', async () => {
    const store = await setup();
    fireEvent.keyDown(window, { key: ' ' });
    expect(store.getState().playing).toBe(true);
    fireEvent.keyDown(window, { key: ' ' });
    expect(store.getState().playing).toBe(false);
    fireEvent.keyDown(window, { key: '+' });
    expect(store.getState().speed).toBe(2);
    for (let i = 0; i < 10; i++) fireEvent.keyDown(window, { key: '+' });
    expect(store.getState().speed).toBe(16);
    fireEvent.keyDown(window, { key: '-' });
    expect(store.getState().speed).toBe(8);
  });

  it('the timeline scrubber seeks, and markers jump to the scenario steps', async () => {
    const store = await setup();
    await act(async () => {
      fireEvent.change(screen.getByRole('slider', { name: 'Timeline' }), { target: { value: '1200' } });
      await store.player.seek(1200);
    });
    expect(store.player.timeMs).toBe(1200);
    const marker = screen.getByRole('button', { name: /Jump to 00:00.500/ });
    await act(async () => {
      fireEvent.click(marker);
      await store.player.seek(501);
    });
    expect(store.player.timeMs).toBe(501);
  });
});
