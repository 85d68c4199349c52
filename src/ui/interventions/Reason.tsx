/** The short visible reason a control is disabled; the control points at it with aria-describedby. */
export function Reason({ id, children }: { id: string; children: string }) {
  return (
    <span id={id} className="iv-reason">
      {children}
    </span>
  );
}
