import { ErrorBoundary } from '../ErrorBoundary';
import { ChartLegend } from './ChartLegend';
import type { ChartSpec } from './chartSpecs';
import { UPlotChart } from './UPlotChart';

/** One chart with its title and key, or the sentence that stands in when there is nothing to draw. */
export function ChartFigure({ spec }: { spec: ChartSpec }) {
  return (
    <figure className="lab-chart" data-chart={spec.id}>
      <figcaption className="lab-chart-title">{spec.title}</figcaption>
      {spec.empty ? (
        <p className="lab-chart-empty">{spec.empty}</p>
      ) : (
        <>
          <ChartLegend series={spec.series} />
          <ErrorBoundary what={`${spec.title} chart`}>
            <UPlotChart spec={spec} />
          </ErrorBoundary>
        </>
      )}
    </figure>
  );
}
