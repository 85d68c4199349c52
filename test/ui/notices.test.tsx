// The notices' status region: a screen reader hears a notice only if the region was there before it.
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, expect, it } from 'vitest';
import { createAppStore } from '../../src/store/createAppStore';
import { Notices } from '../../src/ui/narration/Notices';
import { AppStoreProvider } from '../../src/ui/storeContext';

afterEach(cleanup);

it('keeps one status region from the first render, fills it with a notice, and says no button with it', () => {
  const store = createAppStore({ scenarioId: 'basic', view: 'both' });
  render(
    <AppStoreProvider store={store}>
      <Notices />
    </AppStoreProvider>,
  );
  const region = screen.getByRole('status', { name: 'Notices' });
  expect(region.textContent).toBe('');
  expect(screen.queryByRole('button', { name: 'Dismiss' })).toBeNull();

  act(() => store.setState({ notices: ['That intervention was not applied: no such server.'] }));
  // The same element, now holding the words: inserted with them, it went unsaid.
  expect(screen.getByRole('status', { name: 'Notices' })).toBe(region);
  expect(region.textContent).toBe('That intervention was not applied: no such server.');
  // "Dismiss" is no part of what the region says.
  expect(within(region).queryByRole('button')).toBeNull();

  fireEvent.click(screen.getByRole('button', { name: 'Dismiss' }));
  expect(store.getState().notices).toEqual([]);
  expect(screen.getByRole('status', { name: 'Notices' })).toBe(region);
  expect(region.textContent).toBe('');
});
