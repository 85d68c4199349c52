interface Props {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  /** Whether the value may have decimals (a phone then offers a keypad with a point). */
  decimals: boolean;
  /** Shown under the box and read with it: the range, a unit. */
  hint: string;
  /** The sentence saying what is wrong with the value, if anything (in the list under the form): read with the box. */
  problemId: string | undefined;
}

/**
 * A labelled box for a number, kept as typed: the form's gate judges it and says what is wrong.
 * A text box, not type="number": that one hides what it cannot read (it reports "") and Chromium
 * reads "1,5" as 15, so a learner who writes decimals with a comma swept ten times the load.
 */
export function NumberField({ id, label, value, onChange, decimals, hint, problemId }: Props) {
  return (
    <div className="lab-field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="text"
        inputMode={decimals ? 'decimal' : 'numeric'}
        autoComplete="off"
        spellCheck={false}
        value={value}
        aria-invalid={problemId ? true : undefined}
        aria-describedby={problemId ? `${id}-hint ${problemId}` : `${id}-hint`}
        onChange={(e) => onChange(e.currentTarget.value)}
      />
      <span id={`${id}-hint`} className="lab-hint">
        {hint}
      </span>
    </div>
  );
}
