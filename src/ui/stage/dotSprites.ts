// What a dot looks like, drawn once into a small bitmap per shape (and per label text) at the
// screen's pixel ratio, so a frame of the dot layer is one clear and a blit per dot: no path, no
// text shaping, no style or layout of any element. The shapes are the ones the SVG dots had.
import type { Mode } from '../../sim/schemes/names';

export type ShapeKey = 'ok' | 'bad' | 'store' | 'keys' | 'plain' | Mode;
type Scratch = HTMLCanvasElement | OffscreenCanvas;
type Context2D = CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D;

/** The stage's colours, read once from its CSS custom properties (app.css), with the same defaults. */
export interface Palette {
  session: string;
  jwt: string;
  ok: string;
  bad: string;
  store: string;
  keys: string;
  ink: string;
  font: string;
}

export const DEFAULT_PALETTE: Palette = {
  session: '#1a66d9',
  jwt: '#8a3ffc',
  ok: '#1a7f37',
  bad: '#c62828',
  store: '#b35900',
  keys: '#0e7c86',
  ink: '#1b2130',
  font: "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif",
};

/** Reads the palette where the canvas sits (one style read, when a layer is made; never per frame). */
export function paletteOf(el: Element): Palette {
  if (typeof getComputedStyle !== 'function') return DEFAULT_PALETTE;
  const style = getComputedStyle(el);
  const read = (name: keyof Palette) => style.getPropertyValue(`--${name}`).trim() || DEFAULT_PALETTE[name];
  return { session: read('session'), jwt: read('jwt'), ok: read('ok'), bad: read('bad'), store: read('store'), keys: read('keys'), ink: read('ink'), font: style.fontFamily || DEFAULT_PALETTE.font };
}

interface ShapeSpec {
  /** Half its width and height in CSS px: the sprite's extent and what a click must hit. */
  hw: number;
  hh: number;
  draw(ctx: Context2D, p: Palette): void;
}

/** A filled rounded rectangle (a credential's card), centred on the dot. */
function card(ctx: Context2D, w: number, h: number, r: number, fill: string): void {
  const [x, y] = [-w / 2, -h / 2];
  ctx.beginPath();
  ctx.moveTo(x + r, y);
  ctx.arcTo(x + w, y, x + w, y + h, r);
  ctx.arcTo(x + w, y + h, x, y + h, r);
  ctx.arcTo(x, y + h, x, y, r);
  ctx.arcTo(x, y, x + w, y, r);
  ctx.closePath();
  ctx.fillStyle = fill;
  ctx.fill();
}

/** A stroked path: `trace` draws it. */
function outline(ctx: Context2D, width: number, trace: () => void): void {
  ctx.beginPath();
  trace();
  ctx.strokeStyle = '#fff';
  ctx.lineWidth = width;
  ctx.stroke();
}

function disc(ctx: Context2D, r: number, fill: string, cx = 0): void {
  ctx.beginPath();
  ctx.arc(cx, 0, r, 0, 2 * Math.PI);
  ctx.fillStyle = fill;
  ctx.fill();
}

/** What each model's credential looks like on the wire: a wristband (session cookie), a badge (JWT). */
const CREDENTIAL_SHAPE: Record<Mode, ShapeSpec> = {
  session: {
    hw: 17,
    hh: 7,
    draw(ctx, p) {
      card(ctx, 34, 14, 7, p.session);
      outline(ctx, 1.5, () => {
        for (const x of [-9, -5, -2, 2, 5, 9]) {
          ctx.moveTo(x, -4);
          ctx.lineTo(x, 4);
        }
      });
    },
  },
  jwt: {
    hw: 15,
    hh: 10,
    draw(ctx, p) {
      card(ctx, 30, 20, 3, p.jwt);
      // The hologram: a gold seal with a white rim.
      disc(ctx, 5, '#ffe27a', 7);
      outline(ctx, 1, () => ctx.arc(7, 0, 5, 0, 2 * Math.PI));
    },
  },
};

export const SHAPES: Record<ShapeKey, ShapeSpec> = {
  ok: { hw: 8, hh: 8, draw: (ctx, p) => disc(ctx, 8, p.ok) },
  bad: { hw: 8, hh: 8, draw: (ctx, p) => disc(ctx, 8, p.bad) },
  store: {
    hw: 8.5,
    hh: 8.5,
    draw(ctx, p) {
      ctx.rotate(Math.PI / 4);
      ctx.fillStyle = p.store;
      ctx.fillRect(-6, -6, 12, 12);
    },
  },
  keys: {
    hw: 6,
    hh: 6,
    draw(ctx, p) {
      ctx.fillStyle = p.keys;
      ctx.fillRect(-6, -6, 12, 12);
    },
  },
  plain: { hw: 6, hh: 6, draw: (ctx) => disc(ctx, 6, '#6b7280') },
  ...CREDENTIAL_SHAPE,
};

/** A bitmap and where its anchor (the dot's centre, or a label's foot) sits in it, in device px. */
export interface Sprite {
  image: CanvasImageSource;
  ax: number;
  ay: number;
  /** The bitmap's size, in device px like the anchor. */
  w: number;
  h: number;
}

/** A label's baseline sits this far above the dot's centre (as the SVG text's y did). */
export const LABEL_RISE = 14;
export const LABEL_PX = 12;
/** The white halo around a label's letters, so it reads over edges and other dots. */
export const HALO = 3;
/** Label bitmaps kept (label texts are few: a method and path, a status); past this the cache starts again. */
const LABEL_CACHE = 256;

/**
 * The one offscreen canvas every bitmap is drawn on before it is transferred out: a canvas and
 * context made per bitmap cost ~2.5 ms each (a seek's new labels made its first frame 10-40 ms
 * longer), one resized and drawn again ~0.13 ms. Sizing it resets its drawing state.
 */
let offscreen: { canvas: OffscreenCanvas; ctx: OffscreenCanvasRenderingContext2D | null } | null = null;

function scratch(w: number, h: number): [Scratch, Context2D | null] {
  const [cw, ch] = [Math.max(1, Math.ceil(w)), Math.max(1, Math.ceil(h))];
  if (typeof OffscreenCanvas === 'function') {
    if (!offscreen) {
      const canvas = new OffscreenCanvas(cw, ch);
      offscreen = { canvas, ctx: canvas.getContext('2d') };
    }
    const { canvas, ctx } = offscreen;
    canvas.width = cw;
    canvas.height = ch;
    return [canvas, ctx];
  }
  const canvas = document.createElement('canvas');
  canvas.width = cw;
  canvas.height = ch;
  return [canvas, canvas.getContext('2d')];
}

/** A context to measure label texts with. */
function probeContext(): Context2D | null {
  if (typeof OffscreenCanvas === 'function') return new OffscreenCanvas(1, 1).getContext('2d');
  return document.createElement('canvas').getContext('2d');
}

/**
 * The drawn scratch as an image bitmap: blitting one is a copy, where a canvas as the source of
 * drawImage is snapshotted on every call (which made drawImage most of a frame).
 */
const frozen = (canvas: Scratch): CanvasImageSource => ('transferToImageBitmap' in canvas ? canvas.transferToImageBitmap() : canvas);

/** The sprites of one layer at one pixel ratio. */
export class Sprites {
  private shapes = new Map<ShapeKey, Sprite>();
  private labels = new Map<string, Sprite>();
  /** Where label texts are measured. */
  private probe: Context2D | null | undefined;

  constructor(
    readonly dpr: number,
    private readonly palette: Palette,
  ) {}

  shape(key: ShapeKey): Sprite {
    let sprite = this.shapes.get(key);
    if (!sprite) {
      const spec = SHAPES[key];
      const pad = 1;
      const [canvas, ctx] = scratch((2 * spec.hw + 2 * pad) * this.dpr, (2 * spec.hh + 2 * pad) * this.dpr);
      const ax = Math.round(canvas.width / 2);
      const ay = Math.round(canvas.height / 2);
      if (ctx) {
        ctx.setTransform(this.dpr, 0, 0, this.dpr, ax, ay);
        spec.draw(ctx, this.palette);
      }
      sprite = { image: frozen(canvas), ax, ay, w: canvas.width, h: canvas.height };
      this.shapes.set(key, sprite);
    }
    return sprite;
  }

  /** A label's bitmap; its anchor is the point above the dot's centre where the text is centred. */
  label(text: string, bad: boolean): Sprite {
    const key = `${bad ? '!' : ' '}${text}`;
    let sprite = this.labels.get(key);
    if (!sprite) {
      if (this.labels.size >= LABEL_CACHE) this.labels.clear();
      const font = `600 ${LABEL_PX}px ${this.palette.font}`;
      // Its own small canvas: the shared scratch is resized (and cleared) for each bitmap.
      const probe = (this.probe ??= probeContext());
      if (probe) probe.font = font;
      const width = probe ? probe.measureText(text).width : text.length * LABEL_PX * 0.6;
      const [canvas, ctx] = scratch((width + 2 * HALO + 2) * this.dpr, (LABEL_PX + 2 * HALO + 4) * this.dpr);
      const ax = Math.round(canvas.width / 2);
      // The baseline, with room above for ascenders and the halo and below for descenders.
      const ay = Math.round((LABEL_PX + HALO) * this.dpr);
      if (ctx) {
        ctx.setTransform(this.dpr, 0, 0, this.dpr, ax, ay);
        ctx.font = font;
        ctx.textAlign = 'center';
        ctx.textBaseline = 'alphabetic';
        ctx.lineJoin = 'round';
        ctx.lineWidth = HALO;
        ctx.strokeStyle = '#fff';
        ctx.strokeText(text, 0, 0);
        ctx.fillStyle = bad ? this.palette.bad : this.palette.ink;
        ctx.fillText(text, 0, 0);
      }
      sprite = { image: frozen(canvas), ax, ay, w: canvas.width, h: canvas.height };
      this.labels.set(key, sprite);
    }
    return sprite;
  }
}
