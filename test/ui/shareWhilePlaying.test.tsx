// Share pauses, waits for the paused moment to be drawn, then opens on its link. Pressing Space
// while a long seek settled played on, and the dialog opened over a playing lesson, its link
// already behind the screen (review of c64a997).
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, expect, it, vi } from 'vitest';
import { createAppStore } from '../../src/store/createAppStore';
import { ShareButton } from '../../src/ui/controls/ShareButton';
import { AppStoreProvider } from '../../src/ui/storeContext';
import { fakeFrames } from './support/frames';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

it('Share, then Space during a long seek: the dialog opens on a paused lesson', async () => {
  fakeFrames();
  const store = createAppStore({ scenarioId: 'revocation', view: 'both', questionsOn: false });
  await store.getState().load();
  render(
    <AppStoreProvider store={store}>
      <ShareButton />
    </AppStoreProvider>,
  );
  const seek = store.getState().seek(40_000);
  fireEvent.click(screen.getByRole('button', { name: 'Share' }));
  // Space, while the seek is still being computed.
  act(() => store.getState().togglePlay());
  expect(store.getState().playing).toBe(true);
  await act(() => seek);
  const dialog = await screen.findByRole('dialog', {}, { timeout: 5_000 });
  expect(dialog).toBeTruthy();
  expect(store.getState().playing).toBe(false);
  expect(store.getState().timeMs).toBe(store.player.timeMs);
});
