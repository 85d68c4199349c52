// Playback on a fake clock: requestAnimationFrame and performance.now are faked (every 16 ms of
// fake time is one frame), promises and crypto stay real. No test waits in real time.
import { act } from '@testing-library/react';
import { vi } from 'vitest';
import type { AppStore } from '../../../src/store/createAppStore';

export const FRAME_MS = 16;

export function fakeFrames(): void {
  vi.useFakeTimers({ toFake: ['requestAnimationFrame', 'cancelAnimationFrame', 'performance'] });
}

/** One animation frame, then whatever playback work it queued. */
export async function nextFrame(store: AppStore): Promise<void> {
  vi.advanceTimersByTime(FRAME_MS);
  await store.player.settled();
}

/** Frames (inside React's act) until `done`, the lesson's end, or `maxFrames`; returns how many ran. */
export async function runFrames(store: AppStore, maxFrames: number, done: () => boolean = () => false): Promise<number> {
  let frames = 0;
  while (frames < maxFrames && !done() && !store.getState().ended) {
    await act(() => nextFrame(store));
    frames++;
  }
  return frames;
}
