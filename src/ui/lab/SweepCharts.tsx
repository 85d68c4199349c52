import { memo, useMemo } from 'react';
import type { SweepSettings } from '../../lab/settings';
import type { SweepRow } from '../../lab/sweep';
import { ChartFigure } from './ChartFigure';
import { chartSpecs } from './chartSpecs';

/** The sweep's charts, x = servers, redrawn as rows arrive (and only then). */
export const SweepCharts = memo(function SweepCharts({ settings, rows }: { settings: SweepSettings; rows: SweepRow[] }) {
  const specs = useMemo(() => chartSpecs(settings, rows), [settings, rows]);
  return (
    <section className="lab-section" aria-labelledby="lab-charts-title">
      <h2 id="lab-charts-title">Charts</h2>
      <p className="lab-note">Each chart is summarised in words for screen readers; the table below holds every number.</p>
      <div className="lab-charts">
        {specs.map((spec) => (
          <ChartFigure key={spec.id} spec={spec} />
        ))}
      </div>
    </section>
  );
});
