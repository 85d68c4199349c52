import { memo, type KeyboardEvent, type MouseEvent } from 'react';
import { CHIP_INSET, CHIP_R, CROWD_ID, fitText, FONT, LINE_ROW_PX, TITLE_ROW_PX, type NodeBox } from './layout';
import { measureText } from './measureText';
import { lineForms, lineRoom, lineWidth } from './nodeLines';
import { browserTitles, serverShortTitles, type NodeStatus } from './nodeStatus';

interface Props {
  box: NodeBox;
  status: NodeStatus;
  selected: boolean;
  /** null: nothing to inspect, so the node is not a control. */
  onSelect: (() => void) | null;
  /** Per line, the form it starts from (nodeLines.ts `siblingForms`): the words its siblings use. */
  firstForms?: readonly number[];
  /** A server's or a browser's title form (`siblingTitleForms`): the one its siblings take. */
  firstTitle?: number;
}

/**
 * One node of the cluster: a labelled box. It fades in when it appears and glides to its new place
 * when servers come and go, both by CSS (stage.css) on its `transform` style, so no animation
 * library is on the first load; none of it under reduced motion.
 */
function NodeViewImpl({ box, status, selected, onSelect, firstForms, firstTitle }: Props) {
  // A click focuses the node (SVG does not by itself), so closing the inspector can return here.
  const select = (e: MouseEvent<SVGGElement>) => {
    e.currentTarget.focus({ preventScroll: true });
    onSelect?.();
  };
  const onKey = (e: KeyboardEvent) => {
    if (onSelect && (e.key === 'Enter' || e.key === ' ')) {
      e.preventDefault();
      onSelect();
    }
  };
  // The name holds still (its title, and whether it is down): a focused store's name changed 93
  // times in 15 s at 16x, each change read aloud (a11y review). What it holds is its description.
  const label = `${status.title}${status.down ? ' (down)' : ''}`;
  // Text is drawn at its real size: shorten it to the box rather than shrink it (see layout.ts).
  const lineCount = lineRoom(box);
  // A box with no room for a line says its first beside the title where that fits: a phone's
  // balancer lost "sticky" at the moment the lesson made it sticky.
  const { title, titleX, chipY } = placeTitle(box, status, lineCount === 0 && status.lines.length ? lineForms(status, 0) : [], firstTitle);
  const lines = status.lines.slice(0, lineCount).map((_, i) => fitText(lineForms(status, i).slice(firstForms?.[i] ?? 0), lineWidth(box), FONT.line, false, measureText));
  const top = -box.h / 2;
  return (
    <g
      className={`node node-${box.kind}${status.down ? ' is-down' : ''}${selected ? ' is-selected' : ''}`}
      // A style (set through the CSSOM, which the CSP allows), not the transform attribute: only a CSS transform transitions.
      style={{ transform: `translate(${box.x}px, ${box.y}px)` }}
      {...(onSelect ? { role: 'button', tabIndex: 0, 'aria-pressed': selected, onClick: (e: MouseEvent<SVGGElement>) => select(e), onKeyDown: onKey } : { role: 'img' })}
    >
      {/* The name, from an SVG <title> rather than aria-label: the drawn text is shortened to fit the
          box, and an aria-label that does not contain the visible text fails WCAG 2.5.3 (label in name). */}
      {/* An image (nothing to inspect) is never focused: its name may say it all. */}
      <title>{onSelect ? `${label}. Inspect.` : `${label}: ${status.lines.join(', ')}`}</title>
      {onSelect && <desc>{status.lines.join(', ')}</desc>}
      <rect x={-box.w / 2} y={-box.h / 2} width={box.w} height={box.h} rx={8} />
      <text className="node-title" x={titleX} y={top + 18} textAnchor="middle">
        {title}
      </text>
      {lines.map((line, i) => (
        <text key={i} className="node-line" y={top + TITLE_ROW_PX + 12 + i * LINE_ROW_PX} textAnchor="middle">
          {line}
        </text>
      ))}
      {status.flash && (
        <g className={`hologram ${status.flash.ok ? 'ok' : 'bad'}`} transform={`translate(${box.w / 2 - CHIP_INSET}, ${chipY})`}>
          <circle r={CHIP_R} />
          <text textAnchor="middle" dy={4}>
            {status.flash.ok ? '✓' : '✗'}
          </text>
          <title>{status.flash.text}</title>
        </g>
      )}
    </g>
  );
}

/** The chip's centre above the box's top (or below its foot) in a box too narrow for the name beside it: clear of the title's letters. */
const CHIP_OFF_BOX_PX = 8;

/**
 * The title and where it and the check chip go. A server keeps room for the chip on its top-right
 * corner, so the chip never covers the name: the title is centred on the box when it fits there
 * whole, else centred in the room left of the chip (centred on a 106 px box at 360 px wide, every
 * "server-1" read "serve…"), else, in a box that holds it only across its whole width (four servers
 * in a phone's row), centred whole with the chip above the corner, or below it, where the layout
 * leaves a gap for it (`chipSide`: rows of servers sit too close); else shortened ("srv-5"). Another node's
 * first line (one its box has no room for), in the fewest words it takes (`lineForms`), goes after its
 * title where both fit: scale-out's store said "Session store: unused" nowhere, its full line too long.
 */
function placeTitle(box: NodeBox, status: NodeStatus, lineForms: readonly string[] = [], firstTitle = 0): { title: string; titleX: number; chipY: number } {
  // A title-only key set keeps its keys in fewer words: "Key set: public key: k1"; a browser says its
  // line after its name alone, as all its siblings do ("alice's browser: …" beside "bob: …" mixed two
  // forms a row keeps apart): at 844x390 "alice's browser" stood alone under "Alice logs out", and
  // token-size's badge said no bytes (learner review).
  const named = box.kind === 'jwks' ? titleForms(status) : box.kind === 'browser' || box.kind === 'attacker' ? (status.short ?? [status.title]) : [status.title];
  const withLine = box.kind === 'server' ? [] : lineForms.flatMap((line) => named.map((t) => `${t}: ${line}`));
  const titles = [...withLine, ...titleForms(status).slice(firstTitle)];
  const top = -box.h / 2;
  const chipY = top + CHIP_INSET + (box.chipDrop ?? 0);
  const chipRoom = box.kind === 'server' ? CHIP_INSET + CHIP_R + 2 : 6;
  const centred = fitText(titles, box.w - 2 * chipRoom, FONT.title, true, measureText);
  if (centred === titles[0] || box.kind !== 'server') return { title: centred, titleX: 0, chipY };
  const [left, right] = [-box.w / 2 + 6, box.w / 2 - chipRoom];
  const besideChip = fitText(titles, right - left, FONT.title, true, measureText);
  // The chip leaves the box for a fuller title than beside it ("server-5" rather than "srv-5", or "srv-5" rather than "sr…").
  const rank = (title: string) => (titles.includes(title) ? titles.indexOf(title) : titles.length);
  const whole = fitText(titles, box.w - 12, FONT.title, true, measureText);
  if (box.chipSide && rank(whole) < rank(besideChip)) return { title: whole, titleX: 0, chipY: box.chipSide === 'above' ? top - CHIP_OFF_BOX_PX : box.h / 2 + CHIP_OFF_BOX_PX };
  return { title: besideChip, titleX: (left + right) / 2, chipY };
}

const titleForms = (status: NodeStatus): string[] => [status.title, ...(status.short ?? [])];

/** The titles of a box named by its id alone (a server, a browser; not the crowd, nor an attacker, one of a kind), else null. */
function titlesById(box: NodeBox): Pick<NodeStatus, 'title' | 'short'> | null {
  if (box.kind === 'server') return { title: box.id, short: serverShortTitles(box.id) };
  return box.kind === 'browser' && box.id !== CROWD_ID ? browserTitles(box.id) : null;
}

/**
 * Per box id, the title form the servers, and the browsers, start from: the shortest any of their
 * kind needs, so a row does not read "server-9" beside "srv-10" (the chip's room differs from row to
 * row), nor "alice" beside "bob's browser" (800 px: the longer name alone did not fit). Their titles
 * are their ids', so this depends on the layout alone: worked out when it changes, not at every publish.
 */
export function siblingTitleForms(boxes: readonly NodeBox[]): Map<string, number> {
  const needed = new Map<string, number>();
  const named = boxes.flatMap((box) => {
    const titles = titlesById(box);
    return titles ? [{ box, status: { ...titles, lines: [], down: false, flash: null } }] : [];
  });
  for (const { box, status } of named) {
    const forms = titleForms(status);
    const drawn = forms.indexOf(placeTitle(box, status).title);
    needed.set(box.kind, Math.max(needed.get(box.kind) ?? 0, drawn === -1 ? forms.length - 1 : drawn));
  }
  return new Map(named.map(({ box }) => [box.id, needed.get(box.kind)!]));
}

const sameStatus = (a: NodeStatus, b: NodeStatus) =>
  a.title === b.title &&
  (a.short ?? []).join('|') === (b.short ?? []).join('|') &&
  a.down === b.down &&
  a.lines.join('|') === b.lines.join('|') &&
  (a.shortLines ?? []).join('|') === (b.shortLines ?? []).join('|') &&
  a.flash?.ok === b.flash?.ok &&
  a.flash?.text === b.flash?.text;

/** Snapshots arrive ten times a second; a node re-renders only when what it shows changed. */
export const NodeView = memo(
  NodeViewImpl,
  (a, b) => a.box === b.box && a.firstTitle === b.firstTitle && a.selected === b.selected && !a.onSelect === !b.onSelect && sameStatus(a.status, b.status) && (a.firstForms ?? []).join() === (b.firstForms ?? []).join(),
);
