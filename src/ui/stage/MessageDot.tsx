import { memo, useLayoutEffect, useRef, type ReactElement } from 'react';
import type { Mode } from '../../sim/schemes/names';
import type { Message } from '../../sim/types';

/** What the stage's frame loop writes to: the dot, and its label (shown mid-edge only, never over a node's name). */
export interface DotElements {
  g: SVGGElement;
  label: SVGTextElement | null;
}

export const translate = (x: number, y: number): string => `translate(${Math.round(x * 10) / 10} ${Math.round(y * 10) / 10})`;

interface Props {
  message: Message;
  initial: { x: number; y: number; visible: boolean; labelled: boolean };
  register: (id: number, elements: DotElements | null) => void;
  onSelect: ((requestId: number) => void) | null;
}

/** What each model's credential looks like on the wire: a wristband (session cookie), a badge (JWT). */
const CREDENTIAL_SHAPE: Record<Mode, ReactElement> = {
  session: (
    <g className="dot-wristband">
      <rect x={-17} y={-7} width={34} height={14} rx={7} />
      {[-9, -5, -2, 2, 5, 9].map((x) => (
        <line key={x} x1={x} x2={x} y1={-4} y2={4} />
      ))}
    </g>
  ),
  jwt: (
    <g className="dot-badge">
      <rect x={-15} y={-10} width={30} height={20} rx={3} />
      <circle cx={7} cy={0} r={5} className="hologram-mark" />
    </g>
  ),
};

/** The shape says what travels: a wristband (session cookie), a badge (JWT), a store query… */
function Shape({ message }: { message: Message }) {
  if (message.kind === 'response') return <circle r={8} className={message.ok ? 'dot-ok' : 'dot-bad'} />;
  if (message.kind === 'store-query' || message.kind === 'store-reply') return <rect x={-6} y={-6} width={12} height={12} transform="rotate(45)" className="dot-store" />;
  if (message.kind === 'jwks-fetch' || message.kind === 'jwks-reply') return <rect x={-6} y={-6} width={12} height={12} className="dot-keys" />;
  if (message.credential !== 'none' && message.credential !== 'refresh') return CREDENTIAL_SHAPE[message.credential];
  return <circle r={6} className="dot-plain" />;
}

/** A travelling message. The stage's frame loop moves it by writing its attributes: no re-render. */
export const MessageDot = memo(function MessageDot({ message, initial, register, onSelect }: Props) {
  const g = useRef<SVGGElement>(null);
  const label = useRef<SVGTextElement>(null);
  useLayoutEffect(() => {
    register(message.id, { g: g.current!, label: label.current });
    return () => register(message.id, null);
  }, [message.id, register]);
  const showLabel = message.kind === 'response' ? !message.ok : message.kind === 'request';
  return (
    <g ref={g} className={`dot${onSelect ? ' is-inspectable' : ''}`} transform={translate(initial.x, initial.y)} opacity={initial.visible ? 1 : 0} onClick={onSelect ? () => onSelect(message.requestId) : undefined}>
      <Shape message={message} />
      {showLabel && (
        <text ref={label} className={`dot-label${message.ok === false ? ' bad' : ''}`} y={-14} textAnchor="middle" opacity={initial.labelled ? 1 : 0}>
          {message.label}
        </text>
      )}
    </g>
  );
},
// A message never changes once sent; where it is drawn is the frame loop's business after the first render.
// Ids restart with a reloaded world, so what is drawn is compared too.
(a, b) =>
  a.message.id === b.message.id && a.message.kind === b.message.kind && a.message.label === b.message.label && a.message.ok === b.message.ok && a.message.requestId === b.message.requestId && a.register === b.register && a.onSelect === b.onSelect);
