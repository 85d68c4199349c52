// The travelling messages of one stage, drawn outside React on one <canvas>. A publish (a few times
// a second) diffs the message list by id: a new message becomes a dot (a few numbers and its
// bitmaps, dotSprites.ts), one that arrived is dropped, nothing else is touched, so a publish costs
// the changes, not the crowd, and touches no element. Every animation frame clears the canvas and
// blits each drawn dot where it is at that moment: no element is styled, laid out or painted for a
// dot, and nothing is read from the layout. At most MAX_DRAWN dots are drawn; the rest are counted
// per edge and shown as a band along that edge (an SVG line under the nodes, so never over a
// node's name). A click on the stage is hit-tested against the drawn dots.
import type { Message } from '../../sim/types';
import { DEFAULT_PALETTE, HALO, LABEL_PX, LABEL_RISE, paletteOf, SHAPES, Sprites, type Palette, type ShapeKey, type Sprite } from './dotSprites';
import { edgeEnds, progressAt, type NodeBox, type StageLayout } from './layout';

/** Dots drawn at once; past this the stage shows bands with a count (hundreds of dots are a blur, and cost frames). */
export const MAX_DRAWN = 300;
/**
 * Labels ride on new dots while fewer than this many are drawn (past it the stage is a crowd, and a
 * few labels say more than many), so only a refused answer (red, with its reason) keeps one; and at
 * most this many are drawn in a frame.
 */
export const LABELLED_UNTIL = 80;
/** Status labels ride along the middle of an edge only, so they never cover a node's name. */
export const LABEL_FROM = 0.18;
export const LABEL_TO = 0.82;
/**
 * Where a dot of this half-size runs between two nodes: from its sender's border to its receiver's,
 * pulled in until it clears each box, so that it leaves and arrives beside them, not over the text at
 * their edges (a browser's status line on a phone). On a short edge each end gives up at most a
 * quarter of it, so the dot still travels half of it (and may touch a box's edge there).
 */
export function dotPath(a: NodeBox, b: NodeBox, half: { hw: number; hh: number }): { start: { x: number; y: number }; end: { x: number; y: number } } {
  const { start, end } = edgeEnds(a, b);
  const [dx, dy] = [end.x - start.x, end.y - start.y];
  const length = Math.hypot(dx, dy);
  if (length === 0) return { start, end };
  const [ux, uy] = [dx / length, dy / length];
  const [from, to] = [Math.min(clearance(a, ux, uy, half), length / 4), Math.min(clearance(b, ux, uy, half), length / 4)];
  return { start: { x: start.x + ux * from, y: start.y + uy * from }, end: { x: end.x - ux * to, y: end.y - uy * to } };
}

/** How far along (ux, uy) a dot centred where that direction crosses the box's border must go to clear the box. */
function clearance(box: NodeBox, ux: number, uy: number, half: { hw: number; hh: number }): number {
  // From the middle of a side (a column's box), it clears the box once past the side, or past its top or bottom.
  if (box.joinsAtSide) return Math.min(half.hw / Math.abs(ux), (box.h / 2 + half.hh) / Math.abs(uy));
  // Through its top or bottom, it must rise or drop its half-height; through a side, move its half-width across.
  const throughTopOrBottom = box.w * Math.abs(uy) >= box.h * Math.abs(ux);
  return throughTopOrBottom ? half.hh / Math.abs(uy) : half.hw / Math.abs(ux);
}

/** A click this close to a dot's edge (CSS px) still hits it: the dots are small and they move. */
const HIT_SLOP = 3;

const SVG = 'http://www.w3.org/2000/svg';

/** Messages in flight that are not drawn as dots: the stage says how many. */
export const undrawnCount = (messages: readonly Message[]): number => Math.max(0, messages.length - MAX_DRAWN);

function el<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number>, children: Element[] = []): SVGElementTagNameMap[K] {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  for (const c of children) e.appendChild(c);
  return e;
}

/** The shape says what travels: a wristband (session cookie), a badge (JWT), a store query… */
export function shapeOf(message: Message): ShapeKey {
  if (message.kind === 'response') return message.ok ? 'ok' : 'bad';
  if (message.kind === 'store-query' || message.kind === 'store-reply') return 'store';
  if (message.kind === 'jwks-fetch' || message.kind === 'jwks-reply') return 'keys';
  if (message.credential !== 'none' && message.credential !== 'refresh') return message.credential;
  return 'plain';
}

const hasLabel = (m: Message) => (m.kind === 'response' ? !m.ok : m.kind === 'request');

interface Dot {
  message: Message;
  shape: ShapeKey;
  /** The text it carries mid-edge, if any (decided when it is first drawn). */
  label: string | null;
  /** Where it runs, in stage px (from the layout of the last publish). */
  sx: number;
  sy: number;
  dx: number;
  dy: number;
  /** False: one of its ends is not drawn (never placed). */
  placed: boolean;
  /** Where it was drawn last. */
  x: number;
  y: number;
}

/** A dot where it is drawn now: what the canvas shows, and what a click is tested against. */
export interface DrawnDot {
  requestId: number;
  shape: ShapeKey;
  x: number;
  y: number;
  /** The label shown now (mid-edge), or null. */
  label: string | null;
}

/** Ids restart with a reloaded world: the same id drawing something else is a new dot. */
const sameDrawing = (a: Message, b: Message) => a === b || (a.kind === b.kind && a.label === b.label && a.ok === b.ok && a.requestId === b.requestId && a.from === b.from && a.to === b.to && a.credential === b.credential);

/** Per layout, the band key of each (from, to) pair met so far: a publish looks them up, not builds them. */
const edgeKeys = new WeakMap<StageLayout, { edges: Set<string>; pairs: Map<string, Map<string, string | null>> }>();

/** The edge a message runs on; a band counts both ways. Null: one of its ends is not drawn. */
function edgeKey(layout: StageLayout, m: Message): string | null {
  let known = edgeKeys.get(layout);
  if (!known) edgeKeys.set(layout, (known = { edges: new Set(layout.edges.map(([a, b]) => `${a}>${b}`)), pairs: new Map() }));
  let tos = known.pairs.get(m.from);
  if (!tos) known.pairs.set(m.from, (tos = new Map()));
  let key = tos.get(m.to);
  if (key === undefined) {
    const from = layout.alias[m.from] ?? m.from;
    const to = layout.alias[m.to] ?? m.to;
    key = !layout.nodes[from] || !layout.nodes[to] ? null : known.edges.has(`${from}>${to}`) ? `${from}>${to}` : `${to}>${from}`;
    tos.set(m.to, key);
  }
  return key;
}

/** Whether a dot at `p` along its edge shows its label: it has one, and it is mid-edge. */
const showsLabelAt = (dot: Dot, p: number): boolean => dot.label !== null && p >= LABEL_FROM && p <= LABEL_TO;

/**
 * Dots closer than this (stage px) are one pile: one label says what they carry. In the load lesson on
 * a phone, a pile of requests on a short edge read "cookie ||| cookie" and "JWT ||| JWT".
 */
const PILE_PX = 8;
/** Whether two labelled dots are in one pile and say the same thing. */
const saysSameHere = (a: Riding, b: Riding): boolean => a.dot.label === b.dot.label && a.dot.shape === b.dot.shape && (a.x - b.x) ** 2 + (a.y - b.y) ** 2 < PILE_PX ** 2;

/** A dot mid-edge with its label, where it is this frame. */
interface Riding {
  dot: Dot;
  x: number;
  y: number;
}

/**
 * The dots of this frame's labelled piles, by PILE_PX cell: a dot is checked against its own cell
 * and the eight around it, not against every dot said (a frame with 300 dots in one long pile made
 * ~45,000 checks).
 */
class Piles {
  private readonly cells = new Map<number, Riding[]>();

  /** A cell's key from a point's cell coordinates (stage px / PILE_PX), with no array made per dot. */
  private static key(cx: number, cy: number): number {
    return cx * 100_003 + cy;
  }

  /** Whether `r` is in a pile already labelled: near a dot of one that says the same thing. */
  has(r: Riding): boolean {
    const cx = Math.floor(r.x / PILE_PX);
    const cy = Math.floor(r.y / PILE_PX);
    for (let dx = -1; dx <= 1; dx++) {
      for (let dy = -1; dy <= 1; dy++) {
        const cell = this.cells.get(Piles.key(cx + dx, cy + dy));
        if (cell) for (const o of cell) if (saysSameHere(o, r)) return true;
      }
    }
    return false;
  }

  add(r: Riding): void {
    const key = Piles.key(Math.floor(r.x / PILE_PX), Math.floor(r.y / PILE_PX));
    const cell = this.cells.get(key);
    if (cell) cell.push(r);
    else this.cells.set(key, [r]);
  }
}

/** A box in stage px. */
interface Rect {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

const overlaps = (a: Rect, b: Rect) => a.left < b.right && a.right > b.left && a.top < b.bottom && a.bottom > b.top;
const nodeRect = (n: NodeBox): Rect => ({ left: n.x - n.w / 2, top: n.y - n.h / 2, right: n.x + n.w / 2, bottom: n.y + n.h / 2 });

/**
 * This frame's dots as boxes, in flat arrays refilled each frame (no object per dot), so a label
 * keeps off the other dots. Checked one by one: a frame places at most LABELLED_UNTIL labels, in at
 * most four places each, against at most MAX_DRAWN dots, and most boxes fail on their x alone.
 */
class DotBoxes {
  private xs = new Float64Array(64);
  private ys = new Float64Array(64);
  private hws = new Float64Array(64);
  private hhs = new Float64Array(64);
  private count = 0;

  clear(): void {
    this.count = 0;
  }

  add(x: number, y: number, shape: ShapeKey): void {
    if (this.count === this.xs.length) this.grow();
    const { hw, hh } = SHAPES[shape];
    const i = this.count++;
    this.xs[i] = x;
    this.ys[i] = y;
    this.hws[i] = hw;
    this.hhs[i] = hh;
  }

  /** Whether `letters` cover a dot other than those within PILE_PX of (ox, oy): the label's own pile, which its places are made around. */
  covers(letters: Rect, ox: number, oy: number): boolean {
    const { xs, ys, hws, hhs } = this;
    for (let i = 0; i < this.count; i++) {
      const x = xs[i]!;
      if (letters.left >= x + hws[i]! || letters.right <= x - hws[i]!) continue;
      const y = ys[i]!;
      if (letters.top >= y + hhs[i]! || letters.bottom <= y - hhs[i]!) continue;
      if ((x - ox) ** 2 + (y - oy) ** 2 < PILE_PX ** 2) continue;
      return true;
    }
    return false;
  }

  private grow(): void {
    const wider = (a: Float64Array) => {
      const b = new Float64Array(a.length * 2);
      b.set(a);
      return b;
    };
    this.xs = wider(this.xs);
    this.ys = wider(this.ys);
    this.hws = wider(this.hws);
    this.hhs = wider(this.hhs);
  }
}

/** Where a label's letters fall (its bitmap less the halo's margin) when drawn at `at`. */
function lettersOf(at: { x: number; y: number }, label: Sprite, dpr: number): Rect {
  const left = at.x - label.ax / dpr + HALO;
  const top = at.y - label.ay / dpr + HALO;
  return { left, top, right: left + label.w / dpr - 2 * HALO, bottom: top + label.h / dpr - 2 * HALO };
}

const pixelRatio = () => (typeof devicePixelRatio === 'number' && devicePixelRatio > 0 ? devicePixelRatio : 1);

export class DotLayer {
  private dots = new Map<number, Dot>();
  private bands = new Map<string, { line: SVGLineElement; title: SVGTitleElement; count: number; layout: StageLayout | null }>();
  private layout: StageLayout | null = null;
  /** The layout's nodes as boxes (a label is checked against them every frame). */
  private nodeRects: Rect[] = [];
  /** This frame's dots, which labels keep off. */
  private readonly dotBoxes = new DotBoxes();
  private onSelect: ((requestId: number) => void) | null = null;
  private readonly ctx: CanvasRenderingContext2D | null;
  private readonly palette: Palette;
  private sprites: Sprites | null = null;
  /** The moment drawn last, and whether the dots changed since (a frame at the same moment draws nothing). */
  private nowMs = -Infinity;
  private dirty = true;
  /** Whether the canvas holds anything (a clear of an empty canvas is skipped). */
  private inked = false;
  private hovering = false;
  private inspectable: boolean | null = null;
  private counted = -1;
  /** A draw asked for by a publish, if its frame has not come yet. */
  private pending = 0;

  constructor(
    private readonly canvas: HTMLCanvasElement,
    private readonly bandRoot: SVGGElement | null,
    /** Where clicks on the stage arrive (the canvas itself lets them through to the nodes). */
    private readonly events: HTMLElement | null,
  ) {
    this.ctx = canvas.getContext('2d');
    this.palette = this.ctx ? paletteOf(canvas) : DEFAULT_PALETTE;
    // Capture: a click on a dot over a node inspects the dot's request, not the node.
    events?.addEventListener('click', this.click, true);
    events?.addEventListener('pointermove', this.hover);
  }

  /** Dots drawn now. */
  get drawn(): number {
    return this.dots.size;
  }

  /** A publish: the messages in flight and the layout they run on. Costs the messages that came and went. */
  update(messages: readonly Message[], layout: StageLayout, nowMs: number, onSelect: ((requestId: number) => void) | null): void {
    const relayout = layout !== this.layout;
    this.layout = layout;
    if (relayout) this.nodeRects = Object.values(layout.nodes).map(nodeRect);
    if (!!onSelect !== this.inspectable) {
      this.inspectable = !!onSelect;
      this.canvas.classList.toggle('is-inspectable', this.inspectable);
      if (!onSelect) this.setHover(false);
    }
    this.onSelect = onSelect;
    this.fit(layout);
    let changed = relayout;
    // Arrived (or replaced by a reloaded world): their dots go.
    const current = new Map<number, Message>();
    for (const m of messages) current.set(m.id, m);
    for (const [id, dot] of this.dots) {
      const now = current.get(id);
      if (!now || !sameDrawing(now, dot.message)) {
        this.dots.delete(id);
        changed = true;
      } else {
        if (now !== dot.message) changed = true;
        dot.message = now;
        if (relayout) this.route(dot);
      }
    }
    // Room left: new messages get a dot, those already on the wire first. A drawn dot stays drawn
    // until it arrives, so nothing vanishes mid-edge when the crowd grows.
    if (this.dots.size < messages.length) {
      for (const pass of [true, false]) {
        for (const m of messages) {
          if (this.dots.size >= MAX_DRAWN) break;
          if (this.dots.has(m.id) || m.sendTimeMs <= nowMs !== pass) continue;
          this.add(m);
          changed = true;
        }
      }
    }
    // How many are drawn, for people reading the page's source and for tests (written when it changes).
    if (this.dots.size !== this.counted) this.canvas.dataset.drawn = String((this.counted = this.dots.size));
    this.updateBands(messages, layout);
    if (changed || nowMs !== this.nowMs) this.dirty = true;
    // Drawn in the next frame (where a playing stage draws anyway), not inside React's commit.
    this.nowMs = nowMs;
    if (this.dirty && this.pending === 0 && typeof requestAnimationFrame === 'function') this.pending = requestAnimationFrame(this.drawPending);
  }

  private drawPending = () => {
    this.pending = 0;
    this.draw();
  };

  /** A frame: the canvas shows every drawn dot where it is at `nowMs` (nothing is done if nothing moved). */
  place(nowMs: number): void {
    if (nowMs === this.nowMs && !this.dirty) return;
    this.nowMs = nowMs;
    this.draw();
  }

  private draw(): void {
    if (this.pending !== 0) cancelAnimationFrame(this.pending);
    this.pending = 0;
    this.dirty = false;
    const nowMs = this.nowMs;
    const ctx = this.ctx;
    const sprites = this.sprites;
    if (!ctx || !sprites) return;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    if (this.inked) ctx.clearRect(0, 0, this.canvas.width, this.canvas.height);
    this.inked = false;
    const dpr = sprites.dpr;
    // Dots first, then the labels over all of them (a label is never hidden under a later dot).
    let riding: Riding[] | null = null;
    const boxes = this.dotBoxes;
    boxes.clear();
    for (const dot of this.dots.values()) {
      const m = dot.message;
      if (!dot.placed || nowMs < m.sendTimeMs) continue;
      const p = progressAt(m, nowMs);
      const s = sprites.shape(dot.shape);
      dot.x = dot.sx + dot.dx * p;
      dot.y = dot.sy + dot.dy * p;
      ctx.drawImage(s.image, Math.round(dot.x * dpr) - s.ax, Math.round(dot.y * dpr) - s.ay);
      this.inked = true;
      boxes.add(dot.x, dot.y, dot.shape);
      if (showsLabelAt(dot, p)) (riding ??= []).push({ dot, x: dot.x, y: dot.y });
    }
    if (riding) {
      for (const [dot, at] of this.placeLabels(riding, sprites)) {
        const s = sprites.label(dot.label!, dot.shape === 'bad');
        ctx.drawImage(s.image, Math.round(at.x * dpr) - s.ax, Math.round(at.y * dpr) - s.ay);
      }
    }
  }

  /**
   * Where this frame's labels go: refused answers' first (past LABELLED_UNTIL drawn dots theirs are
   * the only ones new dots carry, and older labels took every place), then the others oldest first;
   * each in the first place that covers no node, no label placed before it and no other pile's dot, at most LABELLED_UNTIL
   * in all (more are a blur, and a frame's work), and none that a label in the same pile already says.
   * A label with no place waits.
   */
  private placeLabels(riding: readonly Riding[], sprites: Sprites): Map<Dot, { x: number; y: number }> {
    const placed = new Map<Dot, { x: number; y: number }>();
    const taken: Rect[] = [];
    const said = new Piles();
    for (const refused of [true, false]) {
      for (const r of riding) {
        const { dot } = r;
        if ((dot.shape === 'bad') !== refused || placed.size >= LABELLED_UNTIL) continue;
        // A dot in a labelled pile joins it, so a train of dots, each near the next, is one pile with one label.
        if (said.has(r)) {
          said.add(r);
          continue;
        }
        const at = this.labelPlace(r, sprites.label(dot.label!, refused), sprites.dpr, taken);
        if (!at) continue;
        placed.set(dot, at);
        said.add(r);
      }
    }
    return placed;
  }

  /**
   * Where a dot's label goes (its anchor, stage px), or null: above the dot, else beside it, else
   * below it, wherever it is inside the world, covers no node, no label placed before it in this frame (`taken`, to
   * which its own place is added) and no other pile's dot. On a phone's short edges the middle of an
   * edge is still next to its ends, and a label above the dot hid a browser's name; in the load
   * lesson's crowd, labels were drawn over each other ("JWT" under "JWT"), then over other dots
   * ("cookie" across the next wristband, "JWT" over a badge). When every place is taken the label
   * waits (the log and the inspector still say what the dot carries).
   */
  private labelPlace(own: Riding, label: Sprite, dpr: number, taken: Rect[]): { x: number; y: number } | null {
    const { x, y } = own;
    const { width, height } = this.layout!;
    const halfW = label.w / dpr / 2;
    const gap = 10;
    // The baseline that centres the letters on the dot, for a label beside it.
    const level = y + LABEL_PX / 2 - 1;
    // Above or below a dot near the world's side, the label slides in, whole ("401 no_credentia" was cut there).
    const inward = Math.min(Math.max(x, halfW), width - halfW);
    const places = [
      { x: inward, y: y - LABEL_RISE },
      { x: x + gap + halfW, y: level },
      { x: x - gap - halfW, y: level },
      { x: inward, y: y + LABEL_RISE + LABEL_PX },
    ];
    for (const at of places) {
      const letters = lettersOf(at, label, dpr);
      const cut = letters.left < 0 || letters.top < 0 || letters.right > width || letters.bottom > height;
      if (cut || this.nodeRects.some((n) => overlaps(letters, n)) || taken.some((t) => overlaps(letters, t)) || this.dotBoxes.covers(letters, x, y)) continue;
      // The next label keeps a halo's width from these letters, so its halo never eats into them.
      taken.push({ left: letters.left - HALO, top: letters.top - HALO, right: letters.right + HALO, bottom: letters.bottom + HALO });
      return at;
    }
    return null;
  }

  /** The dots visible at `nowMs`, in drawing order (the last is on top), where they are and the label they show. */
  *at(nowMs: number): Generator<DrawnDot> {
    const sprites = this.sprites;
    // Placed as a frame places them (placeLabels).
    const drawn = [...this.positions(nowMs)];
    this.dotBoxes.clear();
    for (const d of drawn) this.dotBoxes.add(d.x, d.y, d.dot.shape);
    const riding = drawn.filter(({ dot, p }) => showsLabelAt(dot, p));
    const placed = sprites ? this.placeLabels(riding, sprites) : new Map(riding.map((r) => [r.dot, r]));
    for (const { dot, x, y } of drawn) yield { requestId: dot.message.requestId, shape: dot.shape, x, y, label: placed.has(dot) ? dot.label : null };
  }

  /** The dots visible at `nowMs`, in drawing order, and where they are along their edge (`p`) and on the stage. */
  private *positions(nowMs: number): Generator<{ dot: Dot; x: number; y: number; p: number }> {
    for (const dot of this.dots.values()) {
      if (!dot.placed || nowMs < dot.message.sendTimeMs) continue;
      const p = progressAt(dot.message, nowMs);
      yield { dot, x: dot.sx + dot.dx * p, y: dot.sy + dot.dy * p, p };
    }
  }

  /** The request of the topmost dot drawn at (x, y) in stage px, as last drawn; undefined: none there. */
  hit(x: number, y: number): number | undefined {
    let found: number | undefined;
    // Positions only: a pointer move must not place every label.
    for (const d of this.positions(this.nowMs)) {
      const { hw, hh } = SHAPES[d.dot.shape];
      if (Math.abs(x - d.x) <= hw + HIT_SLOP && Math.abs(y - d.y) <= hh + HIT_SLOP) found = d.dot.message.requestId;
    }
    return found;
  }

  /** Stops drawing and takes everything out (reduced motion, unmount). */
  dispose(): void {
    if (this.pending !== 0) cancelAnimationFrame(this.pending);
    this.pending = 0;
    this.events?.removeEventListener('click', this.click, true);
    this.events?.removeEventListener('pointermove', this.hover);
    this.setHover(false);
    for (const band of this.bands.values()) band.line.remove();
    this.dots.clear();
    this.bands.clear();
    if (this.ctx && this.inked) {
      this.ctx.setTransform(1, 0, 0, 1, 0, 0);
      this.ctx.clearRect(0, 0, this.canvas.width, this.canvas.height);
    }
    this.inked = false;
  }

  /** The canvas as large as the stage, in device pixels (sharp at any zoom); only when that changes. */
  private fit(layout: StageLayout): void {
    const dpr = pixelRatio();
    const w = Math.max(1, Math.round(layout.width * dpr));
    const h = Math.max(1, Math.round(layout.height * dpr));
    if (this.canvas.width !== w || this.canvas.height !== h) {
      this.canvas.width = w;
      this.canvas.height = h;
      this.canvas.style.width = `${layout.width}px`;
      this.canvas.style.height = `${layout.height}px`;
      this.inked = false;
      this.dirty = true;
    }
    if (!this.sprites || this.sprites.dpr !== dpr) {
      this.sprites = new Sprites(dpr, this.palette);
      this.dirty = true;
    }
  }

  private add(message: Message): void {
    const labelled = hasLabel(message) && (message.ok === false || this.dots.size < LABELLED_UNTIL);
    const dot: Dot = { message, shape: shapeOf(message), label: labelled ? message.label : null, sx: 0, sy: 0, dx: 0, dy: 0, placed: false, x: 0, y: 0 };
    this.route(dot);
    this.dots.set(message.id, dot);
  }

  private route(dot: Dot): void {
    const lay = this.layout!;
    const a = lay.nodes[lay.alias[dot.message.from] ?? dot.message.from];
    const b = lay.nodes[lay.alias[dot.message.to] ?? dot.message.to];
    dot.placed = !!a && !!b;
    if (!a || !b) return;
    const { start, end } = dotPath(a, b, SHAPES[dot.shape]);
    dot.sx = start.x;
    dot.sy = start.y;
    dot.dx = end.x - start.x;
    dot.dy = end.y - start.y;
  }

  /** Per edge, the messages in flight that are not drawn: a band as wide as their count says. */
  private updateBands(messages: readonly Message[], layout: StageLayout): void {
    if (!this.bandRoot) return;
    const counts = new Map<string, number>();
    if (messages.length > this.dots.size) {
      for (const m of messages) {
        if (this.dots.has(m.id)) continue;
        const key = edgeKey(layout, m);
        if (key) counts.set(key, (counts.get(key) ?? 0) + 1);
      }
    }
    for (const [key, band] of this.bands) {
      if (!counts.has(key)) {
        band.line.remove();
        this.bands.delete(key);
      }
    }
    for (const [key, count] of counts) {
      let band = this.bands.get(key);
      const [from, to] = key.split('>') as [string, string];
      if (!band) {
        const title = el('title', {});
        band = { line: el('line', { class: 'crowd-band' }, [title]), title, count: 0, layout: null };
        this.bands.set(key, band);
        this.bandRoot.appendChild(band.line);
      }
      if (band.layout !== layout) {
        band.layout = layout;
        const { start, end } = edgeEnds(layout.nodes[from]!, layout.nodes[to]!);
        band.line.setAttribute('x1', String(start.x));
        band.line.setAttribute('y1', String(start.y));
        band.line.setAttribute('x2', String(end.x));
        band.line.setAttribute('y2', String(end.y));
      }
      if (count !== band.count) {
        band.count = count;
        band.line.setAttribute('stroke-width', String(bandWidth(count)));
        band.title.textContent = `${from} – ${to}: ${count} more in flight, not drawn`;
      }
    }
  }

  /** Where a pointer event is on the stage, in stage px (read when the user points, never per frame). */
  private pointAt(e: MouseEvent): { x: number; y: number } {
    const box = this.canvas.getBoundingClientRect();
    return { x: e.clientX - box.left, y: e.clientY - box.top };
  }

  private click = (e: MouseEvent) => {
    if (!this.onSelect || this.dots.size === 0) return;
    const { x, y } = this.pointAt(e);
    const requestId = this.hit(x, y);
    if (requestId === undefined) return;
    e.stopPropagation();
    this.onSelect(requestId);
  };

  /** Over a dot the pointer says it can be clicked. */
  private hover = (e: PointerEvent) => {
    if (!this.onSelect) return;
    const over = this.dots.size > 0 && (() => {
      const { x, y } = this.pointAt(e);
      return this.hit(x, y) !== undefined;
    })();
    this.setHover(over);
  };

  private setHover(on: boolean): void {
    if (on === this.hovering) return;
    this.hovering = on;
    this.events?.classList.toggle('is-over-dot', on);
  }
}

/** A band's width in px: grows with the crowd it stands for, but never wider than a node's title row. */
export const bandWidth = (count: number): number => Math.min(18, 4 + Math.round(2 * Math.sqrt(count)));
