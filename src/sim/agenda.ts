// The run's agenda: every event still to happen, taken in (timeMs, seq) order. Most wait in a
// binary heap (src/sim/queue.ts). Two kinds wait in FIFO lanes beside it, as each is "now + the
// same delay" and so arrives already in order: request timeouts (every request in flight holds
// one) and the users' next requests of a steady stream (`traffic`: every user holds one). At scale
// they were most of the heap. A timeout whose request has finished is dropped unseen when it
// reaches its lane's head: it would do nothing.
import { heapPeek, heapPop, heapPush, isBefore, type Queued } from './queue';
import type { SimEvent, SimState } from './types';

/** Ordered events of one kind, consumed from `head` (plain JSON, so checkpoints copy it). */
export interface TimerLane {
  items: Queued<SimEvent>[];
  head: number;
}

export const emptyLane = (): TimerLane => ({ items: [], head: 0 });

/** Consumed items are cut off in batches, so taking from the lane stays amortised O(1). */
const COMPACT_AFTER = 1_024;

/** Queues a timer in its lane (`s.timers` or `s.repeats`) when it keeps the lane in order, else in the heap. */
export function scheduleTimer(s: SimState, item: Queued<SimEvent>, lane: TimerLane = s.timers): void {
  const tail = lane.items[lane.items.length - 1];
  if (lane.head < lane.items.length && tail && isBefore(item, tail)) heapPush(s.queue, item);
  else lane.items.push(item);
}

/**
 * The lane's next timer that still has work to do: a finished request's timeout is dropped at every
 * peek, whatever else is queued. (Dropping it only when it would come next made what a paused
 * lane holds depend on when crypto results reached the heap, so on how the run was sliced.)
 */
function liveTimer(s: SimState, lane: TimerLane): Queued<SimEvent> | undefined {
  while (lane.head < lane.items.length) {
    const item = lane.items[lane.head]!;
    if (item.event.type !== 'timeout' || s.requests.has(item.event.requestId)) return item;
    take(lane);
  }
  return undefined;
}

/** The lane's live head if it comes before `next` (the earliest event so far), else `next`. */
function earlier(s: SimState, lane: TimerLane, next: Queued<SimEvent> | undefined): Queued<SimEvent> | undefined {
  const timer = liveTimer(s, lane);
  return timer !== undefined && (next === undefined || isBefore(timer, next)) ? timer : next;
}

function take(lane: TimerLane): void {
  lane.head++;
  if (lane.head === lane.items.length) {
    lane.items = [];
    lane.head = 0;
  } else if (lane.head >= COMPACT_AFTER && lane.head * 2 >= lane.items.length) {
    lane.items = lane.items.slice(lane.head);
    lane.head = 0;
  }
}

/** The next event, without taking it. */
export function peekEvent(s: SimState): Queued<SimEvent> | undefined {
  return earlier(s, s.repeats, earlier(s, s.timers, heapPeek(s.queue)));
}

/** Takes the next event (when peekEvent gives a lane's timer, it is at that lane's head). */
export function popEvent(s: SimState): Queued<SimEvent> | undefined {
  const next = peekEvent(s);
  if (next !== undefined) takeEvent(s, next);
  return next;
}

/**
 * Takes `next`, the event peekEvent has just given (nothing scheduled since): the driver peeks
 * before every event to see whether it is due, so the step takes it without finding it again.
 */
export function takeEvent(s: SimState, next: Queued<SimEvent>): void {
  if (next === s.timers.items[s.timers.head]) take(s.timers);
  else if (next === s.repeats.items[s.repeats.head]) take(s.repeats);
  else heapPop(s.queue);
}

/**
 * Cuts what was consumed off the lanes, so a run that paused here has the same state however it was
 * sliced (the driver calls this whenever runUntil returns; a restored checkpoint compares equal).
 */
export function tidyLane(s: SimState): void {
  if (s.timers.head > 0) s.timers = copyLane(s.timers);
  if (s.repeats.head > 0) s.repeats = copyLane(s.repeats);
}

/** What a checkpoint keeps of the lane: the items still to come (shared, never written to). */
export const copyLane = (lane: TimerLane): TimerLane => ({ items: lane.items.slice(lane.head), head: 0 });
