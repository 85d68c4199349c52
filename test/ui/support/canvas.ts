// happy-dom has no 2D canvas: a recording stand-in, so a test can read what the stage's canvas
// shows after a frame (which bitmap went where) and what each bitmap was drawn with.
import { vi } from 'vitest';

interface Op {
  name: string;
  args: unknown[];
}

const recorded = new WeakMap<HTMLCanvasElement, Op[]>();

/** Every canvas's getContext('2d') records its calls and property writes; measureText is 7 px a character. */
export function recordCanvases(): void {
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockImplementation(function (this: HTMLCanvasElement, kind: string) {
    if (kind !== '2d') return null;
    let ops = recorded.get(this);
    if (!ops) recorded.set(this, (ops = []));
    const log = ops;
    const target: Record<string, unknown> = { canvas: this };
    return new Proxy(target, {
      get(t, name: string) {
        if (name in t) return t[name];
        if (name === 'measureText') return (text: string) => ({ width: text.length * 7 });
        return (...args: unknown[]) => {
          log.push({ name, args });
        };
      },
      set(t, name: string, value: unknown) {
        t[name] = value;
        log.push({ name: `=${name}`, args: [value] });
        return true;
      },
    }) as unknown as RenderingContext;
  } as typeof HTMLCanvasElement.prototype.getContext);
}

/** A bitmap blitted onto a canvas: its top-left in device px and what it shows. */
export interface Blit {
  x: number;
  y: number;
  /** Its centre, in CSS px (the stage's own units). */
  cx: number;
  cy: number;
  /** Its size, in CSS px. */
  w: number;
  h: number;
  /** The text it carries (a label), or null. */
  text: string | null;
  /** The colours it was filled with. */
  fills: string[];
}

/** What `canvas` shows now: the bitmaps drawn since it was last cleared, in drawing order. */
export function shown(canvas: HTMLCanvasElement): Blit[] {
  const ops = recorded.get(canvas) ?? [];
  const cleared = ops.findLastIndex((op) => op.name === 'clearRect');
  const dpr = canvas.style.width ? canvas.width / parseFloat(canvas.style.width) : 1;
  return ops
    .slice(cleared + 1)
    .filter((op) => op.name === 'drawImage')
    .map((op) => {
      const [image, x, y] = op.args as [HTMLCanvasElement, number, number];
      const drawn = recorded.get(image) ?? [];
      const text = drawn.find((o) => o.name === 'fillText')?.args[0];
      return {
        x,
        y,
        cx: (x + Math.round(image.width / 2)) / dpr,
        cy: (y + Math.round(image.height / 2)) / dpr,
        w: image.width / dpr,
        h: image.height / dpr,
        text: typeof text === 'string' ? text : null,
        fills: drawn.filter((o) => o.name === '=fillStyle').map((o) => String(o.args[0])),
      };
    });
}
