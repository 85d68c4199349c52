// The reference for engine speed: a plain discrete-event loop on a binary heap of event objects,
// where each event does a little arithmetic and schedules the next (what any simulator must do,
// nothing more). Its heap is its own copy, not src/sim/queue.ts: a change to the engine's queue
// must move the engine's figure, never the reference it is judged against.

interface Item {
  timeMs: number;
  seq: number;
  event: { n: number };
}

const before = (a: Item, b: Item): boolean => a.timeMs < b.timeMs || (a.timeMs === b.timeMs && a.seq < b.seq);

function push(heap: Item[], item: Item): void {
  let i = heap.length;
  heap.push(item);
  while (i > 0) {
    const parent = (i - 1) >> 1;
    const p = heap[parent]!;
    if (!before(item, p)) break;
    heap[i] = p;
    i = parent;
  }
  heap[i] = item;
}

function pop(heap: Item[]): Item | undefined {
  const top = heap[0];
  const last = heap.pop();
  const n = heap.length;
  if (top === undefined || last === undefined || n === 0) return top;
  let i = 0;
  for (;;) {
    const l = 2 * i + 1;
    if (l >= n) break;
    const r = l + 1;
    const child = r < n && before(heap[r]!, heap[l]!) ? r : l;
    const c = heap[child]!;
    if (!before(c, last)) break;
    heap[i] = c;
    i = child;
  }
  heap[i] = last;
  return top;
}

/** One run of `events` events over a heap of 1,000 pending ones: events per second of wall time. */
export function plainLoopRun(events: number): number {
  const heap: Item[] = [];
  let seq = 0;
  for (let i = 0; i < 1_000; i++) push(heap, { timeMs: i, seq: seq++, event: { n: i } });
  const started = performance.now();
  let sum = 0;
  for (let processed = 0; processed < events; processed++) {
    const item = pop(heap)!;
    sum += item.event.n % 7;
    push(heap, { timeMs: item.timeMs + 1 + (item.event.n % 13), seq: seq++, event: { n: item.event.n + 1 } });
  }
  const rate = events / ((performance.now() - started) / 1000);
  // Read, so the loop's work cannot be optimised away.
  return sum < 0 ? NaN : rate;
}

/**
 * Warm, then the median of 5 runs (a single cold run read 2.2M events/s where warm runs of the same
 * loop read 2.9-4.4M, flattering the engine by up to 2x).
 */
export function plainLoopEventsPerSec(): number {
  plainLoopRun(2_000_000);
  const rates = Array.from({ length: 5 }, () => plainLoopRun(2_000_000));
  return rates.sort((a, b) => a - b)[2]!;
}
