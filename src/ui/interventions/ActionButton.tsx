import { useId, type ReactNode } from 'react';
import type { Action } from '../../sim/types';
import { useIntervene } from './model';
import { Reason } from './Reason';

interface Props {
  action: Action;
  /** The accessible name, naming the target: "Ban alice", "Kill server-2". */
  label: string;
  /** When set, the button is disabled and this short text says why. */
  reason?: string | null;
  tone?: 'danger' | 'attack';
  children: ReactNode;
}

/** One button, one action: dispatches it to every loaded world. */
export function ActionButton({ action, label, reason = null, tone, children }: Props) {
  const intervene = useIntervene();
  const reasonId = useId();
  return (
    <>
      <button
        type="button"
        className={tone ? `iv-btn iv-${tone}` : 'iv-btn'}
        aria-label={label}
        disabled={reason !== null}
        aria-describedby={reason !== null ? reasonId : undefined}
        onClick={() => intervene(action)}
      >
        {children}
      </button>
      {reason !== null && <Reason id={reasonId}>{reason}</Reason>}
    </>
  );
}
