/**
 * What each glyph on the stage means, drawn with the same shapes and colours as the stage. A glyph
 * of one world only is marked with it: a one-world lesson's page leaves the other's out (layout.css).
 */
export function Legend({ className = '' }: { className?: string }) {
  return (
    <ul className={`legend ${className}`.trim()} aria-label="Legend">
      <li className="for-session">
        <svg width="30" height="16" viewBox="-17 -8 34 16" aria-hidden="true" className="dot-wristband">
          <rect x={-17} y={-7} width={34} height={14} rx={7} />
        </svg>
        session cookie (wristband)
      </li>
      <li className="for-jwt">
        <svg width="26" height="18" viewBox="-15 -10 30 20" aria-hidden="true" className="dot-badge">
          <rect x={-15} y={-10} width={30} height={20} rx={3} />
          <circle cx={7} cy={0} r={5} className="hologram-mark" />
        </svg>
        JWT (signed badge)
      </li>
      <li>
        <svg width="16" height="16" viewBox="-8 -8 16 16" aria-hidden="true">
          <rect x={-5} y={-5} width={10} height={10} transform="rotate(45)" className="dot-store" />
        </svg>
        store query
      </li>
      <li className="for-jwt">
        <svg width="16" height="16" viewBox="-8 -8 16 16" aria-hidden="true">
          <rect x={-6} y={-6} width={12} height={12} className="dot-keys" />
        </svg>
        key-set fetch
      </li>
      <li>
        <svg width="16" height="16" viewBox="-8 -8 16 16" aria-hidden="true">
          <circle r={7} className="dot-ok" />
        </svg>
        accepted
      </li>
      <li>
        <svg width="16" height="16" viewBox="-8 -8 16 16" aria-hidden="true">
          <circle r={7} className="dot-bad" />
        </svg>
        refused (with its reason)
      </li>
      <li>
        <span className="legend-chip" aria-hidden="true">
          ✓✗
        </span>
        a server's check: signature, lookup or denylist
      </li>
    </ul>
  );
}
