// The travelling messages of one stage, drawn outside React. A publish (a few times a second) diffs
// the message list by id: a new message gets its element (cloned from a prototype per shape), one
// that arrived loses it, nothing else is touched, so a publish costs the changes, not the crowd.
// Every animation frame then writes the drawn dots' `transform` (only where it changed): no React,
// no layout read. At most MAX_DRAWN dots are drawn; the rest are counted per edge and shown as a
// band along that edge, under the nodes (so never over a node's name).
import type { Mode } from '../../sim/schemes/names';
import type { Message } from '../../sim/types';
import { edgeEnds, progressAt, type StageLayout } from './layout';

/** Dots drawn at once; past this the stage shows bands with a count (hundreds of dots are a blur, and cost frames). */
export const MAX_DRAWN = 300;
/**
 * Labels ride on new dots while fewer than this many are drawn: past it labels overlap into a blur
 * and their text is most of a frame's cost, so only a refused answer (red, with its reason) keeps one.
 */
export const LABELLED_UNTIL = 80;
/** Status labels ride along the middle of an edge only, so they never cover a node's name. */
const LABEL_FROM = 0.18;
const LABEL_TO = 0.82;

const SVG = 'http://www.w3.org/2000/svg';

export const translate = (x: number, y: number): string => `translate(${Math.round(x * 10) / 10} ${Math.round(y * 10) / 10})`;

/** Messages in flight that are not drawn as dots: the stage says how many. */
export const undrawnCount = (messages: readonly Message[]): number => Math.max(0, messages.length - MAX_DRAWN);

function el<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number>, children: Element[] = []): SVGElementTagNameMap[K] {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  for (const c of children) e.appendChild(c);
  return e;
}

type ShapeKey = 'ok' | 'bad' | 'store' | 'keys' | 'plain' | Mode;

/** What each model's credential looks like on the wire: a wristband (session cookie), a badge (JWT). */
const CREDENTIAL_SHAPE: Record<Mode, () => SVGElement> = {
  session: () => el('g', { class: 'dot-wristband' }, [el('rect', { x: -17, y: -7, width: 34, height: 14, rx: 7 }), el('path', { d: [-9, -5, -2, 2, 5, 9].map((x) => `M${x} -4V4`).join('') })]),
  jwt: () => el('g', { class: 'dot-badge' }, [el('rect', { x: -15, y: -10, width: 30, height: 20, rx: 3 }), el('circle', { cx: 7, cy: 0, r: 5, class: 'hologram-mark' })]),
};

const SHAPES: Record<ShapeKey, () => SVGElement> = {
  ok: () => el('circle', { r: 8, class: 'dot-ok' }),
  bad: () => el('circle', { r: 8, class: 'dot-bad' }),
  store: () => el('rect', { x: -6, y: -6, width: 12, height: 12, transform: 'rotate(45)', class: 'dot-store' }),
  keys: () => el('rect', { x: -6, y: -6, width: 12, height: 12, class: 'dot-keys' }),
  plain: () => el('circle', { r: 6, class: 'dot-plain' }),
  ...CREDENTIAL_SHAPE,
};

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
  g: SVGGElement;
  label: SVGTextElement | null;
  /** Where it runs, in stage px (from the layout of the last publish). */
  sx: number;
  sy: number;
  dx: number;
  dy: number;
  /** False: one of its ends is not drawn (never placed). */
  placed: boolean;
  /** What was last written, so a frame writes only what changed. */
  transform: string;
  visible: boolean | null;
  labelled: boolean | null;
}

/** Ids restart with a reloaded world: the same id drawing something else is a new dot. */
const sameDrawing = (a: Message, b: Message) => a === b || (a.kind === b.kind && a.label === b.label && a.ok === b.ok && a.requestId === b.requestId && a.from === b.from && a.to === b.to && a.credential === b.credential);

/** The layout's edges as `from>to` keys, browsers and servers first (as the layout lists them). */
const edgeKeys = new WeakMap<StageLayout, Set<string>>();

/** The edge a message runs on; a band counts both ways. Null: one of its ends is not drawn. */
function edgeKey(layout: StageLayout, m: Message): string | null {
  const from = layout.alias[m.from] ?? m.from;
  const to = layout.alias[m.to] ?? m.to;
  if (!layout.nodes[from] || !layout.nodes[to]) return null;
  let keys = edgeKeys.get(layout);
  if (!keys) edgeKeys.set(layout, (keys = new Set(layout.edges.map(([a, b]) => `${a}>${b}`))));
  return keys.has(`${from}>${to}`) ? `${from}>${to}` : `${to}>${from}`;
}

export class DotLayer {
  private dots = new Map<number, Dot>();
  private bands = new Map<string, { line: SVGLineElement; title: SVGTitleElement; count: number; layout: StageLayout | null }>();
  private layout: StageLayout | null = null;
  private prototypes = new Map<string, SVGGElement>();
  private requestOf = new WeakMap<Element, number>();
  private onSelect: ((requestId: number) => void) | null = null;

  constructor(
    private readonly root: SVGGElement,
    private readonly bandRoot: SVGGElement | null,
  ) {
    root.addEventListener('click', this.click);
  }

  /** Dots drawn now (elements in the layer). */
  get drawn(): number {
    return this.dots.size;
  }

  /** A publish: the messages in flight and the layout they run on. Costs the messages that came and went. */
  update(messages: readonly Message[], layout: StageLayout, nowMs: number, onSelect: ((requestId: number) => void) | null): void {
    const relayout = layout !== this.layout;
    this.layout = layout;
    if (!!onSelect !== !!this.onSelect) for (const dot of this.dots.values()) dot.g.classList.toggle('is-inspectable', !!onSelect);
    this.onSelect = onSelect;
    // Arrived (or replaced by a reloaded world): their elements go.
    const current = new Map<number, Message>();
    for (const m of messages) current.set(m.id, m);
    for (const [id, dot] of this.dots) {
      const now = current.get(id);
      if (!now || !sameDrawing(now, dot.message)) {
        dot.g.remove();
        this.dots.delete(id);
      } else {
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
        }
      }
    }
    this.updateBands(messages, layout);
    this.place(nowMs);
  }

  /** A frame: every drawn dot to where it is at `nowMs`, writing only what changed. */
  place(nowMs: number): void {
    for (const dot of this.dots.values()) {
      const m = dot.message;
      const visible = dot.placed && nowMs >= m.sendTimeMs;
      if (visible !== dot.visible) {
        dot.visible = visible;
        dot.g.setAttribute('opacity', visible ? '1' : '0');
      }
      if (!visible) continue;
      const p = progressAt(m, nowMs);
      const transform = translate(dot.sx + dot.dx * p, dot.sy + dot.dy * p);
      if (transform !== dot.transform) {
        dot.transform = transform;
        dot.g.setAttribute('transform', transform);
      }
      if (dot.label) {
        const labelled = p >= LABEL_FROM && p <= LABEL_TO;
        if (labelled !== dot.labelled) {
          dot.labelled = labelled;
          dot.label.setAttribute('opacity', labelled ? '1' : '0');
        }
      }
    }
  }

  /** Takes every element out (reduced motion, unmount). */
  dispose(): void {
    this.root.removeEventListener('click', this.click);
    for (const dot of this.dots.values()) dot.g.remove();
    for (const band of this.bands.values()) band.line.remove();
    this.dots.clear();
    this.bands.clear();
  }

  private add(message: Message): void {
    const shape = shapeOf(message);
    const labelled = hasLabel(message) && (message.ok === false || this.dots.size < LABELLED_UNTIL);
    const key = `${shape}${labelled ? (message.ok === false ? ':bad' : ':label') : ''}`;
    let proto = this.prototypes.get(key);
    if (!proto) {
      proto = el('g', { class: 'dot', opacity: 0 }, [SHAPES[shape]()]);
      if (labelled) proto.appendChild(el('text', { class: `dot-label${message.ok === false ? ' bad' : ''}`, y: -14, 'text-anchor': 'middle', opacity: 0 }));
      this.prototypes.set(key, proto);
    }
    const g = proto.cloneNode(true) as SVGGElement;
    if (this.onSelect) g.classList.add('is-inspectable');
    const label = labelled ? (g.lastChild as SVGTextElement) : null;
    if (label) label.textContent = message.label;
    this.requestOf.set(g, message.requestId);
    const dot: Dot = { message, g, label, sx: 0, sy: 0, dx: 0, dy: 0, placed: false, transform: '', visible: false, labelled: false };
    this.route(dot);
    this.dots.set(message.id, dot);
    this.root.appendChild(g);
  }

  private route(dot: Dot): void {
    const lay = this.layout!;
    const a = lay.nodes[lay.alias[dot.message.from] ?? dot.message.from];
    const b = lay.nodes[lay.alias[dot.message.to] ?? dot.message.to];
    dot.placed = !!a && !!b;
    if (!a || !b) return;
    const { start, end } = edgeEnds(a, b);
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

  private click = (e: Event) => {
    const target = e.target instanceof Element ? e.target.closest('.dot') : null;
    const requestId = target ? this.requestOf.get(target) : undefined;
    if (requestId !== undefined) this.onSelect?.(requestId);
  };
}

/** A band's width in px: grows with the crowd it stands for, but never wider than a node's title row. */
export const bandWidth = (count: number): number => Math.min(18, 4 + Math.round(2 * Math.sqrt(count)));
