import { m } from 'framer-motion';
import { memo, type KeyboardEvent } from 'react';
import type { NodeBox } from './layout';
import type { NodeStatus } from './nodeStatus';

interface Props {
  box: NodeBox;
  status: NodeStatus;
  selected: boolean;
  /** null: nothing to inspect, so the node is not a control. */
  onSelect: (() => void) | null;
}

/** One node of the cluster: a labelled box that glides to its place when servers come and go. */
function NodeViewImpl({ box, status, selected, onSelect }: Props) {
  const onKey = (e: KeyboardEvent) => {
    if (onSelect && (e.key === 'Enter' || e.key === ' ')) {
      e.preventDefault();
      onSelect();
    }
  };
  const label = `${status.title}: ${status.lines.join(', ')}${status.down ? ' (down)' : ''}. Inspect.`;
  return (
    <m.g
      className={`node node-${box.kind}${status.down ? ' is-down' : ''}${selected ? ' is-selected' : ''}`}
      initial={{ opacity: 0, x: box.x, y: box.y }}
      animate={{ opacity: 1, x: box.x, y: box.y }}
      exit={{ opacity: 0 }}
      transition={{ type: 'spring', stiffness: 260, damping: 30 }}
      {...(onSelect ? { role: 'button', tabIndex: 0, 'aria-pressed': selected, onClick: onSelect, onKeyDown: onKey } : { role: 'img' })}
      aria-label={onSelect ? label : label.replace(' Inspect.', '')}
    >
      <rect x={-box.w / 2} y={-box.h / 2} width={box.w} height={box.h} rx={8} />
      <text className="node-title" y={-box.h / 2 + 20} textAnchor="middle">
        {status.title}
      </text>
      {status.lines.slice(0, 2).map((line, i) => (
        <text key={i} className="node-line" y={-box.h / 2 + 40 + i * 17} textAnchor="middle">
          {line}
        </text>
      ))}
      {status.flash && (
        <g className={`hologram ${status.flash.ok ? 'ok' : 'bad'}`} transform={`translate(${box.w / 2 - 14}, ${-box.h / 2 + 14})`}>
          <circle r={11} />
          <text textAnchor="middle" dy={4}>
            {status.flash.ok ? '✓' : '✗'}
          </text>
          <title>{status.flash.text}</title>
        </g>
      )}
    </m.g>
  );
}

const sameStatus = (a: NodeStatus, b: NodeStatus) =>
  a.title === b.title && a.down === b.down && a.lines.join('|') === b.lines.join('|') && a.flash?.ok === b.flash?.ok && a.flash?.text === b.flash?.text;

/** Snapshots arrive ten times a second; a node re-renders only when what it shows changed. */
export const NodeView = memo(NodeViewImpl, (a, b) => a.box === b.box && a.selected === b.selected && !a.onSelect === !b.onSelect && sameStatus(a.status, b.status));
