import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createAppStore } from '../../src/store/createAppStore';
import { parseLink } from '../../src/store/urlState';
import { Caption } from '../../src/ui/narration/Caption';
import { NEWS_QUIET_MS } from '../../src/ui/narration/MomentNews';
import { AppStoreProvider } from '../../src/ui/storeContext';

async function setup() {
  const store = createAppStore(parseLink('?scenario=revocation&mode=both&q=0').state);
  await store.getState().load();
  render(
    <AppStoreProvider store={store}>
      <Caption />
    </AppStoreProvider>,
  );
  // The caption's extras (the moment's news among them) come with the stage's code.
  await vi.waitFor(() => expect(screen.getByTestId('moment-news')).toBeTruthy());
  return store;
}

/** Every text the live region is given, in order. */
function listen(): string[] {
  const said: string[] = [];
  const region = screen.getByTestId('moment-news');
  new MutationObserver(() => said.push(region.textContent ?? '')).observe(region, { childList: true, characterData: true, subtree: true });
  return said;
}

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe("a paused moment's news", () => {
  it('is said once a held key stops, not at every moment it passed (a11y review: 15 announcements in 1.4 s of a held Step)', async () => {
    const store = await setup();
    const said = listen();
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    for (let i = 0; i < 8; i++) {
      await act(() => store.getState().step());
      await act(() => vi.advanceTimersByTimeAsync(40));
    }
    expect(said).toEqual([]);
    await act(() => vi.advanceTimersByTimeAsync(NEWS_QUIET_MS));
    expect(said).toHaveLength(1);
    expect(said[0]).not.toBe('');
  });

  it('of a single step is said by its own lines, once', async () => {
    const store = await setup();
    const said = listen();
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    await act(() => store.getState().step());
    await act(() => vi.advanceTimersByTimeAsync(NEWS_QUIET_MS + 10));
    expect(said).toHaveLength(1);
    const lines = [...(store.getState().worlds.session?.log ?? []), ...(store.getState().worlds.jwt?.log ?? [])].map((e) => e.text);
    expect(lines.some((text) => said[0]!.includes(text))).toBe(true);
  });
});
