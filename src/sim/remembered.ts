// What the engine works out once per text and then looks up: a browser sends the same text (a Cookie
// or Authorization line, a session id) with every request. Bounded whatever the input: past `most`
// texts everything is forgotten and made again, and texts longer than `longest` are never kept.

/** More than the most clients a run may have (`LIMITS.clients`), each with its own text. */
export const TEXTS_PER_CLIENT_MAX = 16_384;

export class Remembered<V> {
  private readonly made = new Map<string, V>();

  /** `make` is a function made once (not per call): it works the value out from the text. */
  constructor(
    private readonly make: (text: string) => V,
    private readonly most = TEXTS_PER_CLIENT_MAX,
    private readonly longest = Infinity,
  ) {}

  of(text: string): V {
    if (text.length > this.longest) return this.make(text);
    const known = this.made.get(text);
    // A value of undefined (a cookie the text lacks) is asked for again with has().
    if (known !== undefined || this.made.has(text)) return known!;
    if (this.made.size >= this.most) this.made.clear();
    const value = this.make(text);
    this.made.set(text, value);
    return value;
  }
}
