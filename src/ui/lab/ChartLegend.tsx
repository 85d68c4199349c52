import type { ChartSeries } from './chartSpecs';

/** The chart's key: each line's colour and dash, drawn as the canvas draws it (CSS classes, no style attributes). */
export function ChartLegend({ series }: { series: ChartSeries[] }) {
  return (
    <ul className="lab-legend">
      {series.map((s) => (
        <li key={s.label}>
          <svg className={`lab-swatch tone-${s.tone}`} width="28" height="10" viewBox="0 0 28 10" aria-hidden="true" focusable="false">
            <line x1="1" y1="5" x2="27" y2="5" strokeDasharray={s.dash?.join(' ')} />
          </svg>
          {s.label}
        </li>
      ))}
    </ul>
  );
}
