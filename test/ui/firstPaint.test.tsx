import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { findMeta } from '../../src/scenarios/catalog';
import { createAppStore } from '../../src/store/createAppStore';
import { App } from '../../src/ui/App';

afterEach(cleanup);

// The page's first paint carries the lesson's opening (the largest text on the first screen), drawn
// from the catalog before the lesson's script or the engine has arrived; the run's words follow.
describe('the first paint', () => {
  it('shows the opening from the catalog while the lesson loads, then the run takes over', async () => {
    const store = createAppStore({ scenarioId: 'revocation', view: 'both', questionsOn: false });
    const loaded = store.getState().load();
    render(<App store={store} />);
    const meta = findMeta('revocation')!;
    expect(store.getState().scenario).toBeNull();
    expect(screen.getByTestId('lesson-caption').textContent).toBe(`${meta.title}. What to watch: ${meta.notice}`);

    await act(async () => {
      expect(await loaded).toBe(true);
    });
    const sc = store.getState().scenario!;
    expect(sc.notice).toBe(meta.notice);
    await waitFor(() => expect(document.querySelector('.stage')).not.toBeNull());
    // The run's first moment now speaks: its caption, from the lesson's own timeline.
    const first = sc.timeline('session').find((st) => st.caption)!;
    expect(screen.getByTestId('lesson-caption').textContent).toContain(first.caption!);

    // Another lesson picked: while its script loads, the opening is the new lesson's, never the
    // old one's under the new lesson's name.
    let next!: Promise<boolean>;
    act(() => {
      next = store.getState().load({ scenarioId: 'basic' });
    });
    const basic = findMeta('basic')!;
    expect(store.getState().scenario!.id).toBe('revocation');
    expect(screen.getByTestId('lesson-caption').textContent).toBe(`${basic.title}. What to watch: ${basic.notice}`);
    await act(async () => {
      expect(await next).toBe(true);
    });
  });
});
