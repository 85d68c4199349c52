import { useCallback, useLayoutEffect, useMemo, useRef, type FocusEvent } from 'react';
import { formatNumber } from '../../format';
import { duration } from '../../formatSpans';
import { LATEST_API_REQUESTS, latestLatencyMs } from '../../sim/recentLatency';
import type { Message, Mode } from '../../sim/types';
import type { WorldSnapshot } from '../../store/snapshot';
import { holdsBackInferences, selectReducedMotion, selectSelection, worldOf } from '../../store/selectors';
import type { Selection } from '../../store/createAppStore';
import { useApp, useAppStore } from '../storeContext';
import { useElementSize } from '../useElementSize';
import { DotLayer, undrawnCount } from './dotLayer';
import { CROWD_ID, edgeEnds, layoutStage, type NodeBox, type StageSize } from './layout';
import { nodeStatus } from './nodeStatus';
import { NodeView, siblingTitleForms } from './NodeView';
import { siblingForms } from './nodeLines';
import { readTextSpacing } from './measureText';
import './stage.css';
import { MODES, SCHEME_WORDS } from '../../sim/schemes/names';
import { focusLost } from '../focus';

/** Where nothing can measure the canvas (tests without ResizeObserver). */
const FALLBACK_SIZE: StageSize = { width: 600, height: 420 };
const selectSelect = (s: { select: (sel: Selection | null) => void }) => s.select;
/** inspect=0: a teacher's page where the stage is only watched. */
const selectInspectable = (s: { presentation: { inspect: boolean } }) => s.presentation.inspect;

function isSelected(sel: Selection | null, mode: Mode, id: string): boolean {
  if (!sel || sel.mode !== mode) return false;
  if (sel.kind === 'server') return sel.serverId === id;
  if (sel.kind === 'client') return sel.clientId === id;
  return sel.kind === id || (sel.kind === 'keys' && id === 'jwks');
}

/**
 * What clicking a node inspects; the load balancer has nothing to inspect beyond its policy. A
 * client's box is one of the world's clients (the layout is made from them), so its kind says so:
 * looking its id up in the clients, twice per node per publish, was half the stage's render.
 */
function selectionFor(world: WorldSnapshot, box: NodeBox): Selection | null {
  const { id } = box;
  const mode = world.mode;
  if (id === 'lb') return null;
  if (id === 'store') return { kind: 'store', mode };
  if (id === 'jwks') return { kind: 'keys', mode };
  if (id === CROWD_ID) return { kind: 'client', mode, clientId: world.clients.find((c) => c.kind === 'browser')?.id ?? '' };
  if (box.kind === 'browser' || box.kind === 'attacker') return { kind: 'client', mode, clientId: id };
  return { kind: 'server', mode, serverId: id };
}

/** The cluster diagram of one world: nodes, edges and the messages travelling between them. */
export function Stage({ mode, compact = false }: { mode: Mode; compact?: boolean }) {
  const world = useApp(worldOf(mode));
  // A lesson of one world says so where the other would stand: refresh-tokens opened with one
  // stage, the Mode menu's other choices greyed out, and no word of why until the table far below.
  // Its words are the table's (compareRows.ts notInLesson), not imported: that brought the table's
  // module, 2.8 KB, into what loads before Play.
  const missing = useApp((s) => (s.scenario?.modes.length === 1 ? MODES.find((m) => m !== mode) : undefined));
  const selection = useApp(selectSelection);
  const select = useApp(selectSelect);
  const inspectable = useApp(selectInspectable);
  const holdsBack = useApp(holdsBackInferences);
  const showsLatency = useApp((s) => !!s.scenario?.showsLatency);
  const reducedMotion = useApp(selectReducedMotion);
  const store = useAppStore();
  const canvas = useRef<HTMLDivElement>(null);
  // Until the canvas is measured nothing is drawn (so nodes do not glide in from a guessed size).
  const measured = useElementSize(canvas);
  const size = typeof ResizeObserver === 'undefined' ? FALLBACK_SIZE : measured;
  // A new size (the drawer opening beside the stage, a phone turned) puts the nodes in their new
  // places at once; only a change of the cluster glides them. Glided, server-4 stood off the
  // narrowed stage and the store was cut for up to 0.4 s after the drawer opened.
  // The class goes on with the new places, before the browser paints them, and off a frame later.
  const figure = useRef<HTMLElement>(null);
  useLayoutEffect(() => {
    const el = figure.current;
    if (!el) return;
    el.classList.add('is-resized');
    // Styles computed now, with the new places and no transition: else the frame's own recalculation
    // could come after the class is off again, and the nodes glide after all.
    el.getBoundingClientRect();
    const frame = requestAnimationFrame(() => el.classList.remove('is-resized'));
    return () => {
      cancelAnimationFrame(frame);
      el.classList.remove('is-resized');
    };
  }, [size]);

  const clientsKey = world?.clients.map((c) => `${c.id}:${c.kind}`).join(',') ?? '';
  const serversKey = world?.servers.map((s) => s.id).join(',') ?? '';
  // The JWT world draws the shared store while something uses it, and from its first outage on: in
  // store-outage the point is that the JWT servers never ask it, which a store not drawn cannot show
  // (drawn only while down, it vanished as the caption said "The store is back."). Unused, no line
  // joins it to the servers: drawn like the session store's, they said the servers ask it.
  const storeUsed = !!world && (world.options.denylist || world.options.refreshTokens);
  const storeShown = storeUsed || (!!world && world.report.failures.storeOutages > 0);
  // Sessions kept in each server's memory (scale-out, until its switch) leave the store unasked too.
  const storeUnasked = (mode === 'jwt' && !storeUsed) || (mode === 'session' && world?.options.sessionStorage === 'local');
  // An HS256 secret is given to every server, never published: while the key set holds no public key
  // (microservices until its switch) only a server that fetched it anyway (a token naming another
  // key) is joined to it; a line from each said the servers fetch the secret there (learner review).
  const askersKey = mode === 'jwt' && world?.options.alg === 'HS256' && world.keys.keys.every((k) => k.alg === 'HS256') ? world.servers.filter((sv) => sv.jwksCache.fetchedAtMs !== null).map((sv) => sv.id).join(',') : null;
  // A JWT world's browser can hold a refresh token beside its access token: its box keeps room for both lines.
  const clientLines = mode === 'jwt' && world?.options.refreshTokens ? 2 : 1;
  const layout = useMemo(() => {
    // Before the labels are fitted to their boxes (NodeView): a reader's text spacing widens them, and
    // changes the stage's size, so it is read with each new size, not at every publish.
    readTextSpacing();
    const clients = clientsKey ? clientsKey.split(',').map((c) => ({ id: c.split(':')[0]!, kind: c.split(':')[1] as 'browser' | 'attacker' })) : [];
    const keySetAskers = askersKey === null ? undefined : askersKey ? askersKey.split(',') : [];
    return layoutStage({ mode, clients, serverIds: serversKey ? serversKey.split(',') : [], storeShown, storeUnasked, keySetAskers, clientLines }, size ?? FALLBACK_SIZE);
  }, [mode, clientsKey, serversKey, storeShown, storeUnasked, askersKey, clientLines, size]);
  const folded = useMemo(() => Object.keys(layout.alias), [layout]);
  const firstTitles = useMemo(() => siblingTitleForms(Object.values(layout.nodes)), [layout]);

  // The dots live outside React (dotLayer.ts): a publish hands the layer the messages, which adds
  // and drops only the dots that came and went; the frame loop draws them on one canvas. No dot is
  // a component, and no element changes for a dot.
  const dotsEl = useRef<HTMLCanvasElement>(null);
  const bandsEl = useRef<SVGGElement>(null);
  const layer = useRef<DotLayer | null>(null);
  const drawing = !!world && !!size && !reducedMotion;
  useLayoutEffect(() => {
    if (!drawing || !dotsEl.current) return;
    const dots = new DotLayer(dotsEl.current, bandsEl.current, canvas.current);
    layer.current = dots;
    const off = store.player.onFrame((nowMs) => dots.place(nowMs));
    return () => {
      off();
      dots.dispose();
      layer.current = null;
    };
  }, [drawing, store]);
  const onSelectRequest = useCallback((requestId: number) => select({ kind: 'request', mode, requestId }), [select, mode]);
  const messages = world?.messages;
  useLayoutEffect(() => {
    if (messages) layer.current?.update(messages, layout, store.player.timeMs, inspectable ? onSelectRequest : null);
  }, [drawing, messages, layout, inspectable, onSelectRequest, store]);

  if (!world) return null;
  // Level of detail: past MAX_DRAWN dots the rest are bands along their edges, counted here.
  const undrawn = reducedMotion ? 0 : undrawnCount(world.messages);
  // What the load lesson asks to watch: the figure its verdict quotes (recentLatency.ts).
  const latency = showsLatency ? latestLatencyMs(world.served) : null;

  const title = SCHEME_WORDS[mode].title;
  const nodes = Object.values(layout.nodes).map((box) => ({ box, status: nodeStatus(world, box.id, folded, holdsBack) }));
  // Sibling boxes say a line in the same words (the servers' "N in memory").
  const forms = siblingForms(nodes);
  return (
    <figure className={`stage stage-${mode}${compact ? ' is-compact' : ''}${reducedMotion ? ' is-still' : ''}`} ref={figure} aria-labelledby={`stage-title-${mode}`}>
      <figcaption>
        <span id={`stage-title-${mode}`}>{title}</span>
        {/* Not "nothing like this happens there": signed session cookies rotate secrets too, and a session's expiry meets skewed clocks (learner review). */}
        {missing && <span className="stage-solo">this lesson shows only the {SCHEME_WORDS[mode].world}</span>}
        {/* From the first frame, before a request is served: appearing then, it pushed the diagram 19 px down (e2e). */}
        {showsLatency && (
          <span className="stage-latency" title={`The median latency of the latest ${LATEST_API_REQUESTS} requests`}>
            {/* "now", as the takeaway's "a median of 332 ms, p99 921 ms" is the whole run's: a bare "latency: 922 ms" beside it read as more than the p99 (learner review). Short: at 1280x800 the folded card stands at its end. */}
            latency now: {latency === null ? 'none served yet' : duration(latency)}
          </span>
        )}
        {undrawn > 0 && <span className="stage-crowd">+{formatNumber(undrawn)} more in flight</span>}
      </figcaption>
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
        {/* Messages past the drawn dots, as bands along their edges (dotLayer.ts); under the nodes, so never over a name. */}
        <g className="crowd-bands" ref={bandsEl} aria-hidden="true" />
        {/* A node that leaves goes at once (no exit animation, so nothing lingers in the accessibility tree). */}
        {nodes.map(({ box, status }) => {
          const target = inspectable ? selectionFor(world, box) : null;
          return <NodeView key={box.id} box={box} status={status} firstForms={forms.get(box.id)} firstTitle={firstTitles.get(box.id) ?? 0} selected={isSelected(selection, mode, box.id)} onSelect={target ? () => select(target) : null} />;
        })}
      </svg>
      )}
      {/* The dots: one canvas over the diagram, sized and drawn by the DotLayer, never by React.
          Hidden from assistive tech: the event log and the inspector say the same with a keyboard. */}
      {size && !reducedMotion && <canvas className="stage-dots" ref={dotsEl} aria-hidden="true" />}
      </div>
      {reducedMotion && <InFlightList messages={world.messages} label={`Messages on the wire in the ${SCHEME_WORDS[mode].world}`} onSelect={inspectable ? onSelectRequest : null} />}
    </figure>
  );
}

/**
 * Reduced motion: the same information as the dots, as a list of what is on the wire now, in a box of
 * its own height, so the diagram above keeps its size (it grew and shrank with the list's rows, ~10
 * times a second in the load lesson: a11y review).
 */
function InFlightList({ messages, label, onSelect }: { messages: Message[]; label: string; onSelect: ((id: number) => void) | null }) {
  // A message arrives within ~200 ms of play: its focused button went with it, and focus fell to
  // <body> (a11y review). It goes to the box, once, and stays: sent on to the next message, it moved
  // ~9 times a second in the load lesson, each a new name read out (a11y review).
  const box = useRef<HTMLDivElement>(null);
  const inside = useRef(false);
  useLayoutEffect(() => {
    if (inside.current && focusLost()) box.current?.focus();
  });
  const track = {
    onFocus: () => {
      inside.current = true;
    },
    onBlur: (e: FocusEvent) => {
      if (!box.current?.contains(e.relatedTarget)) inside.current = false;
    },
  };
  return (
    // A stop for the keyboard where its lines are not buttons (inspect=0): it scrolls, and else nothing reaches what it hides.
    <div ref={box} tabIndex={onSelect ? -1 : 0} className="inflight-box" role="group" aria-label={label} {...track}>
      {messages.length === 0 ? <p className="inflight-empty">Nothing on the wire.</p> : <MessageList messages={messages} onSelect={onSelect} />}
    </div>
  );
}

function MessageList({ messages, onSelect }: { messages: Message[]; onSelect: ((id: number) => void) | null }) {
  return (
    <ul className="inflight">
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
