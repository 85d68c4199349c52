// The run in detail (strip, transcript, logs, table) lies below the first screen: it is fetched when
// the lesson first moves or the page is scrolled, and a freshly opened lesson draws without it.
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { findMeta } from '../../src/scenarios/catalog';
import { createAppStore } from '../../src/store/createAppStore';
import { App } from '../../src/ui/App';

afterEach(cleanup);

async function opened() {
  const store = createAppStore({ scenarioId: 'basic', view: 'both', questionsOn: false });
  await store.getState().load();
  await act(async () => {
    render(<App store={store} />);
  });
  return store;
}

describe('the details below the first screen', () => {
  it('wait until the lesson moves, then show both event logs', async () => {
    const store = await opened();
    const details = screen.getByRole('region', { name: 'The run in detail' });
    expect(details.children).toHaveLength(0);
    await act(() => store.getState().seek(1_000));
    expect(await screen.findByRole('log', { name: 'session event log' }, { timeout: 5_000 })).toBeTruthy();
    expect(screen.getByRole('log', { name: 'jwt event log' })).toBeTruthy();
    // The story so far opens with what to watch (a phone's caption box never shows it).
    const story = screen.getByRole('region', { name: 'The lesson so far' });
    expect(story.textContent).toContain(`What to watch: ${store.getState().scenario!.notice}`);
    // Another lesson picked: its notice from the moment it is picked, while the last one is still loaded.
    let next!: Promise<boolean>;
    act(() => {
      next = store.getState().load({ scenarioId: 'revocation' });
    });
    expect(store.getState().scenario!.id).toBe('basic');
    expect(story.textContent).toContain(`What to watch: ${findMeta('revocation')!.notice}`);
    // It opens at 0 s, not started: its details are still shown.
    await act(async () => {
      expect(await next).toBe(true);
    });
    expect(screen.getByRole('log', { name: 'session event log' })).toBeTruthy();
    expect(story.textContent).toContain(`What to watch: ${findMeta('revocation')!.notice}`);
  }, 15_000);

  it('come when the page is scrolled towards them', async () => {
    await opened();
    await act(async () => {
      fireEvent.scroll(window);
    });
    expect(await screen.findByRole('log', { name: 'session event log' }, { timeout: 5_000 })).toBeTruthy();
  });

  it('come by themselves soon after the lesson is drawn, for a reader who never scrolls (a screen reader cursor does not)', async () => {
    const store = createAppStore({ scenarioId: 'basic', view: 'both', questionsOn: false });
    await store.getState().load();
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      await act(async () => {
        render(<App store={store} />);
      });
      const details = screen.getByRole('region', { name: 'The run in detail' });
      await act(async () => {
        vi.advanceTimersByTime(1_000);
      });
      expect(details.children).toHaveLength(0);
      await act(async () => {
        vi.advanceTimersByTime(600);
      });
    } finally {
      vi.useRealTimers();
    }
    expect(await screen.findByRole('log', { name: 'session event log' }, { timeout: 5_000 })).toBeTruthy();
    expect(screen.getByRole('table', { name: /measured in this run/ })).toBeTruthy();
  });
});
