// Offline support waits for the page to be settled (src/settled.ts): the manifest is linked and the
// worker registered only then, at an idle moment; a newer worker taking over reloads the page once.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { offerOfflineSupport } from '../../src/offlineSupport';
import { MANIFEST_HREF, reloadOnNewVersion } from '../../src/offlineWorker';

let register: ReturnType<typeof vi.fn>;
let onControllerChange: (() => void) | undefined;

function workers(controller: object | null): void {
  register = vi.fn(() => Promise.resolve({}));
  onControllerChange = undefined;
  const addEventListener = (type: string, listener: () => void) => {
    if (type === 'controllerchange') onControllerChange = listener;
  };
  Object.defineProperty(navigator, 'serviceWorker', { configurable: true, value: { controller, addEventListener, register } });
}

beforeEach(() => {
  vi.useFakeTimers();
  // The browser's idle callback, as a short timer: the test moves the clock past it.
  vi.stubGlobal('requestIdleCallback', (callback: () => void) => setTimeout(callback, 50));
  document.head.querySelectorAll('link[rel="manifest"]').forEach((l) => l.remove());
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('offline support', () => {
  it('links the manifest at once and registers the worker at the next idle moment', () => {
    workers(null);
    offerOfflineSupport();
    expect(document.head.querySelector('link[rel="manifest"]')?.getAttribute('href')).toBe(MANIFEST_HREF);
    expect(register).not.toHaveBeenCalled();
    vi.advanceTimersByTime(50);
    expect(register).toHaveBeenCalledExactlyOnceWith('./sw.js', { scope: './' });
  });

  it('still links the manifest where no worker can be registered (not a secure context)', () => {
    Object.defineProperty(navigator, 'serviceWorker', { configurable: true, value: undefined });
    offerOfflineSupport();
    expect(document.head.querySelectorAll('link[rel="manifest"]')).toHaveLength(1);
  });

  it('reloads once when a newer worker takes over from the one that served the page', () => {
    const reload = vi.fn();
    vi.stubGlobal('location', { ...window.location, reload });
    workers({});
    reloadOnNewVersion();
    onControllerChange?.();
    onControllerChange?.();
    expect(reload).toHaveBeenCalledTimes(1);
  });

  it('reloads nothing at the first install (no worker served the page)', () => {
    workers(null);
    reloadOnNewVersion();
    expect(onControllerChange).toBeUndefined();
  });
});
