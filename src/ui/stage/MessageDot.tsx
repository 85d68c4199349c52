import { m, useMotionValue, type MotionValue } from 'framer-motion';
import { useLayoutEffect } from 'react';
import type { Message } from '../../sim/types';

export interface DotValues {
  x: MotionValue<number>;
  y: MotionValue<number>;
  opacity: MotionValue<number>;
  /** The status label shows mid-edge only (see Stage), never over a node's name. */
  labelOpacity: MotionValue<number>;
}

interface Props {
  message: Message;
  initial: { x: number; y: number; visible: boolean; labelled: boolean };
  register: (id: number, values: DotValues | null) => void;
  onSelect: ((requestId: number) => void) | null;
}

/** The shape says what travels: a wristband (session cookie), a badge (JWT), a store query… */
function Shape({ message }: { message: Message }) {
  if (message.kind === 'response') return <circle r={8} className={message.ok ? 'dot-ok' : 'dot-bad'} />;
  if (message.kind === 'store-query' || message.kind === 'store-reply') return <rect x={-6} y={-6} width={12} height={12} transform="rotate(45)" className="dot-store" />;
  if (message.kind === 'jwks-fetch' || message.kind === 'jwks-reply') return <rect x={-6} y={-6} width={12} height={12} className="dot-keys" />;
  if (message.credential === 'session')
    return (
      <g className="dot-wristband">
        <rect x={-17} y={-7} width={34} height={14} rx={7} />
        {[-9, -5, -2, 2, 5, 9].map((x) => (
          <line key={x} x1={x} x2={x} y1={-4} y2={4} />
        ))}
      </g>
    );
  if (message.credential === 'jwt')
    return (
      <g className="dot-badge">
        <rect x={-15} y={-10} width={30} height={20} rx={3} />
        <circle cx={7} cy={0} r={5} className="hologram-mark" />
      </g>
    );
  return <circle r={6} className="dot-plain" />;
}

/** A travelling message. Its position is written to MotionValues by the stage's frame loop. */
export function MessageDot({ message, initial, register, onSelect }: Props) {
  const x = useMotionValue(initial.x);
  const y = useMotionValue(initial.y);
  const opacity = useMotionValue(initial.visible ? 1 : 0);
  const labelOpacity = useMotionValue(initial.labelled ? 1 : 0);
  useLayoutEffect(() => {
    register(message.id, { x, y, opacity, labelOpacity });
    return () => register(message.id, null);
  }, [message.id, register, x, y, opacity, labelOpacity]);
  const showLabel = message.kind === 'response' ? !message.ok : message.kind === 'request';
  return (
    <m.g className={`dot${onSelect ? ' is-inspectable' : ''}`} style={{ x, y, opacity }} onClick={onSelect ? () => onSelect(message.requestId) : undefined}>
      <Shape message={message} />
      {showLabel && (
        <m.text className={`dot-label${message.ok === false ? ' bad' : ''}`} y={-14} textAnchor="middle" style={{ opacity: labelOpacity }}>
          {message.label}
        </m.text>
      )}
    </m.g>
  );
}
