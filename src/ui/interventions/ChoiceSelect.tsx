import { useId } from 'react';
import type { Choice } from './choices';
import { useSettledSelect } from '../controls/useSettledSelect';

interface Props<T extends string | number> {
  /** Visible label. */
  label: string;
  /** Accessible name when the visible label alone does not name the target ("Clock skew of server-2"). */
  ariaLabel?: string;
  value: T;
  choices: Choice<T>[];
  onPick: (value: T) => void;
  disabled?: boolean;
  /** Id of the text that says why the select is disabled. */
  describedBy?: string;
}

/** A labelled select over a fixed menu; it shows the snapshot's value and reports a pick. */
export function ChoiceSelect<T extends string | number>({ label, ariaLabel, value, choices, onPick, disabled = false, describedBy }: Props<T>) {
  const id = useId();
  const select = useSettledSelect(String(value), (v) => {
    const picked = choices.find((c) => String(c.value) === v);
    if (picked) onPick(picked.value);
  });
  return (
    <span className="iv-field">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        {...select}
        aria-label={ariaLabel}
        disabled={disabled}
        aria-describedby={describedBy}
      >
        {choices.map((c) => (
          <option key={String(c.value)} value={String(c.value)}>
            {c.label}
          </option>
        ))}
      </select>
    </span>
  );
}
