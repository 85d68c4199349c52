// A keyboard user passes an event log or the transcript with one Tab, not one per line (a log holds
// up to 120 request lines a world: ~190 presses stood between the stage and the comparison table).
// Inside, Up and Down move line by line, Page Up and Page Down a page, Home and End to the ends,
// and Tab comes back to the line last focused.
import { act, cleanup, fireEvent, render } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createAppStore, type AppStore } from '../../src/store/createAppStore';
import { EventLog } from '../../src/ui/narration/EventLog';
import { Transcript } from '../../src/ui/narration/Transcript';
import { AppStoreProvider } from '../../src/ui/storeContext';

afterEach(cleanup);

let store: AppStore;
beforeAll(async () => {
  store = createAppStore({ scenarioId: 'revocation', view: 'session', questionsOn: false });
  await store.getState().load();
  await store.getState().seek(12_000);
});

/** One part of the page, drawn from the lesson's store. */
const shown = (part: React.ReactNode) => render(<AppStoreProvider store={store}>{part}</AppStoreProvider>);

/** The list's buttons, and which of them Tab reaches. */
function stops(list: Element) {
  const buttons = [...list.querySelectorAll('button')];
  return { buttons, tabbable: buttons.filter((b) => b.tabIndex >= 0) };
}

describe('an event log is one tab stop', () => {
  it('enters at the newest request, moves by arrows, and keeps the line last focused', () => {
    const { container } = shown(<EventLog mode="session" />);
    const list = container.querySelector('ol')!;
    const { buttons, tabbable } = stops(list);
    expect(buttons.length).toBeGreaterThan(5);
    expect(tabbable).toEqual([buttons.at(-1)]);
    expect(buttons.at(-1)!.getAttribute('aria-describedby')).toBe('log-keys-session');
    expect(container.querySelector('#log-keys-session')!.textContent).toMatch(/up and down arrows/i);
    // The hint is said on the way in, not again at every line the arrows reach.
    expect(buttons[0]!.getAttribute('aria-describedby')).toBeNull();

    act(() => buttons.at(-1)!.focus());
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowUp' });
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowUp' });
    const third = buttons.at(-3)!;
    expect(document.activeElement).toBe(third);
    // Tab now comes back here, not to the newest line.
    expect(stops(list).tabbable).toEqual([third]);

    fireEvent.keyDown(document.activeElement!, { key: 'Home' });
    expect(document.activeElement).toBe(buttons[0]);
    // A page at a time (no layout here: 10 lines), never past either end.
    fireEvent.keyDown(document.activeElement!, { key: 'PageDown' });
    expect(document.activeElement).toBe(buttons[Math.min(10, buttons.length - 1)]);
    fireEvent.keyDown(document.activeElement!, { key: 'PageUp' });
    expect(document.activeElement).toBe(buttons[0]);
    fireEvent.keyDown(document.activeElement!, { key: 'PageUp' });
    expect(document.activeElement).toBe(buttons[0]);
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowUp' });
    expect(document.activeElement).toBe(buttons[0]);
    fireEvent.keyDown(document.activeElement!, { key: 'End' });
    expect(document.activeElement).toBe(buttons.at(-1));
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowDown' });
    expect(document.activeElement).toBe(buttons.at(-1));
    fireEvent.keyDown(document.activeElement!, { key: 'PageDown' });
    expect(document.activeElement).toBe(buttons.at(-1));
    expect(stops(list).tabbable).toEqual([buttons.at(-1)]);
  });

  it('still opens the request a line names', () => {
    const { container } = shown(<EventLog mode="session" />);
    const first = container.querySelector('ol button')!;
    fireEvent.click(first);
    expect(store.getState().selection).toMatchObject({ kind: 'request', mode: 'session' });
    act(() => store.getState().select(null));
  });
});

describe('the transcript is one tab stop', () => {
  it('enters at the latest caption and moves by arrows', () => {
    const { container } = shown(<Transcript />);
    const list = container.querySelector('ol')!;
    const { buttons, tabbable } = stops(list);
    expect(buttons.length).toBeGreaterThanOrEqual(2);
    expect(tabbable).toEqual([buttons.at(-1)]);
    act(() => buttons.at(-1)!.focus());
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowUp' });
    expect(document.activeElement).toBe(buttons.at(-2));
    expect(stops(list).tabbable).toEqual([buttons.at(-2)]);
  });
});
