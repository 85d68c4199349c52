// One uPlot chart of a ChartSpec, as wide as its box (a ResizeObserver), redrawn when the spec
// changes (a row arrived). uPlot sets sizes through the CSSOM (element.style), which the page's
// style-src policy allows; nothing here writes a style attribute.
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { formatNumber } from '../../format';
import { useElementSize } from '../useElementSize';
import type { ChartSpec, SeriesTone } from './chartSpecs';

const HEIGHT_PX = 230;
const FONT = '12px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
const LABEL_FONT = `600 ${FONT}`;

/** The app's colours (src/ui/app.css), read where the canvas needs them. */
function colour(name: string, fallback: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || fallback;
}

/** A y axis as wide as its longest tick label (uPlot's default of 50 px cuts "120000" off). */
const fitTicks: uPlot.Axis.Size = (u, values, axisIdx) => {
  const axis = u.axes[axisIdx]!;
  const longest = (values ?? []).reduce((a, v) => (v.length > a.length ? v : a), '');
  u.ctx.font = FONT;
  return Math.ceil((typeof axis.ticks?.size === 'number' ? axis.ticks.size : 10) + (axis.gap ?? 5) + (longest ? u.ctx.measureText(longest).width : 0) + 4);
};

function optionsFor(spec: ChartSpec, width: number): uPlot.Options {
  const tones: Record<SeriesTone, string> = { session: colour('--session', '#1a66d9'), jwt: colour('--jwt', '#8a3ffc'), reference: colour('--muted', '#5b6478') };
  const ink = colour('--ink', '#1b2130');
  const line = colour('--line', '#d9dde7');
  const first = spec.x[0] ?? 1;
  const last = spec.x[spec.x.length - 1] ?? first;
  // Room either side for the first and last points; one server count alone sits in the middle.
  const pad = first === last ? 0.5 : 0.3;
  const axis = { stroke: ink, font: FONT, labelFont: LABEL_FONT, grid: { stroke: line, width: 1 }, ticks: { stroke: line, width: 1, size: 6 } };
  return {
    width,
    height: HEIGHT_PX,
    legend: { show: false },
    cursor: { show: false },
    scales: {
      x: { time: false, range: () => [first - pad, last + pad] },
      y: { range: (_u, _min, max) => (max > 0 ? uPlot.rangeNum(0, max, 0.1, true) : [0, 1]) },
    },
    axes: [
      // Whole server counts, every one while they are 28 px apart; the label close under the ticks.
      { ...axis, label: 'Servers', space: 28, incrs: [1, 2, 4, 5, 10], size: 26, gap: 4, labelSize: 20, labelGap: 0, values: (_u, splits) => splits.map((v) => String(v)) },
      { ...axis, label: spec.yLabel, size: fitTicks, labelSize: 20, labelGap: 0, values: (_u, splits) => splits.map((v) => formatNumber(v, 2)) },
    ],
    series: [
      {},
      ...spec.series.map((s) => ({
        label: s.label,
        stroke: tones[s.tone],
        width: 2,
        ...(s.dash ? { dash: s.dash } : {}),
        // A reference line (offered load, capacity) has no measured points of its own.
        points: { show: s.tone !== 'reference', size: 6, fill: tones[s.tone], stroke: tones[s.tone] },
      })),
    ],
  };
}

/** The chart's drawing: role="img" named by the spec's summary (the table below has its numbers). */
export function UPlotChart({ spec }: { spec: ChartSpec }) {
  const box = useRef<HTMLDivElement>(null);
  const size = useElementSize(box);
  const width = size?.width ?? 0;
  useEffect(() => {
    const el = box.current;
    // Nothing to measure with (no ResizeObserver, as in tests) or nothing drawn yet: no canvas.
    if (!el || width <= 0 || spec.x.length === 0) return;
    const plot = new uPlot(optionsFor(spec, width), [spec.x, ...spec.series.map((s) => s.values)], el);
    return () => plot.destroy();
  }, [spec, width]);
  return <div ref={box} className="lab-plot" role="img" aria-label={spec.summary} />;
}
