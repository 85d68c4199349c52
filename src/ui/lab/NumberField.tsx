interface Props {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  min: number;
  max: number;
  step?: number | 'any';
  /** Shown under the box and read with it: the range, a unit. */
  hint: string;
  invalid: boolean;
}

/** A labelled number box: what was typed is kept as typed (the form's gate judges it). */
export function NumberField({ id, label, value, onChange, min, max, step = 1, hint, invalid }: Props) {
  return (
    <div className="lab-field">
      <label htmlFor={id}>{label}</label>
      <input id={id} type="number" min={min} max={max} step={step} value={value} aria-invalid={invalid || undefined} aria-describedby={`${id}-hint`} onChange={(e) => onChange(e.target.value)} />
      <span id={`${id}-hint`} className="lab-hint">
        {hint}
      </span>
    </div>
  );
}
