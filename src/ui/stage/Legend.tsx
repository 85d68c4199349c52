/**
 * What each glyph on the stage means, in the stage's shapes and colours (drawn by CSS, layout.css
 * `.glyph`: no script on the first load for them). A glyph of one world only is marked with it: a
 * one-world lesson's page leaves the other's out. A JWT-only stage drawn with no store leaves the
 * store query's unseen (layout.css): last, so its room is at the legend's end, kept, as the legend
 * changing its lines when the stage came shifted it (0.028 at 1024x768).
 */
type Key = [world: string, glyph: string, text: string];
const KEYS: Key[] = [
  ['for-session', 'wristband', 'session cookie (wristband)'],
  ['for-jwt', 'badge', 'JWT (signed badge)'],
  ['for-jwt', 'keys', 'key-set fetch'],
  ['', 'ok', 'accepted'],
  ['', 'bad', 'refused (with its reason)'],
];
const STORE: Key = ['for-store', 'store', 'store query'];

const keyItem = ([world, glyph, text]: Key) => (
  <li key={glyph} className={world || undefined}>
    <span className={`glyph g-${glyph}`} aria-hidden="true" />
    {text}
  </li>
);

export function Legend({ className = '' }: { className?: string }) {
  return (
    <ul className={`legend ${className}`.trim()} aria-label="Legend">
      {KEYS.map(keyItem)}
      <li>
        <span className="legend-chip" aria-hidden="true">
          ✓✗
        </span>
        a server's check: signature, token, lookup or denylist
      </li>
      {keyItem(STORE)}
    </ul>
  );
}
