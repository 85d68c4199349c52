import { useCallback, useLayoutEffect, useMemo, useRef } from 'react';
import type { Message, Mode } from '../../sim/types';
import type { WorldSnapshot } from '../../store/snapshot';
import { selectReducedMotion, selectSelection, worldOf } from '../../store/selectors';
import type { Selection } from '../../store/createAppStore';
import { useApp, useAppStore } from '../storeContext';
import { useElementSize } from '../useElementSize';
import { CROWD_ID, edgeEnds, layoutStage, progressAt, type StageLayout, type StageSize } from './layout';
import { MessageDot, translate, type DotElements } from './MessageDot';
import { nodeStatus } from './nodeStatus';
import { NodeView } from './NodeView';
import './stage.css';
import { SCHEME_WORDS } from '../../sim/schemes/names';

const MAX_DOTS = 80;
/** Status labels ride along the middle of an edge only, so they never cover a node's name. */
const LABEL_FROM = 0.18;
const LABEL_TO = 0.82;
/** Where nothing can measure the canvas (tests without ResizeObserver). */
const FALLBACK_SIZE: StageSize = { width: 600, height: 420 };
const selectSelect = (s: { select: (sel: Selection | null) => void }) => s.select;
/** inspect=0: a teacher's page where the stage is only watched. */
const selectInspectable = (s: { presentation: { inspect: boolean } }) => s.presentation.inspect;

/** Where a message is drawn at `nowMs`; hidden before it leaves (a server still working on it). */
function placeMessage(layout: StageLayout, msg: Message, nowMs: number): { x: number; y: number; visible: boolean; labelled: boolean } {
  const a = layout.nodes[layout.alias[msg.from] ?? msg.from];
  const b = layout.nodes[layout.alias[msg.to] ?? msg.to];
  if (!a || !b) return { x: 0, y: 0, visible: false, labelled: false };
  const { start, end } = edgeEnds(a, b);
  const p = progressAt(msg, nowMs);
  const visible = nowMs >= msg.sendTimeMs;
  return { x: start.x + (end.x - start.x) * p, y: start.y + (end.y - start.y) * p, visible, labelled: visible && p >= LABEL_FROM && p <= LABEL_TO };
}

function isSelected(sel: Selection | null, mode: Mode, id: string): boolean {
  if (!sel || sel.mode !== mode) return false;
  if (sel.kind === 'server') return sel.serverId === id;
  if (sel.kind === 'client') return sel.clientId === id;
  return sel.kind === id || (sel.kind === 'keys' && id === 'jwks');
}

/** What clicking a node inspects; the load balancer has nothing to inspect beyond its policy. */
function selectionFor(world: WorldSnapshot, id: string): Selection | null {
  const mode = world.mode;
  if (id === 'lb') return null;
  if (id === 'store') return { kind: 'store', mode };
  if (id === 'jwks') return { kind: 'keys', mode };
  if (id === CROWD_ID) return { kind: 'client', mode, clientId: world.clients.find((c) => c.kind === 'browser')?.id ?? '' };
  if (world.clients.some((c) => c.id === id)) return { kind: 'client', mode, clientId: id };
  return { kind: 'server', mode, serverId: id };
}

/** The cluster diagram of one world: nodes, edges and the messages travelling between them. */
export function Stage({ mode, compact = false }: { mode: Mode; compact?: boolean }) {
  const world = useApp(worldOf(mode));
  const selection = useApp(selectSelection);
  const select = useApp(selectSelect);
  const inspectable = useApp(selectInspectable);
  const reducedMotion = useApp(selectReducedMotion);
  const store = useAppStore();
  const canvas = useRef<HTMLDivElement>(null);
  // Until the canvas is measured nothing is drawn (so nodes do not glide in from a guessed size).
  const measured = useElementSize(canvas);
  const size = typeof ResizeObserver === 'undefined' ? FALLBACK_SIZE : measured;

  const clientsKey = world?.clients.map((c) => `${c.id}:${c.kind}`).join(',') ?? '';
  const serversKey = world?.servers.map((s) => s.id).join(',') ?? '';
  const storeUsed = !!world && (world.options.denylist || world.options.refreshTokens);
  const layout = useMemo(() => {
    const clients = clientsKey ? clientsKey.split(',').map((c) => ({ id: c.split(':')[0]!, kind: c.split(':')[1] as 'browser' | 'attacker' })) : [];
    return layoutStage({ mode, clients, serverIds: serversKey ? serversKey.split(',') : [], storeUsed }, size ?? FALLBACK_SIZE);
  }, [mode, clientsKey, serversKey, storeUsed, size]);

  // Dot positions are written straight into the dots' attributes on every animation frame: no re-render.
  const dots = useRef(new Map<number, DotElements>());
  const live = useRef({ layout, messages: world?.messages ?? [] });
  const place = useCallback((nowMs: number) => {
    const { layout: lay, messages } = live.current;
    for (const msg of messages) {
      const dot = dots.current.get(msg.id);
      if (!dot) continue;
      const at = placeMessage(lay, msg, nowMs);
      dot.g.setAttribute('transform', translate(at.x, at.y));
      dot.g.setAttribute('opacity', at.visible ? '1' : '0');
      dot.label?.setAttribute('opacity', at.labelled ? '1' : '0');
    }
  }, []);
  const register = useCallback((id: number, elements: DotElements | null) => {
    if (elements) dots.current.set(id, elements);
    else dots.current.delete(id);
  }, []);
  useLayoutEffect(() => store.player.onFrame(place), [store, place]);
  useLayoutEffect(() => {
    live.current = { layout, messages: world?.messages ?? [] };
    place(store.player.timeMs);
  });

  const onSelectRequest = useCallback((requestId: number) => select({ kind: 'request', mode, requestId }), [select, mode]);
  if (!world) return null;
  // Level of detail: past MAX_DOTS nobody follows single dots, and the page must stay smooth.
  const drawn = world.messages.length > MAX_DOTS ? world.messages.slice(-MAX_DOTS) : world.messages;
  const hiddenDots = world.messages.length - drawn.length;

  const title = SCHEME_WORDS[mode].title;
  return (
    <figure className={`stage stage-${mode}${compact ? ' is-compact' : ''}${reducedMotion ? ' is-still' : ''}`} aria-labelledby={`stage-title-${mode}`}>
      <figcaption id={`stage-title-${mode}`}>{title}</figcaption>
      <div className="stage-canvas" ref={canvas}>
      {size && (
      <svg viewBox={`0 0 ${layout.width} ${layout.height}`} width={layout.width} height={layout.height} className={`stage-svg stage-${layout.orientation}`} role="group" aria-label={`${title}: cluster diagram`}>
        <g className="edges" aria-hidden="true">
          {layout.edges.map(([from, to]) => {
            const a = layout.nodes[from];
            const b = layout.nodes[to];
            if (!a || !b) return null;
            const { start, end } = edgeEnds(a, b);
            return <line key={`${from}-${to}`} x1={start.x} y1={start.y} x2={end.x} y2={end.y} className={to === 'store' ? 'edge-store' : to === 'jwks' ? 'edge-keys' : undefined} />;
          })}
        </g>
        {/* A node that leaves goes at once (no exit animation, so nothing lingers in the accessibility tree). */}
        {Object.values(layout.nodes).map((box) => (
          <NodeView key={box.id} box={box} status={nodeStatus(world, box.id)} selected={isSelected(selection, mode, box.id)} onSelect={inspectable && selectionFor(world, box.id) ? () => select(selectionFor(world, box.id)) : null} />
        ))}
        {!reducedMotion && (
          <g className="dots">
            {drawn.map((msg) => (
              <MessageDot key={msg.id} message={msg} initial={placeMessage(layout, msg, store.player.timeMs)} register={register} onSelect={inspectable ? onSelectRequest : null} />
            ))}
            {hiddenDots > 0 && (
              <text className="dots-more" x={layout.width - 8} y={layout.height - 8} textAnchor="end">
                +{hiddenDots} more messages in flight
              </text>
            )}
          </g>
        )}
      </svg>
      )}
      </div>
      {reducedMotion && <InFlightList messages={world.messages} onSelect={inspectable ? onSelectRequest : null} />}
    </figure>
  );
}

/** Reduced motion: the same information as the dots, as a list of what is on the wire now. */
function InFlightList({ messages, onSelect }: { messages: Message[]; onSelect: ((id: number) => void) | null }) {
  if (messages.length === 0) return <p className="inflight-empty">Nothing on the wire.</p>;
  return (
    <ul className="inflight" aria-label="Messages on the wire">
      {messages.map((m) => (
        <li key={m.id}>
          {onSelect ? (
            <button type="button" onClick={() => onSelect(m.requestId)}>
              {m.from} → {m.to}: {m.label}
            </button>
          ) : (
            `${m.from} → ${m.to}: ${m.label}`
          )}
        </li>
      ))}
    </ul>
  );
}
