// Space plays and pauses from anywhere on the page, but on a focused control it belongs to that
// control only (issue 7, item 7): a button, a stage node, a link, a form field, a choice.
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import { useEffect, useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AppStore } from '../../src/store/createAppStore';
import { listenForShortcuts, ownsKeys } from '../../src/ui/shortcuts';

afterEach(cleanup);

/** The shortcuts listening from the first render (App loads their code after the first screen: controls.test). */
const useShortcuts = (store: AppStore) => useEffect(() => listenForShortcuts(store), [store]);

/** The store's actions the shortcuts call, as spies. */
function fakeStore() {
  const state = { playing: false, speed: 1, presentation: { controls: true }, togglePlay: vi.fn(), pause: vi.fn(), step: vi.fn(async () => {}), stepBack: vi.fn(async () => {}), setSpeed: vi.fn() };
  return { state, store: { getState: () => state } as unknown as AppStore };
}

function setup() {
  const { state, store } = fakeStore();
  function Page() {
    useShortcuts(store);
    return (
      <div>
        <p id="text">Some text</p>
        <div role="group" aria-label="Playback">
          <button type="button" id="btn">
            Step
          </button>
        </div>
        <div className="question">
          <h2 id="prompt" tabIndex={-1}>
            Her next requests are…
          </h2>
          <button type="button" id="lock">
            Lock in my prediction
          </button>
        </div>
        <a href="#stage" id="link">
          Skip
        </a>
        <input id="field" />
        <figure className="stage">
          <svg>
            <g role="button" tabIndex={0} id="node">
              <text id="node-text">server-1</text>
            </g>
          </svg>
        </figure>
        <div role="log" aria-label="session event log" tabIndex={0} id="log">
          <ol>
            <li id="log-line">00:01.000 alice logs in</li>
          </ol>
        </div>
        <details>
          <summary id="summary">More</summary>
        </details>
        <div role="radiogroup" aria-label="A question">
          <label>
            <input type="radio" name="q" id="radio" /> An answer
          </label>
          <span id="in-group">inside</span>
        </div>
      </div>
    );
  }
  render(<Page />);
  const space = (id: string) => document.getElementById(id)!.dispatchEvent(new KeyboardEvent('keydown', { key: ' ', bubbles: true, cancelable: true }));
  return { state, space };
}

describe('Space', () => {
  it('plays and pauses when focus is on the page, not on a control', () => {
    const { state, space } = setup();
    space('text');
    expect(state.togglePlay).toHaveBeenCalledTimes(1);
    document.body.dispatchEvent(new KeyboardEvent('keydown', { key: ' ', bubbles: true }));
    expect(state.togglePlay).toHaveBeenCalledTimes(2);
  });

  it('acts on a focused button, stage node, link, field or choice only', () => {
    const { state, space } = setup();
    for (const id of ['btn', 'link', 'field', 'node', 'node-text', 'radio', 'in-group']) space(id);
    expect(state.togglePlay).not.toHaveBeenCalled();
  });

  // QA: Tab reaches an event log (tabindex 0, so a keyboard can scroll it); Space there started playback.
  it('scrolls a focused event log or opens a disclosure instead of playing', () => {
    const { state, space } = setup();
    // happy-dom lays nothing out: the log is given more lines than it shows.
    const log = document.getElementById('log')!;
    log.style.overflowY = 'auto';
    Object.defineProperty(log, 'scrollHeight', { value: 400 });
    for (const id of ['log', 'log-line', 'summary']) space(id);
    // A log whose request line is its tab stop (tabindex -1 itself), focused by a click on its words.
    log.tabIndex = -1;
    space('log-line');
    expect(state.togglePlay).not.toHaveBeenCalled();
  });

  // Teacher review: a click on an embed's caption (a tab stop, so a keyboard can scroll a long one)
  // took Space from a controls=0 frame, where it is the one key, though the caption had nothing to scroll.
  it('plays on Space from a tab stop with nothing to scroll', () => {
    const { state, space } = setup();
    space('log-line');
    expect(state.togglePlay).toHaveBeenCalledTimes(1);
  });

  // A11y review: keyboard users are nearly always on a control, and Step's hint says "Right arrow";
  // on the Step button Right did nothing.
  it('Right, Left, + and - on a focused playback button or stage node step and change speed; in a field, a choice or the question card they stay there', () => {
    const { state } = setup();
    const press = (id: string, key: string) => document.getElementById(id)!.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
    press('btn', 'ArrowRight');
    press('node-text', 'ArrowLeft');
    press('btn', '+');
    expect([state.step.mock.calls.length, state.stepBack.mock.calls.length, state.setSpeed.mock.calls]).toEqual([1, 1, [[2]]]);
    // Nor on a button elsewhere: Right on the question card's Lock in stepped past the question (review).
    // Nor on the card's question, which takes the focus as it is asked: Left stepped back from it, and the card went with the focus (a11y review).
    for (const id of ['field', 'radio', 'in-group', 'link', 'lock', 'prompt']) for (const key of ['ArrowRight', 'ArrowLeft', '+', '-']) press(id, key);
    expect([state.step.mock.calls.length, state.stepBack.mock.calls.length, state.setSpeed.mock.calls.length]).toEqual([1, 1, 1]);
  });

  it('ownsKeys names the controls that keep their keys', () => {
    setup();
    expect(ownsKeys(document.getElementById('node'))).toBe(true);
    expect(ownsKeys(document.getElementById('text'))).toBe(false);
    expect(ownsKeys(null)).toBe(false);
    expect(ownsKeys(window)).toBe(false);
  });
});

// Teacher review: an embed with controls=0 shows Play only, yet Right stepped and + sped the lesson up.
it('with the playback controls off (controls=0), Space plays and pauses and no other key acts', () => {
  const { state } = setup();
  state.presentation.controls = false;
  const press = (key: string) => document.body.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
  for (const key of ['ArrowRight', 'ArrowLeft', '+', '-']) press(key);
  press(' ');
  expect([state.togglePlay.mock.calls.length, state.step.mock.calls.length, state.stepBack.mock.calls.length, state.setSpeed.mock.calls.length]).toEqual([1, 0, 0, 0]);
});

describe('a dialog', () => {
  const keys = [' ', 'ArrowRight', 'ArrowLeft', '+', '-'];
  const press = (target: EventTarget, key: string) => target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));

  function page(dialog: 'modal' | 'inline' | 'none') {
    const { state, store } = fakeStore();
    function Page() {
      useShortcuts(store);
      return (
        <div>
          <p id="behind">Behind</p>
          {dialog !== 'none' && (
            <div role="dialog" aria-modal={dialog === 'modal' || undefined} aria-labelledby="title">
              <h2 id="title">Share this moment</h2>
            </div>
          )}
        </div>
      );
    }
    render(<Page />);
    const untouched = () => [state.togglePlay, state.step, state.stepBack, state.setSpeed].every((f) => f.mock.calls.length === 0);
    return { state, untouched };
  }

  it('while a modal dialog is open, no key reaches the lesson behind it, wherever focus is', () => {
    const { untouched } = page('modal');
    for (const key of keys) {
      press(document.getElementById('title')!, key);
      press(document.body, key);
      press(document.getElementById('behind')!, key);
    }
    expect(untouched()).toBe(true);
  });

  it('a key pressed inside any dialog stays in it; outside a non-modal one, and with none, shortcuts work', () => {
    const { state, untouched } = page('inline');
    for (const key of keys) press(document.getElementById('title')!, key);
    expect(untouched()).toBe(true);
    press(document.getElementById('behind')!, ' ');
    expect(state.togglePlay).toHaveBeenCalledTimes(1);
    cleanup();
    const none = page('none');
    press(document.body, ' ');
    expect(none.state.togglePlay).toHaveBeenCalledTimes(1);
  });
});

// A11y review: Escape left the phone's Options menu open; a disclosure menu closes on it.
describe('Escape in the Options menu', () => {
  function Header({ store }: { store: AppStore }) {
    useShortcuts(store);
    const [open, setOpen] = useState(true);
    return (
      <header className="app-header">
        <button type="button" className="more-toggle" aria-expanded={open} onClick={() => setOpen(!open)}>
          Options
        </button>
        {open && <select aria-label="Mode" id="mode"><option>Side by side</option></select>}
      </header>
    );
  }
  const escape = (target: Element) => target.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, cancelable: true }));

  it('closes the open menu and gives the focus back to Options', async () => {
    render(<Header store={fakeStore().store} />);
    const mode = screen.getByLabelText('Mode');
    mode.focus();
    escape(mode);
    const options = screen.getByRole('button', { name: 'Options' });
    await waitFor(() => expect(options.getAttribute('aria-expanded')).toBe('false'));
    expect(document.activeElement).toBe(options);
    expect(screen.queryByLabelText('Mode')).toBeNull();
  });

  // A press on the menu's words leaves it open with the focus on the page (AppHeader.tsx).
  it('closes it from the page too, when the focus is on no element', async () => {
    render(<Header store={fakeStore().store} />);
    escape(document.body);
    await waitFor(() => expect(screen.getByRole('button', { name: 'Options' }).getAttribute('aria-expanded')).toBe('false'));
  });

  it('leaves it to a modal dialog over it', async () => {
    render(<Header store={fakeStore().store} />);
    const dialog = document.body.appendChild(document.createElement('div'));
    dialog.setAttribute('role', 'dialog');
    dialog.setAttribute('aria-modal', 'true');
    try {
      escape(screen.getByLabelText('Mode'));
      await Promise.resolve();
      expect(screen.getByRole('button', { name: 'Options' }).getAttribute('aria-expanded')).toBe('true');
    } finally {
      dialog.remove();
    }
  });
});
