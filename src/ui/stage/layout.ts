// Where each node of the cluster sits on the stage, and the point a message is at along an edge.
// Pure geometry (tested without a DOM), in the stage's own CSS pixels: 'wide' lays the cluster out
// left to right, 'tall' top to bottom (a column of a side-by-side view, or a phone).
import type { Mode } from '../../sim/types';
import { SCHEME_WORDS } from '../../sim/schemes/names';
import { LB_TITLE, serverShortTitles } from './nodeStatus';

export type Orientation = 'wide' | 'tall';
export type NodeKind = 'browser' | 'attacker' | 'lb' | 'server' | 'store' | 'jwks';

export interface NodeBox {
  id: string;
  kind: NodeKind;
  x: number; // centre
  y: number;
  w: number;
  h: number;
  /** A server box's free side for a check chip that its title leaves no room for: a row gap of at least CHIP_CLEARANCE_PX there. */
  chipSide?: 'above' | 'below';
  /** In columns, its edges meet it at the middle of its side: aimed at its centre, a line to the top server of a column ran under the next one. */
  joinsAtSide?: true;
  /** How far a server's check chip sits lower than CHIP_INSET, where its column's rows are closer than TALL_ROW_GAP_FLOOR_PX: at 7 px its rim lay on the border of the box above. */
  chipDrop?: number;
}

/** What a chip raised above a box's corner (or dropped below it) needs of the gap there. */
export const CHIP_CLEARANCE_PX = 20;
/** The check chip: a circle of CHIP_R whose centre sits CHIP_INSET inside a server box's top-right corner (NodeView.tsx). */
export const CHIP_R = 11;
export const CHIP_INSET = 4;

export interface StageLayout {
  orientation: Orientation;
  width: number;
  height: number;
  nodes: Record<string, NodeBox>;
  edges: [string, string][];
  /** Clients folded into the 'crowd' node: their messages start and end there. */
  alias: Record<string, string>;
}

/** Past this many browsers, the rest are drawn as one "crowd" node: 200 boxes help nobody. */
export const MAX_CLIENT_NODES = 6;
export const CROWD_ID = 'crowd';

/** The clients drawn one by one (attackers always), plus the crowd of the others. */
function foldClients(clients: LayoutInput['clients'], maxNodes: number): { shown: LayoutInput['clients']; alias: Record<string, string> } {
  if (clients.length <= maxNodes) return { shown: clients, alias: {} };
  const attackers = clients.filter((c) => c.kind === 'attacker');
  const browsers = clients.filter((c) => c.kind !== 'attacker');
  const individual = browsers.slice(0, Math.max(1, maxNodes - 1 - attackers.length));
  // A crowd of one saves no room and names a browser "1 more browsers": draw it as itself.
  if (browsers.length - individual.length < 2) return { shown: clients, alias: {} };
  const alias: Record<string, string> = {};
  for (const c of browsers.slice(individual.length)) alias[c.id] = CROWD_ID;
  return { shown: [...individual, { id: CROWD_ID, kind: 'browser' }, ...attackers], alias };
}

export interface LayoutInput {
  mode: Mode;
  clients: { id: string; kind: 'browser' | 'attacker' }[];
  serverIds: string[];
  /** The JWT world draws the shared store only while something uses it (denylist, refresh tokens), or once it has failed. */
  storeShown?: boolean;
  /** Drawn, but no server asks it (the JWT world's store in an outage): no line joins it to the servers. */
  storeUnasked?: boolean;
  /** While the key set publishes nothing to fetch (an HS256 secret alone), the servers that fetched it all the same: only they are joined to it. */
  keySetAskers?: readonly string[];
  /** Status lines a browser may need: two where it can hold a refresh token beside its access token. */
  clientLines?: 1 | 2;
}

/** The stage's size in CSS px: the layout is drawn 1:1, so a 12 px label is 12 px on screen. */
export interface StageSize {
  width: number;
  height: number;
}

/** Text sizes in CSS px (never under 11 on screen, since the SVG is not scaled). */
export const FONT = { title: 14, line: 12 } as const;
/** A node's title row, then one row per status line. */
export const TITLE_ROW_PX = 22;
export const LINE_ROW_PX = 15;
/** Below a box's last line: room for its descenders and the border. */
export const LINE_FOOT_PX = 3;
/** The least height of a box that shows `lines` status lines under its title. */
export const boxHeightFor = (lines: number): number => TITLE_ROW_PX + lines * LINE_ROW_PX + LINE_FOOT_PX;
const MARGIN = 8;
const NODE_MIN_W = 96;
/** Below this width the cluster is drawn top to bottom (browsers on top, stores at the bottom). */
const WIDE_MIN_PX = 760;

/** The right-hand column: the key set if the model has one, and the store unless a key set does without it. */
function backends(mode: Mode, storeShown: boolean): { id: string; kind: NodeKind }[] {
  const keySet = SCHEME_WORDS[mode].usesKeySet;
  return [...(keySet ? [{ id: 'jwks', kind: 'jwks' as const }] : []), ...(!keySet || storeShown ? [{ id: 'store', kind: 'store' as const }] : [])];
}

/** Centres of `count` items spread evenly over [start, end]. */
function spread(count: number, start: number, end: number): number[] {
  const step = (end - start) / count;
  return Array.from({ length: count }, (_, i) => start + step * (i + 0.5));
}

/** A short, wide canvas (an embed in a 640x400 frame) that the rows cannot fit still gets columns from here. */
const WIDE_WHEN_SHORT_MIN_PX = 560;

const isLandscape = (size: StageSize) => size.width >= size.height * 1.25;

export function layoutStage(input: LayoutInput, size: StageSize): StageLayout {
  // Rows compute the height they need themselves; columns fit any canvas a title row high per node
  // (from 120 px: at 140 a landscape phone's 135 px world of the load lesson scrolled 5 px).
  const fitted = { width: Math.max(280, Math.floor(size.width)), height: Math.max(120, Math.floor(size.height)) };
  const inColumn = foldClients(input.clients, clientsInColumn(fitted.height));
  const asColumns = () => ({ ...wide({ ...input, clients: inColumn.shown }, fitted), orientation: 'wide' as const, alias: inColumn.alias });
  if (isLandscape(fitted) && fitted.width >= WIDE_MIN_PX) return asColumns();
  // In a row, browsers share the width: past what fits with their names whole, the rest join the crowd.
  const inRow = foldClients(input.clients, clientsInRow(fitted.width, input.clients.length));
  const folded = { ...input, clients: inRow.shown };
  const alias = inRow.alias;
  // The full rows, with a browser's second line where it may need one, else without it: 15 px more
  // must not cost the balancer's and servers' lines, nor turn a canvas that fitted them to columns.
  let rows = tall(folded, fitted, ROWS[0]!);
  if (rows.height > fitted.height && folded.clientLines === 2) rows = tall({ ...folded, clientLines: 1 }, fitted, ROWS[0]!);
  if (rows.height <= fitted.height) return { ...rows, orientation: 'tall', alias };
  // Rows taller than the canvas would be cut off or scrolled: columns fit a short canvas better.
  const columns = isLandscape(fitted) && fitted.width >= WIDE_WHEN_SHORT_MIN_PX ? asColumns() : null;
  if (columns && columns.height <= fitted.height) return columns;
  // A short, narrow canvas (a phone's two stacked worlds, a short landscape phone's two side by side):
  // the richest compact rows that fit, else the most compact with their gaps narrowed as far as
  // TALL_ROW_GAP_FLOOR_PX (at 734x343 the store stood 8 px under the edge). Where none fits, columns
  // if they were an option, else the most compact rows, scrolled. Columns first only where they fit:
  // microservices' five servers took 161 px of columns in a 144 px world at 734x343, where one row of them fits.
  const compact = [...ROWS.slice(1), { ...ROWS.at(-1)!, gapMinPx: TALL_ROW_GAP_FLOOR_PX }].map((r) => tall(folded, fitted, r));
  const fitting = compact.find((c) => c.height <= fitted.height);
  if (!fitting && columns) return columns;
  return { ...(fitting ?? compact.at(-1)!), orientation: 'tall', alias };
}

/**
 * A server's box in a row is at least this wide: "server-4" whole (66 px in DejaVu Sans Bold, the
 * widest common UI font, and 6 px each side) and a short status line. Four then share a 390 px
 * phone's row (a 362 px canvas: boxes of 78.5 px): at 96 px they wrapped to two rows, too tall for
 * any line, so the scale-out and load lessons' servers lost "N sessions in memory" on a phone.
 */
const SERVER_MIN_W = 78;
/** Wider for longer names: "server-10" needs ~9 px more than "server-4". */
const serverMinW = (ids: string[]): number => SERVER_MIN_W + 9 * Math.max(0, Math.max(0, ...ids.map((id) => id.length)) - 8);
/**
 * A title-only server box is at least this wide: its short title ("srv-5", nodeStatus.ts) whole
 * and 6 px each side. Five then share a 390 px phone's row, so nine servers take two rows, not
 * three: with three, the store or key set fell ~27 px below the phone's world.
 */
const titleOnlyServerMinW = (ids: string[]): number =>
  Math.max(...ids.map((id) => Math.ceil(textWidth(serverShortTitles(id)[0] ?? id, FONT.title, true)) + 12));
/**
 * A compact row's balancer has no line for its routing policy, which NodeView then writes after
 * its title, where the box holds both: alone in its row, it may be as wide as the longest
 * ("Load balancer: least-connections"). At 200 px only "sticky" fitted, so a phone's scale-out
 * never said its routing was round-robin, the half of the lesson before sticky.
 */
const lbCompactMaxW = (): number => Math.ceil(textWidth(`${LB_TITLE}: least-connections`, FONT.title, true)) + 12;
/** A browser's box in a row is at least this wide, so "user-01" reads whole (at 390 px it read "us…"). */
const CLIENT_MIN_W = 80;
const CLIENT_GAP_X = 8;
/**
 * Where browsers join a crowd, each box of the row is at least this wide, so the crowd's line says
 * what its count is ("in: 18 of 38", 69 px in the stage's font, with room for a wider digit): an
 * 800x600 embed's four 82 px boxes read "+37" over "37 of 37".
 */
const CROWD_ROW_MIN_W = 91;
/**
 * How many client nodes a row of this width holds with each at least CLIENT_MIN_W (and a gap after
 * the last: some room to spare), or, once they are more than that, with each at least CROWD_ROW_MIN_W
 * (no spare: a laptop's world keeps its five browsers and the crowd). Three at least: two browsers and the crowd.
 */
const clientsInRow = (width: number, clients: number): number => {
  const holds = (boxes: number) => Math.max(3, Math.min(MAX_CLIENT_NODES, Math.floor(boxes)));
  const plain = holds((width - 2 * MARGIN) / (CLIENT_MIN_W + CLIENT_GAP_X));
  return clients <= plain ? clients : holds((width - 2 * MARGIN + CLIENT_GAP_X) / (CROWD_ROW_MIN_W + CLIENT_GAP_X));
};
/** The gap between rows of a column, and the least a short canvas narrows it to: how far a check chip rises above its box. */
const WIDE_ROW_GAP_PX = 10;
const WIDE_ROW_GAP_MIN_PX = CHIP_R - CHIP_INSET;
/**
 * How many client nodes a column of this height holds, a title row each (three at least): the load
 * lesson's six in a landscape phone's 140 px world took 208 px, server-2 under its edge.
 */
const clientsInColumn = (height: number): number => Math.max(3, Math.min(MAX_CLIENT_NODES, Math.floor((height - 2 * MARGIN) / (TITLE_ROW_PX + WIDE_ROW_GAP_PX))));

/**
 * Rows from the richest to the most compact: how many status lines each row's nodes show, and the
 * least gap between rows (a dot and its label need room to be seen). The first is the full layout;
 * the others drop the lines that say least first (the balancer's policy, a server's in-flight
 * count, the store's state), the browsers' (what each holds) last. Text keeps its size throughout.
 * The last two, browsers and servers by their titles alone, are for a cluster whose servers wrap to
 * a second row (five at 360 px, six or more at 390) or a third (ten or more at 390: "srv-10" widens every box): without
 * them the store fell off the bottom of the world.
 */
interface Rows {
  lines: { client: number; lb: number; server: number; back: number };
  gapMinPx: number;
  marginPx: number;
  /** Between two rows of servers (title-only boxes sit closer: two rows of them fit where one row with lines did). */
  serverRowGapPx: number;
}
const ROWS: Rows[] = [
  { lines: { client: 1, lb: 1, server: 2, back: 2 }, gapMinPx: 34, marginPx: MARGIN, serverRowGapPx: 8 },
  { lines: { client: 1, lb: 0, server: 2, back: 2 }, gapMinPx: 24, marginPx: 4, serverRowGapPx: 8 },
  { lines: { client: 1, lb: 0, server: 1, back: 2 }, gapMinPx: 24, marginPx: 4, serverRowGapPx: 8 },
  { lines: { client: 1, lb: 0, server: 1, back: 1 }, gapMinPx: 22, marginPx: 4, serverRowGapPx: 8 },
  { lines: { client: 0, lb: 0, server: 0, back: 1 }, gapMinPx: 22, marginPx: 4, serverRowGapPx: 4 },
  // Twelve servers in three rows on a phone: the store or key set by its title (and its first line after it, where both fit).
  { lines: { client: 0, lb: 0, server: 0, back: 0 }, gapMinPx: 18, marginPx: 4, serverRowGapPx: 4 },
];
/** The least gap between rows a canvas too short for every row above narrows them to: a check chip's rise above its box (7 px) and 3 px of air. */
const TALL_ROW_GAP_FLOOR_PX = CHIP_R - CHIP_INSET + 3;
/** The most compact rows in which a one-row cluster's servers keep a status line. */
const ONE_ROW_COMPACT = ROWS[3]!;
/** A node showing `lines` status lines below its title (NodeView draws as many as its box holds). */
const compactNodeH = (lines: number) => boxHeightFor(lines) + 1;
/** The full layout's node heights: a little more air than the compact ones. */
const FULL_NODE_H = { client: TITLE_ROW_PX + LINE_ROW_PX + 12, lb: TITLE_ROW_PX + LINE_ROW_PX + 6, server: TITLE_ROW_PX + 2 * LINE_ROW_PX + 10, back: TITLE_ROW_PX + 2 * LINE_ROW_PX + 10 };

/**
 * The least canvas height two stacked worlds need on a phone: a one-row cluster (a browser row, the
 * balancer, one row of servers, the store or key set) in the compact rows that keep its servers' lines.
 */
export const COMPACT_MIN_HEIGHT_PX = (() => {
  const r = ONE_ROW_COMPACT;
  const l = r.lines;
  return compactNodeH(l.client) + compactNodeH(l.lb) + compactNodeH(l.server) + compactNodeH(l.back) + 3 * r.gapMinPx + 2 * r.marginPx;
})();

type Put = (id: string, kind: NodeKind, x: number, y: number, w: number, h: number) => void;

type Drawn = Omit<StageLayout, 'alias' | 'orientation'>;

function wide({ mode, clients, serverIds, storeShown = false, storeUnasked = false, keySetAskers }: LayoutInput, size: StageSize): Drawn {
  const back = backends(mode, storeShown);
  const rowsNeeded = Math.max(clients.length, serverIds.length);
  // Each node needs at least its title row; the stage grows rather than shrink text. A short canvas
  // narrows the gaps between rows first, to what a check chip above a box's corner leaves clear: a
  // landscape phone's load lesson (667x400, a 135 px canvas) drew four servers in 144 px and scrolled;
  // so does a canvas where that keeps the boxes a status line more: a 640x400 embed's four servers
  // said only their names, scale-out's sessions in memory nowhere.
  const perRow = (size.height - 2 * MARGIN) / rowsNeeded;
  const boxH = [2, 1].map(boxHeightFor).find((h) => perRow - h >= WIDE_ROW_GAP_MIN_PX) ?? TITLE_ROW_PX;
  const gap = Math.max(WIDE_ROW_GAP_MIN_PX, Math.min(WIDE_ROW_GAP_PX, perRow - boxH));
  const height = Math.max(size.height, rowsNeeded * (TITLE_ROW_PX + gap) + 2 * MARGIN);
  const { width } = size;
  const nodes: Record<string, NodeBox> = {};
  const put: Put = (id, kind, x, y, w, h) => (nodes[id] = { id, kind, x, y, w, h, joinsAtSide: true });
  const col = (share: number, max: number) => Math.min(max, Math.max(NODE_MIN_W, width * share));
  // The balancer's column holds its title whole: at 14% of an 800 px frame's world (109 px) it read "Load bala…".
  const lbMinW = Math.ceil(textWidth(LB_TITLE, FONT.title, true)) + 12;
  const [cw, lw, sw, bw] = [col(0.17, 190), Math.max(lbMinW, col(0.14, 150)), col(0.19, 200), col(0.2, 220)];
  const xs = [MARGIN + cw / 2, 0, 0, width - MARGIN - bw / 2];
  xs[1] = xs[0]! + (xs[3]! - xs[0]!) / 3;
  xs[2] = xs[0]! + ((xs[3]! - xs[0]!) * 2) / 3;
  const rowH = (n: number, max: number) => Math.min(max, (height - 2 * MARGIN) / n - gap);
  spread(clients.length, MARGIN, height - MARGIN).forEach((y, i) => put(clients[i]!.id, clients[i]!.kind, xs[0]!, y, cw, rowH(clients.length, 64)));
  put('lb', 'lb', xs[1], height / 2, lw, TITLE_ROW_PX + LINE_ROW_PX + 10);
  const chipDrop = Math.max(0, TALL_ROW_GAP_FLOOR_PX - gap);
  spread(serverIds.length, MARGIN, height - MARGIN).forEach((y, i) => {
    put(serverIds[i]!, 'server', xs[2]!, y, sw, rowH(serverIds.length, 70));
    if (chipDrop) nodes[serverIds[i]!]!.chipDrop = chipDrop;
  });
  spread(back.length, MARGIN, height - MARGIN).forEach((y, i) => put(back[i]!.id, back[i]!.kind, xs[3]!, y, bw, rowH(back.length, 84)));
  return { width, height, nodes, edges: edgesFor(clients, serverIds, storeUnasked ? back.filter((b) => b.id !== 'store') : back, keySetAskers) };
}

function tall({ mode, clients, serverIds, storeShown = false, storeUnasked = false, keySetAskers, clientLines = 1 }: LayoutInput, size: StageSize, rows: Rows): Drawn {
  const back = backends(mode, storeShown);
  const { width } = size;
  const margin = rows.marginPx;
  const inner = width - 2 * MARGIN;
  const nodes: Record<string, NodeBox> = {};
  const put: Put = (id, kind, x, y, w, h) => (nodes[id] = { id, kind, x, y, w, h });
  // Title-only boxes sit closer: "srv-10" then fits beside its check chip in a phone's row of four.
  const gapX = rows.lines.server === 0 ? 6 : 8;
  // Each box is inner / perRow - gapX wide (its share, less a gap): at least serverMinW.
  const minW = rows.lines.server === 0 ? titleOnlyServerMinW(serverIds) : serverMinW(serverIds);
  const perRow = Math.max(1, Math.min(serverIds.length, Math.floor(inner / (minW + gapX))));
  const serverRows = Math.ceil(serverIds.length / perRow);
  const full = rows === ROWS[0];
  const h = (row: keyof Rows['lines']) => (full ? FULL_NODE_H[row] : compactNodeH(rows.lines[row]));
  // Where the room is (the full rows), a browser shows its refresh token too: on a phone, refresh-tokens'
  // "Mallory copies both of Alice's tokens" stood beside boxes that said "signed JWT" alone.
  const clientH = h('client') + (full ? (clientLines - 1) * LINE_ROW_PX : 0);
  const [lbH, serverH, backH] = [h('lb'), h('server'), h('back')];
  const serverRowGap = rows.serverRowGapPx;
  const serverBlock = serverRows * serverH + (serverRows - 1) * serverRowGap;
  const content = clientH + lbH + serverBlock + backH;
  // Three gaps between the four rows share the free height; messages need room to be seen.
  const gap = Math.max(rows.gapMinPx, Math.min(110, (size.height - 2 * margin - content) / 3));
  const height = Math.max(size.height, content + 3 * gap + 2 * margin);
  const top = margin + (height - 2 * margin - content - 3 * gap) / 2;
  const clientW = Math.min(190, inner / clients.length - CLIENT_GAP_X);
  spread(clients.length, MARGIN, width - MARGIN).forEach((x, i) => put(clients[i]!.id, clients[i]!.kind, x, top + clientH / 2, clientW, clientH));
  const lbY = top + clientH + gap + lbH / 2;
  put('lb', 'lb', width / 2, lbY, Math.min(full || rows.lines.lb > 0 ? 200 : lbCompactMaxW(), inner), lbH);
  const serversTop = lbY + lbH / 2 + gap;
  const serverW = Math.min(200, inner / perRow - gapX);
  serverIds.forEach((id, i) => {
    const row = Math.floor(i / perRow);
    const inRow = Math.min(perRow, serverIds.length - row * perRow);
    const x = spread(inRow, MARGIN, width - MARGIN)[i % perRow]!;
    put(id, 'server', x, serversTop + row * (serverH + serverRowGap) + serverH / 2, serverW, serverH);
    // Rows of servers sit 4-8 px apart: only the first row has the balancer's gap above, only the last the store's below.
    const side = gap < CHIP_CLEARANCE_PX ? undefined : row === 0 ? 'above' : row === serverRows - 1 ? 'below' : undefined;
    if (side) nodes[id]!.chipSide = side;
  });
  const backY = serversTop + serverBlock + gap + backH / 2;
  spread(back.length, MARGIN, width - MARGIN).forEach((x, i) => put(back[i]!.id, back[i]!.kind, x, backY, Math.min(240, inner / back.length - gapX), backH));
  return { width, height, nodes, edges: edgesFor(clients, serverIds, storeUnasked ? back.filter((b) => b.id !== 'store') : back, keySetAskers) };
}

function edgesFor(clients: { id: string }[], serverIds: string[], back: { id: string }[], keySetAskers?: readonly string[]): [string, string][] {
  const edges: [string, string][] = clients.map((c) => [c.id, 'lb']);
  for (const id of serverIds) {
    edges.push(['lb', id]);
    for (const b of back) if (b.id !== 'jwks' || !keySetAskers || keySetAskers.includes(id)) edges.push([id, b.id]);
  }
  return edges;
}

/** A text's width in px, erring wide (DejaVu Sans, the widest common UI font, averages ~0.6 em, bold ~0.68). */
const EM_PER_CHAR = { regular: 0.6, bold: 0.68 };
export const textWidth = (text: string, fontPx: number, bold = false): number => text.length * fontPx * (bold ? EM_PER_CHAR.bold : EM_PER_CHAR.regular);

export type MeasureText = (text: string, fontPx: number, bold: boolean) => number;

/** The first candidate that fits `maxPx`, else the last one cut short with an ellipsis. */
export function fitText(candidates: string[], maxPx: number, fontPx: number, bold = false, measure: MeasureText = textWidth): string {
  for (const c of candidates) if (measure(c, fontPx, bold) <= maxPx) return c;
  const last = candidates.at(-1) ?? '';
  for (let n = last.length - 1; n > 0; n--) {
    const cut = `${last.slice(0, n).trimEnd()}…`;
    if (measure(cut, fontPx, bold) <= maxPx) return cut;
  }
  return '…';
}

/** Where the line between two box centres leaves a box: messages start and end at the border. */
export function borderPoint(from: NodeBox, toward: { x: number; y: number }): { x: number; y: number } {
  const dx = toward.x - from.x;
  const dy = toward.y - from.y;
  if (dx === 0 && dy === 0) return { x: from.x, y: from.y };
  const sx = dx === 0 ? Infinity : from.w / 2 / Math.abs(dx);
  const sy = dy === 0 ? Infinity : from.h / 2 / Math.abs(dy);
  const s = Math.min(sx, sy);
  return { x: from.x + dx * s, y: from.y + dy * s };
}

export function edgeEnds(a: NodeBox, b: NodeBox): { start: { x: number; y: number }; end: { x: number; y: number } } {
  if (a.joinsAtSide && b.joinsAtSide) {
    const toward = b.x >= a.x ? 1 : -1;
    return { start: { x: a.x + (toward * a.w) / 2, y: a.y }, end: { x: b.x - (toward * b.w) / 2, y: b.y } };
  }
  return { start: borderPoint(a, b), end: borderPoint(b, a) };
}

/** Progress of a message along its edge at virtual time `nowMs`: 0 at send, 1 on arrival. */
export function progressAt(m: { sendTimeMs: number; recvTimeMs: number }, nowMs: number): number {
  const span = m.recvTimeMs - m.sendTimeMs;
  if (span <= 0) return 1;
  return Math.min(1, Math.max(0, (nowMs - m.sendTimeMs) / span));
}
