import { NOT_A_NUMBER, type Typed } from './labForm';

interface Props {
  id: string;
  label: string;
  value: Typed;
  onChange: (value: Typed) => void;
  min: number;
  max: number;
  step?: number | 'any';
  /** Shown under the box and read with it: the range, a unit. */
  hint: string;
  invalid: boolean;
}

/**
 * A labelled number box: what was typed is kept as typed (the form's gate judges it). Text the box
 * cannot read as a number stays on screen while the input reports "" (`validity.badInput`): it is
 * told as NOT_A_NUMBER, not as an empty box. Every input event is heard (onInput): React's onChange
 * skips one whose value stays "", as from "1e" to "1e-", or from "1e" to an empty box.
 */
export function NumberField({ id, label, value, onChange, min, max, step = 1, hint, invalid }: Props) {
  return (
    <div className="lab-field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="number"
        min={min}
        max={max}
        step={step}
        value={value === NOT_A_NUMBER ? '' : value}
        aria-invalid={invalid || undefined}
        aria-describedby={`${id}-hint`}
        onInput={(e) => onChange(e.currentTarget.validity.badInput ? NOT_A_NUMBER : e.currentTarget.value)}
      />
      <span id={`${id}-hint`} className="lab-hint">
        {hint}
      </span>
    </div>
  );
}
