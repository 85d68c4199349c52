// How fast virtual time passes on screen. Hops last from 1 ms to 40 ms of virtual time; shown at a
// constant speed, the short ones would be invisible. So the clock slows down while a message is in
// flight (the shortest visible hop takes HOP_REAL_MS at 1x) and glides over idle gaps in about
// IDLE_REAL_MS. Positions still follow (now - send) / (recv - send), so pause, step and scrub hold.
import type { Message } from '../sim/types';

export const HOP_REAL_MS = 360;
export const IDLE_REAL_MS = 350;

/** Virtual ms per real ms while messages are visible. */
export function hopRate(inFlight: Pick<Message, 'sendTimeMs' | 'recvTimeMs'>[], nowMs: number, speed: number): number | null {
  let shortest = Infinity;
  for (const m of inFlight) if (m.sendTimeMs <= nowMs && m.recvTimeMs > nowMs) shortest = Math.min(shortest, m.recvTimeMs - m.sendTimeMs);
  return Number.isFinite(shortest) ? (speed * Math.max(shortest, 0.5)) / HOP_REAL_MS : null;
}

/** Virtual ms per real ms across an idle gap, fixed when the gap starts. */
export function idleRate(gapMs: number, speed: number): number {
  return (speed * Math.max(gapMs, 1)) / IDLE_REAL_MS;
}

export const SPEED_MIN = 0.25;
export const SPEED_MAX = 16;
/** Doublings from the slowest speed to the fastest: the slider's steps. */
export const SPEED_OCTAVES = Math.log2(SPEED_MAX / SPEED_MIN);

/**
 * Speeds on a log scale: slider position 0..1 <-> 0.25x..16x, a speed for each whole doubling (a power
 * of two worked out as a float came back as 0.9999999999999999: "1.0x", and so in a shared link).
 */
export const speedFromSlider = (p: number): number => SPEED_MIN * 2 ** Math.round(Math.min(1, Math.max(0, p)) * SPEED_OCTAVES);
export const sliderFromSpeed = (speed: number): number => Math.log2(speed / SPEED_MIN) / SPEED_OCTAVES;
/** The slider's speed nearest this one: a link's speed=3 drew the knob at 4x beside the words "3x", and no key reached 4x. */
export const speedStepNear = (speed: number): number => speedFromSlider(sliderFromSpeed(speed));
export const clampSpeed = (speed: number): number => (Number.isFinite(speed) ? Math.min(SPEED_MAX, Math.max(SPEED_MIN, speed)) : 1);
