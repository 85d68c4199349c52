import { afterEach, describe, expect, it, vi } from 'vitest';
import { browserPause } from '../../src/store/yieldToBrowser';

afterEach(() => vi.useRealTimers());

describe('browserPause', () => {
  it('gives the browser a turn only once the task has run 16 ms (a frame), then starts counting again', async () => {
    vi.useFakeTimers();
    let clock = 0;
    const pause = browserPause(() => clock);
    let yielded = 0;
    const spy = vi.spyOn(globalThis, 'setTimeout');
    clock = 15;
    await pause();
    expect(spy).not.toHaveBeenCalled();
    clock = 17;
    const pending = pause().then(() => yielded++);
    await vi.advanceTimersByTimeAsync(0);
    await pending;
    expect(yielded).toBe(1);
    expect(spy).toHaveBeenCalledTimes(1);
    clock = 30; // 13 ms after the turn: no new pause yet
    await pause();
    expect(spy).toHaveBeenCalledTimes(1);
  });

  it('always gives the browser a turn when told to (before drawing a new moment), however short the task so far', async () => {
    vi.useFakeTimers();
    const clock = 0;
    const pause = browserPause(() => clock);
    const spy = vi.spyOn(globalThis, 'setTimeout');
    const pending = pause(true);
    await vi.advanceTimersByTimeAsync(0);
    await pending;
    expect(spy).toHaveBeenCalledTimes(1);
  });
});
