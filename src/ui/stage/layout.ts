// Where each node of the cluster sits on the stage, and the point a message is at along an edge.
// Pure geometry (tested without a DOM): 'wide' lays the cluster out left to right, 'tall' top to
// bottom for phones.
import type { Mode } from '../../sim/types';

export type Orientation = 'wide' | 'tall';
export type NodeKind = 'browser' | 'attacker' | 'lb' | 'server' | 'store' | 'jwks';

export interface NodeBox {
  id: string;
  kind: NodeKind;
  x: number; // centre
  y: number;
  w: number;
  h: number;
}

export interface StageLayout {
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
function foldClients(clients: LayoutInput['clients']): { shown: LayoutInput['clients']; alias: Record<string, string> } {
  if (clients.length <= MAX_CLIENT_NODES) return { shown: clients, alias: {} };
  const attackers = clients.filter((c) => c.kind === 'attacker');
  const browsers = clients.filter((c) => c.kind !== 'attacker');
  const individual = browsers.slice(0, Math.max(1, MAX_CLIENT_NODES - 1 - attackers.length));
  const alias: Record<string, string> = {};
  for (const c of browsers.slice(individual.length)) alias[c.id] = CROWD_ID;
  return { shown: [...individual, { id: CROWD_ID, kind: 'browser' }, ...attackers], alias };
}

export interface LayoutInput {
  mode: Mode;
  clients: { id: string; kind: 'browser' | 'attacker' }[];
  serverIds: string[];
}

/** The right-hand column: the session store, or the key set plus the store (denylist, refresh). */
const backends = (mode: Mode): { id: string; kind: NodeKind }[] =>
  mode === 'session' ? [{ id: 'store', kind: 'store' }] : [{ id: 'jwks', kind: 'jwks' }, { id: 'store', kind: 'store' }];

/** Centres of `count` items spread evenly over [start, end]. */
function spread(count: number, start: number, end: number): number[] {
  const step = (end - start) / count;
  return Array.from({ length: count }, (_, i) => start + step * (i + 0.5));
}

export function layoutStage(input: LayoutInput, orientation: Orientation): StageLayout {
  const { shown, alias } = foldClients(input.clients);
  const folded = { ...input, clients: shown };
  return { ...(orientation === 'wide' ? wide(folded) : tall(folded)), alias };
}

function wide({ mode, clients, serverIds }: LayoutInput): Omit<StageLayout, 'alias'> {
  const rows = Math.max(clients.length, serverIds.length, 2);
  const height = Math.max(300, rows * 92 + 40);
  const nodes: Record<string, NodeBox> = {};
  const put = (id: string, kind: NodeKind, x: number, y: number, w: number, h: number) => (nodes[id] = { id, kind, x, y, w, h });
  spread(clients.length, 20, height - 20).forEach((y, i) => put(clients[i]!.id, clients[i]!.kind, 95, y, 170, 70));
  put('lb', 'lb', 335, height / 2, 140, 64);
  const serverH = Math.min(78, (height - 40) / serverIds.length - 12);
  spread(serverIds.length, 20, height - 20).forEach((y, i) => put(serverIds[i]!, 'server', 580, y, 190, serverH));
  const back = backends(mode);
  spread(back.length, 20, height - 20).forEach((y, i) => put(back[i]!.id, back[i]!.kind, 880, y, 200, 92));
  return { width: 1000, height, nodes, edges: edgesFor(mode, clients, serverIds) };
}

function tall({ mode, clients, serverIds }: LayoutInput): Omit<StageLayout, 'alias'> {
  const width = 400;
  const nodes: Record<string, NodeBox> = {};
  const put = (id: string, kind: NodeKind, x: number, y: number, w: number, h: number) => (nodes[id] = { id, kind, x, y, w, h });
  const clientW = Math.min(170, 380 / clients.length - 10);
  spread(clients.length, 10, width - 10).forEach((x, i) => put(clients[i]!.id, clients[i]!.kind, x, 45, clientW, 70));
  put('lb', 'lb', width / 2, 150, 150, 50);
  const perRow = Math.min(serverIds.length, 4);
  const serverRows = Math.ceil(serverIds.length / perRow);
  const serverW = Math.min(180, 380 / perRow - 8);
  serverIds.forEach((id, i) => {
    const row = Math.floor(i / perRow);
    const inRow = Math.min(perRow, serverIds.length - row * perRow);
    const x = spread(inRow, 10, width - 10)[i % perRow]!;
    put(id, 'server', x, 250 + row * 92, serverW, 78);
  });
  const backY = 250 + serverRows * 92 + 40;
  const back = backends(mode);
  spread(back.length, 10, width - 10).forEach((x, i) => put(back[i]!.id, back[i]!.kind, x, backY, Math.min(185, 380 / back.length - 10), 92));
  return { width, height: backY + 60, nodes, edges: edgesFor(mode, clients, serverIds) };
}

function edgesFor(mode: Mode, clients: { id: string }[], serverIds: string[]): [string, string][] {
  const edges: [string, string][] = clients.map((c) => [c.id, 'lb']);
  for (const id of serverIds) {
    edges.push(['lb', id]);
    for (const back of backends(mode)) edges.push([id, back.id]);
  }
  return edges;
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
  return { start: borderPoint(a, b), end: borderPoint(b, a) };
}

/** Progress of a message along its edge at virtual time `nowMs`: 0 at send, 1 on arrival. */
export function progressAt(m: { sendTimeMs: number; recvTimeMs: number }, nowMs: number): number {
  const span = m.recvTimeMs - m.sendTimeMs;
  if (span <= 0) return 1;
  return Math.min(1, Math.max(0, (nowMs - m.sendTimeMs) / span));
}
