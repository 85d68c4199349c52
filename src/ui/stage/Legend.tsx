/**
 * What each glyph on the stage means, in the stage's shapes and colours (drawn by CSS, layout.css
 * `.glyph`: no script on the first load for them). A glyph of one world only is marked with it: a
 * one-world lesson's page leaves the other's out, and a stage drawn with no store leaves out the
 * store's (layout.css).
 */
const KEYS: [world: string, glyph: string, text: string][] = [
  ['for-session', 'wristband', 'session cookie (wristband)'],
  ['for-jwt', 'badge', 'JWT (signed badge)'],
  ['for-store', 'store', 'store query'],
  ['for-jwt', 'keys', 'key-set fetch'],
  ['', 'ok', 'accepted'],
  ['', 'bad', 'refused (with its reason)'],
];

export function Legend({ className = '' }: { className?: string }) {
  return (
    <ul className={`legend ${className}`.trim()} aria-label="Legend">
      {KEYS.map(([world, glyph, text]) => (
        <li key={glyph} className={world || undefined}>
          <span className={`glyph g-${glyph}`} aria-hidden="true" />
          {text}
        </li>
      ))}
      <li>
        <span className="legend-chip" aria-hidden="true">
          ✓✗
        </span>
        a server's check: signature, token, lookup or denylist
      </li>
    </ul>
  );
}
