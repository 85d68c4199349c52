import { afterEach, describe, expect, it, vi } from 'vitest';
import { browserPause } from '../../src/store/yieldToBrowser';

afterEach(() => vi.useRealTimers());

describe('browserPause', () => {
  it('gives the browser a turn only once the task has run 30 ms, then starts counting again', async () => {
    vi.useFakeTimers();
    let clock = 0;
    const pause = browserPause(() => clock);
    let yielded = 0;
    const spy = vi.spyOn(globalThis, 'setTimeout');
    clock = 29;
    await pause();
    expect(spy).not.toHaveBeenCalled();
    clock = 31;
    const pending = pause().then(() => yielded++);
    await vi.advanceTimersByTimeAsync(0);
    await pending;
    expect(yielded).toBe(1);
    expect(spy).toHaveBeenCalledTimes(1);
    clock = 50; // 19 ms after the turn: no new pause yet
    await pause();
    expect(spy).toHaveBeenCalledTimes(1);
  });
});
