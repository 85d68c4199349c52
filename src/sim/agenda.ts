// The run's agenda: every event still to happen, taken in (timeMs, seq) order. Most wait in a
// binary heap (src/sim/queue.ts). Four kinds wait in ordered lanes beside it. Three are FIFO, as
// each comes already in order: request timeouts ("now + the same delay": every request in flight
// holds one), the users' next requests of a steady stream (`traffic`: every user holds one) and the
// store's queued queries (its one core serves them in turn). The fourth, the backlog, holds the
// answers that wait on an app server's busy core: each core finishes its work in the order it was
// booked, so these come nearly in order (other servers and the links' jitter put one a few places
// back). An overloaded server books seconds of work ahead (tens of thousands of answers waited in
// the heap, and every event paid for its depth), and a saturated store queues thousands of queries.
// Crypto results stay in the heap: they come from the driver, some when a promise settles, and a
// lane's content would then depend on that timing. A timeout whose request has finished is dropped
// unseen when it reaches its lane's head: it would do nothing.
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

/** How far back from its tail the backlog takes an item in; one due before that goes to the heap. */
const BACKLOG_REACH = 32;

/**
 * Work due at least this far ahead waits in its lane (a server or the store with a queue: ~25
 * answers or ~50 queries waiting); nearer work goes to the heap, where it is soon taken and the
 * heap stays small. Without load the lanes stay empty and cost nothing.
 */
const LANE_AHEAD_MS = 50;

/**
 * Queues an answer an app server's core finishes (`s.backlog`): in its place among the backlog's last
 * BACKLOG_REACH items, else in the heap. Only the engine's own steps call this, never a promise's
 * completion, so where an item waits depends on the events alone, not on how the run was sliced.
 */
export function scheduleBacklog(s: SimState, item: Queued<SimEvent>): void {
  if (item.timeMs - s.timeMs < LANE_AHEAD_MS) return heapPush(s.queue, item);
  const lane = s.backlog;
  const items = lane.items;
  const floor = Math.max(lane.head, items.length - BACKLOG_REACH);
  let at = items.length;
  while (at > floor && isBefore(item, items[at - 1]!)) at--;
  if (at === items.length) items.push(item);
  else if (at > lane.head && isBefore(item, items[at - 1]!)) heapPush(s.queue, item);
  else items.splice(at, 0, item);
}

/** Queues a query the store's core will serve at `item.timeMs`: in the store's FIFO lane when it is due far enough ahead. */
export function scheduleStoreWork(s: SimState, item: Queued<SimEvent>): void {
  if (item.timeMs - s.timeMs < LANE_AHEAD_MS) heapPush(s.queue, item);
  else scheduleTimer(s, item, s.storeWork);
}

/** Queues a timer in its FIFO lane (`s.timers`, `s.repeats` or `s.storeWork`) when it keeps the lane in order, else in the heap. */
export function scheduleTimer(s: SimState, item: Queued<SimEvent>, lane: TimerLane = s.timers): void {
  const tail = lane.items[lane.items.length - 1];
  if (lane.head < lane.items.length && tail && isBefore(item, tail)) heapPush(s.queue, item);
  else lane.items.push(item);
}

/**
 * The timeouts' next timer that still has work to do: a finished request's timeout is dropped at every
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
  // Only the timeouts' lane holds events that may have nothing left to do.
  const next = earlier(s.repeats.items[s.repeats.head], earlier(liveTimer(s, s.timers), heapPeek(s.queue)));
  return earlier(s.storeWork.items[s.storeWork.head], earlier(s.backlog.items[s.backlog.head], next));
}

/** `head` (a lane's) if it comes before `next` (the earliest event so far), else `next`. */
const earlier = (head: Queued<SimEvent> | undefined, next: Queued<SimEvent> | undefined): Queued<SimEvent> | undefined =>
  head !== undefined && (next === undefined || isBefore(head, next)) ? head : next;

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
  else if (next === s.backlog.items[s.backlog.head]) take(s.backlog);
  else if (next === s.storeWork.items[s.storeWork.head]) take(s.storeWork);
  else heapPop(s.queue);
}

/**
 * Cuts what was consumed off the lanes, so a run that paused here has the same state however it was
 * sliced (the driver calls this whenever runUntil returns; a restored checkpoint compares equal).
 */
export function tidyLane(s: SimState): void {
  if (s.timers.head > 0) s.timers = copyLane(s.timers);
  if (s.repeats.head > 0) s.repeats = copyLane(s.repeats);
  if (s.backlog.head > 0) s.backlog = copyLane(s.backlog);
  if (s.storeWork.head > 0) s.storeWork = copyLane(s.storeWork);
}

/** What a checkpoint keeps of the lane: the items still to come (shared, never written to). */
export const copyLane = (lane: TimerLane): TimerLane => ({ items: lane.items.slice(lane.head), head: 0 });
