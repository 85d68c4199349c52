interface Props {
  label: string;
  checked: boolean;
  onToggle: (on: boolean) => void;
  disabled?: boolean;
  describedBy?: string;
}

/** A labelled checkbox showing the snapshot's value. */
export function Toggle({ label, checked, onToggle, disabled = false, describedBy }: Props) {
  return (
    <label className="iv-field iv-toggle">
      <input type="checkbox" checked={checked} disabled={disabled} aria-describedby={describedBy} onChange={(e) => onToggle(e.target.checked)} />
      <span>{label}</span>
    </label>
  );
}
