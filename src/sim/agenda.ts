// The run's agenda: every event still to happen, taken in (timeMs, seq) order. Most wait in a
// binary heap (src/sim/queue.ts). Two kinds wait in FIFO lanes beside it, as at scale they were
// most of the heap: request timeouts (each is "now + the same timeout", so they arrive in order;
// every request in flight holds one), and steady traffic's next request (each is "now + the
// user's period", in order when users share a period, as the lab's do; every user holds one). An
// item that would break its lane's order goes to the heap instead. A timeout whose request has
// finished is dropped unseen when it reaches the lane's head: it would do nothing.
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

/** Queues a request's timeout: in its lane when that keeps the lane in order, else in the heap. */
export const scheduleTimer = (s: SimState, item: Queued<SimEvent>): void => scheduleIn(s, s.timers, item);

/** Queues steady traffic's next request: in its lane when that keeps the lane in order, else in the heap. */
export const scheduleTraffic = (s: SimState, item: Queued<SimEvent>): void => scheduleIn(s, s.traffic, item);

function scheduleIn(s: SimState, lane: TimerLane, item: Queued<SimEvent>): void {
  const tail = lane.items[lane.items.length - 1];
  if (lane.head < lane.items.length && tail && isBefore(item, tail)) heapPush(s.queue, item);
  else lane.items.push(item);
}

/** The lane's next timer that still has work to do (finished requests' timers are dropped). */
function liveTimer(s: SimState): Queued<SimEvent> | undefined {
  const lane = s.timers;
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

const earlier = (a: Queued<SimEvent> | undefined, b: Queued<SimEvent> | undefined): Queued<SimEvent> | undefined => (a && (!b || isBefore(a, b)) ? a : b);

/** The next event, without taking it. */
export function peekEvent(s: SimState): Queued<SimEvent> | undefined {
  return earlier(earlier(liveTimer(s), s.traffic.items[s.traffic.head]), heapPeek(s.queue));
}

/** Takes the next event (peekEvent leaves the timeout lane's head at its live timer). */
export function popEvent(s: SimState): Queued<SimEvent> | undefined {
  const next = peekEvent(s);
  if (next === undefined) return undefined;
  if (next === s.timers.items[s.timers.head]) take(s.timers);
  else if (next === s.traffic.items[s.traffic.head]) take(s.traffic);
  else return heapPop(s.queue);
  return next;
}

/**
 * Cuts what was consumed off the lanes, so a run that paused here has the same state however it was
 * sliced (the driver calls this whenever runUntil returns; a restored checkpoint compares equal).
 */
export function tidyLane(s: SimState): void {
  if (s.timers.head > 0) s.timers = copyLane(s.timers);
  if (s.traffic.head > 0) s.traffic = copyLane(s.traffic);
}

/** What a checkpoint keeps of the lane: the items still to come (shared, never written to). */
export const copyLane = (lane: TimerLane): TimerLane => ({ items: lane.items.slice(lane.head), head: 0 });
