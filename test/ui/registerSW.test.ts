// public/registerSW.js registers the offline worker only once the app says its first screen works
// (src/settled.ts): on a first visit the worker's install fetches the whole build, and started at
// the window's load it held the page's own start back. A page that never says so still gets it.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { announceSettled, SETTLED_ATTRIBUTE, SETTLED_EVENT } from '../../src/settled';

const script = readFileSync(resolve('public/registerSW.js'), 'utf8');

let register: ReturnType<typeof vi.fn>;

/** Runs the script as the page does, with a service worker container that records registrations. */
function runScript(): void {
  register = vi.fn(() => Promise.resolve({}));
  Object.defineProperty(navigator, 'serviceWorker', { configurable: true, value: { controller: null, addEventListener: vi.fn(), register } });
  new Function(script)();
  if (document.readyState !== 'complete') window.dispatchEvent(new Event('load'));
}

beforeEach(() => {
  vi.useFakeTimers();
  // The browser's idle callback, as a short timer: the test moves the clock past it.
  vi.stubGlobal('requestIdleCallback', (callback: () => void) => setTimeout(callback, 50));
  document.documentElement.removeAttribute(SETTLED_ATTRIBUTE);
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('the offline worker waits for the app', () => {
  it('is not registered at the load, and is registered once the app has settled, at the next idle moment', () => {
    runScript();
    vi.advanceTimersByTime(5_000);
    expect(register).not.toHaveBeenCalled();
    announceSettled();
    expect(register).not.toHaveBeenCalled();
    vi.advanceTimersByTime(50);
    expect(register).toHaveBeenCalledExactlyOnceWith('./sw.js', { scope: './' });
    // The fallback that comes later asks nothing more.
    vi.advanceTimersByTime(10_000);
    expect(register).toHaveBeenCalledTimes(1);
  });

  it('is registered when the app settled before the script ran', () => {
    announceSettled();
    runScript();
    vi.advanceTimersByTime(50);
    expect(register).toHaveBeenCalledTimes(1);
  });

  it('is registered 10 s after the load when the app never settles (its lesson failed to load)', () => {
    runScript();
    vi.advanceTimersByTime(9_999);
    expect(register).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(register).toHaveBeenCalledTimes(1);
  });

  it('reads the event and the attribute the app writes', () => {
    expect(script).toContain(`'${SETTLED_EVENT}'`);
    expect(script).toContain(`'${SETTLED_ATTRIBUTE}'`);
  });
});
