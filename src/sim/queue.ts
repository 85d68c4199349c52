// A binary min-heap of events ordered by (timeMs, seq). Plain arrays only, so it
// lives inside the JSON simulation state and is copied by checkpoints.

export interface Queued<E> {
  timeMs: number;
  seq: number;
  event: E;
}

/** a comes before b: earlier, or at the same time and scheduled first. */
export const isBefore = <E>(a: Queued<E>, b: Queued<E>): boolean =>
  a.timeMs < b.timeMs || (a.timeMs === b.timeMs && a.seq < b.seq);

// Sifting moves a hole and writes each item once (no swaps): the engine's hottest loop.
export function heapPush<E>(heap: Queued<E>[], item: Queued<E>): void {
  heap.push(item);
  siftUp(heap, heap.length - 1, item);
}

/** Puts `item` at `hole` or above it, moving later parents down. */
function siftUp<E>(heap: Queued<E>[], hole: number, item: Queued<E>): void {
  let i = hole;
  while (i > 0) {
    const parent = (i - 1) >> 1;
    const p = heap[parent]!;
    if (!isBefore(item, p)) break;
    heap[i] = p;
    i = parent;
  }
  heap[i] = item;
}

/**
 * Floyd's pop: the hole at the root goes down to a leaf along the earlier children (one comparison
 * a level, not two), then the last item goes up from there; it came from the bottom, so it seldom
 * climbs far. The comparisons are the heap's cost: each reads an item elsewhere in memory.
 */
export function heapPop<E>(heap: Queued<E>[]): Queued<E> | undefined {
  const top = heap[0];
  const last = heap.pop();
  const n = heap.length;
  if (top === undefined || last === undefined || n === 0) return top;
  let i = 0;
  for (let l = 1; l < n; l = 2 * i + 1) {
    const r = l + 1;
    const child = r < n && isBefore(heap[r]!, heap[l]!) ? r : l;
    heap[i] = heap[child]!;
    i = child;
  }
  siftUp(heap, i, last);
  return top;
}

export const heapPeek = <E>(heap: Queued<E>[]): Queued<E> | undefined => heap[0];
