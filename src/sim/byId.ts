// Records by their numeric id, for what the engine makes and forgets by the thousand a second
// (messages on the wire): a Map's interface (get, set, has, delete, size, iteration in id order)
// over a ring of slots indexed by id. A Map with hundreds of entries coming and going rebuilt its
// table every few hundred inserts, and those tables, kept by a long-lived Map, were the engine's
// main medium-lived garbage (the messages Map alone was ~a third of a lab row's time, mostly GC).
// Ids are given out in increasing order, so the live ones sit in a window [first, end) that only
// moves forward; the ring grows (doubling) only when that window is wider than it.

/** Slots a new ring starts with (a power of two). */
const INITIAL_SLOTS = 64;

export class ById<V> implements Iterable<[number, V]> {
  // Private fields: a test's deep equality, like JSON and copyJson, sees the entries, not the ring;
  // structuredClone and postMessage see nothing (a state is sent as stateJson).
  #slots: (V | undefined)[] = new Array<V | undefined>(INITIAL_SLOTS).fill(undefined);
  #mask = INITIAL_SLOTS - 1;
  /** No live id is below `first` or at `end` and above; slots outside the window are empty. */
  #first = 0;
  #end = 0;
  #size = 0;

  constructor(entries?: Iterable<readonly [number, V]>) {
    if (entries) for (const [id, value] of entries) this.set(id, value);
  }

  get size(): number {
    return this.#size;
  }

  get(id: number): V | undefined {
    return id >= this.#first && id < this.#end ? this.#slots[id & this.#mask] : undefined;
  }

  has(id: number): boolean {
    return this.get(id) !== undefined;
  }

  set(id: number, value: V): this {
    if (!Number.isSafeInteger(id) || id < 0) throw new RangeError(`ById: ${id} is not an id`);
    if (this.#size === 0) {
      this.#first = id;
      this.#end = id + 1;
    } else if (id >= this.#end) {
      this.#fit(id + 1 - this.#first);
      this.#end = id + 1;
    } else if (id < this.#first) {
      this.#fit(this.#end - id);
      this.#first = id;
    }
    const slot = id & this.#mask;
    if (this.#slots[slot] === undefined) this.#size++;
    this.#slots[slot] = value;
    return this;
  }

  delete(id: number): boolean {
    if (id < this.#first || id >= this.#end) return false;
    const slot = id & this.#mask;
    if (this.#slots[slot] === undefined) return false;
    this.#slots[slot] = undefined;
    this.#size--;
    if (this.#size === 0) this.#first = this.#end;
    else if (id === this.#first) while (this.#slots[this.#first & this.#mask] === undefined) this.#first++;
    return true;
  }

  clear(): void {
    this.#slots.fill(undefined);
    this.#first = this.#end = this.#size = 0;
  }

  /** Makes the ring hold a window `span` ids wide, keeping every entry in its slot for its id. */
  #fit(span: number): void {
    if (span <= this.#slots.length) return;
    let length = this.#slots.length * 2;
    while (length < span) length *= 2;
    const slots = new Array<V | undefined>(length).fill(undefined);
    for (let id = this.#first; id < this.#end; id++) slots[id & (length - 1)] = this.#slots[id & this.#mask];
    this.#slots = slots;
    this.#mask = length - 1;
  }

  *entries(): IterableIterator<[number, V]> {
    for (let id = this.#first; id < this.#end; id++) {
      const value = this.#slots[id & this.#mask];
      if (value !== undefined) yield [id, value];
    }
  }

  *keys(): IterableIterator<number> {
    for (const [id] of this.entries()) yield id;
  }

  *values(): IterableIterator<V> {
    for (const [, value] of this.entries()) yield value;
  }

  forEach(each: (value: V, id: number) => void): void {
    for (const [id, value] of this.entries()) each(value, id);
  }

  [Symbol.iterator](): IterableIterator<[number, V]> {
    return this.entries();
  }

  /** As a Map's place in the state's JSON (stateJson.ts) was written: the list of its values. */
  toJSON(): V[] {
    return [...this.values()];
  }
}
