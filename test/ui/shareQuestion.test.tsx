// A link to a moment a question keeps back opens on the question, the learner predicting first: the
// Share dialog says so where the sharer does not see that question asked (their questions off, or
// it answered), and the link with questions unticked opens on the moment itself (teacher review:
// stolen-credential shared at 6 s, "Alice logs out…", opened at 6.5 s under a card).
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, expect, it } from 'vitest';
import { createAppStore } from '../../src/store/createAppStore';
import { parseLink } from '../../src/store/urlState';
import { ShareButton } from '../../src/ui/controls/ShareButton';
import { AppStoreProvider } from '../../src/ui/storeContext';
import { fakeFrames } from './support/frames';

afterEach(cleanup);

async function shareAt(timeMs: number) {
  fakeFrames();
  const store = createAppStore({ scenarioId: 'stolen-credential', view: 'both', questionsOn: false });
  await store.getState().load();
  await act(() => store.getState().seek(timeMs));
  render(
    <AppStoreProvider store={store}>
      <ShareButton />
    </AppStoreProvider>,
  );
  fireEvent.click(screen.getByRole('button', { name: 'Share' }));
  const dialog = await screen.findByRole('dialog', { name: 'Share this moment' }, { timeout: 5_000 });
  const link = () => within(dialog).getByLabelText<HTMLInputElement>('Link to this moment').value;
  return { store, dialog, link };
}

it('says a link into a question\'s span first asks it, and unticked, the link opens on the moment', async () => {
  const { store, dialog, link } = await shareAt(6_000);
  const question = store.getState().scenario!.questions!.find((q) => q.atMs > 6_000)!;
  expect(within(dialog).getByText(new RegExp(`opens at 00:0${question.atMs / 1000}\\d* on the question "${question.prompt.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}", not on this moment`))).toBeTruthy();
  // The sharer's own questions are off: the link says on, or opened in her browser it asked nothing (teacher review).
  expect(parseLink(new URL(link()).search)).toMatchObject({ state: { questionsOn: true }, problems: [] });
  fireEvent.click(within(dialog).getByLabelText('Ask prediction questions (the link and the embed)'));
  expect(within(dialog).queryByText(/on the question/)).toBeNull();
  expect(parseLink(new URL(link()).search).state).toMatchObject({ questionsOn: false, timeMs: 6_000 });
});

it('says nothing at a moment no question keeps back', async () => {
  const { dialog } = await shareAt(1_000);
  expect(within(dialog).getByLabelText('Ask prediction questions (the link and the embed)')).toHaveProperty('checked', true);
  expect(within(dialog).queryByText(/on the question/)).toBeNull();
});
