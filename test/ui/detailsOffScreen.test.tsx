// The details start below the fold: while a lesson plays and they are out of view, their panels
// take a new moment at most every OUT_OF_VIEW_MS (laying them out at every publish was a fifth of a
// frame's work at 4x CPU); scrolled into view, or paused, they show the newest at once.
import { act, cleanup, render, screen } from '@testing-library/react';
import { useRef } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createAppStore, type AppStore } from '../../src/store/createAppStore';
import Details from '../../src/ui/Details';
import { AppStoreProvider } from '../../src/ui/storeContext';
import { OUT_OF_VIEW_MS } from '../../src/ui/useCalmValue';
import { nextFrame, FRAME_MS } from './support/frames';

/** The one IntersectionObserver the details make, told by the test what is on screen. */
let onScreen: (seen: boolean) => void = () => {};
class FakeIntersectionObserver {
  constructor(private readonly callback: (entries: { isIntersecting: boolean }[]) => void) {}
  observe() {
    onScreen = (seen) => act(() => this.callback([{ isIntersecting: seen }]));
  }
  disconnect() {}
}

function Below({ store }: { store: AppStore }) {
  const section = useRef<HTMLElement>(null);
  return (
    <AppStoreProvider store={store}>
      <section ref={section}>
        <Details modes={['session']} section={section} />
      </section>
    </AppStoreProvider>
  );
}

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
  cleanup();
});

async function frames(store: AppStore, n: number) {
  for (let i = 0; i < n; i++) await act(() => nextFrame(store));
}

describe('the details while a lesson plays out of view', () => {
  it('take a new moment at most every 2 s, and the newest at once when scrolled to or paused', async () => {
    vi.stubGlobal('IntersectionObserver', FakeIntersectionObserver);
    // The player's yields between slices of work, which would wait on the faked setTimeout.
    vi.stubGlobal('scheduler', { yield: () => Promise.resolve() });
    vi.useFakeTimers({ toFake: ['requestAnimationFrame', 'cancelAnimationFrame', 'performance', 'setTimeout', 'clearTimeout'] });
    const store = createAppStore({ scenarioId: 'revocation', view: 'session', questionsOn: false, speed: 2 });
    await store.getState().load();
    render(<Below store={store} />);
    onScreen(false);
    const log = () => screen.getByRole('log', { name: 'session event log' });
    const newestShown = () => [...log().querySelectorAll('li')].at(-1)?.textContent ?? '';
    const newest = () => store.getState().worlds.session?.log.at(-1)?.text ?? '';
    act(() => store.getState().play());
    // Its first moment at once; then the run logs on while the log keeps it, for OUT_OF_VIEW_MS.
    for (let i = 0; i < 20 && newestShown() === ''; i++) await frames(store, 1);
    const held = newestShown();
    expect(held).toContain(newest());
    let n = 0;
    for (; n < 100 && newestShown().includes(newest()); n++) await frames(store, 1);
    expect(newestShown()).not.toContain(newest());
    await frames(store, OUT_OF_VIEW_MS / FRAME_MS - n - 5);
    expect(newestShown()).toBe(held);
    // The wait over, a later moment.
    await frames(store, 20);
    expect(newestShown()).not.toBe(held);
    // Scrolled into view: every moment at once.
    await frames(store, 30);
    onScreen(true);
    expect(newestShown()).toContain(newest());
    await frames(store, 30);
    expect(newestShown()).toContain(newest());
    // Out of view again and paused: the newest at once too.
    onScreen(false);
    await frames(store, 30);
    act(() => store.getState().pause());
    expect(newestShown()).toContain(newest());
  });
});
