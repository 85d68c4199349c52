// The drawer (inspector and interventions) brings focus in when it opens, once its lazy part has
// drawn, and never takes it back from a learner who got into the panel first.
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeAll, expect, it, vi } from 'vitest';
import { createAppStore } from '../../src/store/createAppStore';
import { App } from '../../src/ui/App';
import { fakeFrames, FRAME_MS } from './support/frames';

// The panel's lazy chunk, compiled once before the tests: on a busy machine its first compile took longer than findByRole waits.
beforeAll(() => import('../../src/ui/interventions/InterventionsPanel'));

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

async function appWithInterventions() {
  fakeFrames();
  const store = createAppStore({ scenarioId: 'basic', view: 'both', questionsOn: false });
  await store.getState().load();
  await act(async () => {
    render(<App store={store} />);
  });
  act(() => store.getState().openDrawer('interventions'));
  return screen.findByRole('button', { name: 'Ban alice' });
}

const frames = (n: number) => act(() => vi.advanceTimersByTime(n * FRAME_MS));

it('moves focus into the interventions once they have drawn', async () => {
  await appWithInterventions();
  await frames(3);
  expect(document.activeElement?.id).toBe('interventions');
});

// CI: on a busy machine the panel drew, a keyboard user focused Ban and pressed Enter, and the
// next frame moved focus to the panel's heading (Ban lost its focus ring).
it('leaves focus on a control the learner reached before the next frame', async () => {
  const ban = await appWithInterventions();
  ban.focus();
  fireEvent.click(ban);
  await frames(3);
  expect(ban.getAttribute('aria-disabled')).toBe('true');
  expect(document.activeElement).toBe(ban);
});
