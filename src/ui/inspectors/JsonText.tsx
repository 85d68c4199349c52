import { pretty } from './format';

/**
 * A value as indented JSON, in a box that scrolls past 22rem (inspectors.css): a named tab stop, a
 * group (a name on a plain <pre> is not read), so a keyboard can read it to its end.
 */
export function JsonText({ value, label }: { value: unknown; label: string }) {
  return (
    <pre className="insp-pre insp-json" role="group" aria-label={label} tabIndex={0}>
      {pretty(value)}
    </pre>
  );
}
