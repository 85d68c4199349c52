// Space plays and pauses from anywhere on the page, but on a focused control it belongs to that
// control only (issue 7, item 7): a button, a stage node, a link, a form field, a choice.
import { cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AppStore } from '../../src/store/createAppStore';
import { ownsKeys, useShortcuts } from '../../src/ui/useShortcuts';

afterEach(cleanup);

function setup() {
  const state = { playing: false, speed: 1, togglePlay: vi.fn(), pause: vi.fn(), step: vi.fn(async () => {}), stepBack: vi.fn(async () => {}), setSpeed: vi.fn() };
  const store = { getState: () => state } as unknown as AppStore;
  function Page() {
    useShortcuts(store);
    return (
      <div>
        <p id="text">Some text</p>
        <button type="button" id="btn">
          Step
        </button>
        <a href="#stage" id="link">
          Skip
        </a>
        <input id="field" />
        <svg>
          <g role="button" tabIndex={0} id="node">
            <text id="node-text">server-1</text>
          </g>
        </svg>
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

  it('ownsKeys names the controls that keep their keys', () => {
    setup();
    expect(ownsKeys(document.getElementById('node'))).toBe(true);
    expect(ownsKeys(document.getElementById('text'))).toBe(false);
    expect(ownsKeys(null)).toBe(false);
    expect(ownsKeys(window)).toBe(false);
  });
});
