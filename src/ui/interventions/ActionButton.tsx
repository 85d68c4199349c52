import { useId, useRef, type ReactNode } from 'react';
import type { Action } from '../../sim/types';
import { keepFocusIn } from '../focus';
import { useIntervene } from './model';
import { Reason } from './Reason';

interface Props {
  action: Action;
  /** The accessible name, naming the target: "Ban alice", "Kill server-2". */
  label: string;
  /** When set, the button is disabled (aria-disabled: it keeps focus and says why) and this short text says why. */
  reason?: string | null;
  tone?: 'danger' | 'attack';
  children: ReactNode;
}

/** One button, one action: dispatches it to every loaded world. */
export function ActionButton({ action, label, reason = null, tone, children }: Props) {
  const intervene = useIntervene();
  const reasonId = useId();
  const button = useRef<HTMLButtonElement>(null);
  const off = reason !== null;
  const onClick = () => {
    if (off) return;
    // Ban disables its button (aria-disabled keeps focus there); Remove takes its whole row away:
    // then focus goes to the first control left in the fieldset, never to <body>.
    const group = button.current?.closest('fieldset') ?? null;
    void intervene(action).then(() => requestAnimationFrame(() => keepFocusIn(group, 'interventions')));
  };
  return (
    <>
      <button
        ref={button}
        type="button"
        className={tone ? `iv-btn iv-${tone}` : 'iv-btn'}
        aria-label={label}
        aria-disabled={off || undefined}
        aria-describedby={off ? reasonId : undefined}
        onClick={onClick}
      >
        {children}
      </button>
      {reason !== null && <Reason id={reasonId}>{reason}</Reason>}
    </>
  );
}
