// A binary min-heap of events ordered by (timeMs, seq). Plain arrays only, so it
// lives inside the JSON simulation state and is copied by checkpoints.

export interface Queued<E> {
  timeMs: number;
  seq: number;
  event: E;
}

const before = <E>(a: Queued<E>, b: Queued<E>): boolean =>
  a.timeMs < b.timeMs || (a.timeMs === b.timeMs && a.seq < b.seq);

export function heapPush<E>(heap: Queued<E>[], item: Queued<E>): void {
  heap.push(item);
  let i = heap.length - 1;
  while (i > 0) {
    const parent = (i - 1) >> 1;
    if (!before(heap[i]!, heap[parent]!)) break;
    [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
    i = parent;
  }
}

export function heapPop<E>(heap: Queued<E>[]): Queued<E> | undefined {
  const top = heap[0];
  const last = heap.pop();
  if (top === undefined || last === undefined || heap.length === 0) return top;
  heap[0] = last;
  let i = 0;
  for (;;) {
    const l = 2 * i + 1;
    const r = l + 1;
    let min = i;
    if (l < heap.length && before(heap[l]!, heap[min]!)) min = l;
    if (r < heap.length && before(heap[r]!, heap[min]!)) min = r;
    if (min === i) return top;
    [heap[i], heap[min]] = [heap[min]!, heap[i]!];
    i = min;
  }
}

export const heapPeek = <E>(heap: Queued<E>[]): Queued<E> | undefined => heap[0];
