import type { ReactNode } from 'react';

export type Fact = [label: string, value: ReactNode];

/** A label/value list: the inspectors' basic building block, readable by screen readers as pairs. */
export function Facts({ items, label }: { items: Fact[]; label?: string }) {
  return (
    <dl className="insp-facts" aria-label={label}>
      {items.map(([term, value]) => (
        <div key={term} className="insp-fact">
          <dt>{term}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** A table that scrolls sideways inside its own box on narrow screens (focusable so keys can scroll it). */
export function TableWrap({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="insp-table-wrap" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}

/** ✓ / ✗ with a word, so the meaning never rests on colour alone. */
export function Verdict({ ok, children }: { ok: boolean; children: ReactNode }) {
  return (
    <span className={ok ? 'insp-ok' : 'insp-bad'}>
      {ok ? '✓' : '✗'} {children}
    </span>
  );
}
