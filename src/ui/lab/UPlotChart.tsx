// One uPlot chart of a ChartSpec, as wide as its box (a ResizeObserver). The chart is made once
// per shape (its series and labels); a row arriving only gives it new data, and a resize a new
// size, so a sweep's progress never rebuilds seven canvases in one task. uPlot sets sizes through the CSSOM (element.style), which the page's
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

/** Room either side of the first and last server counts; one server count alone sits in the middle. */
function serverRange(xs: ArrayLike<number>): uPlot.Range.MinMax {
  const first = xs[0] ?? 1;
  const last = xs[xs.length - 1] ?? first;
  const pad = first === last ? 0.5 : 0.3;
  return [first - pad, last + pad];
}

const dataOf = (spec: ChartSpec): uPlot.AlignedData => [spec.x, ...spec.series.map((s) => s.values)];

function optionsFor(spec: ChartSpec, width: number): uPlot.Options {
  const tones: Record<SeriesTone, string> = { session: colour('--session', '#1a66d9'), jwt: colour('--jwt', '#8a3ffc'), reference: colour('--muted', '#5b6478') };
  const ink = colour('--ink', '#1b2130');
  const line = colour('--line', '#d9dde7');
  const axis = { stroke: ink, font: FONT, labelFont: LABEL_FONT, grid: { stroke: line, width: 1 }, ticks: { stroke: line, width: 1, size: 6 } };
  return {
    width,
    height: HEIGHT_PX,
    legend: { show: false },
    cursor: { show: false },
    scales: {
      x: { time: false, range: (u) => serverRange(u.data[0]) },
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
  const plot = useRef<uPlot | null>(null);
  const size = useElementSize(box);
  const width = size?.width ?? 0;
  // Nothing to measure with (no ResizeObserver, as in tests) or nothing drawn yet: no canvas.
  const drawable = width > 0 && spec.x.length > 0;
  // What a chart made a task later is made with: the newest data and size.
  const latest = useRef({ spec, width });
  const shape = `${spec.id}|${spec.yLabel}|${spec.series.map((s) => `${s.label}/${s.tone}/${s.dash?.join(',') ?? ''}`).join(';')}`;
  useEffect(() => {
    const el = box.current;
    if (!el || !drawable) return;
    // Each chart in a task of its own: seven made at the first row would be one long task.
    let made: uPlot | null = null;
    const later = window.setTimeout(() => {
      made = new uPlot(optionsFor(spec, latest.current.width), dataOf(latest.current.spec), el);
      plot.current = made;
    });
    return () => {
      window.clearTimeout(later);
      made?.destroy();
      plot.current = null;
    };
    // Made again only when its shape changes (or it becomes drawable); data and size go in below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [shape, drawable]);
  useEffect(() => {
    latest.current.spec = spec;
    plot.current?.setData(dataOf(spec));
  }, [spec]);
  useEffect(() => {
    latest.current.width = width;
    plot.current?.setSize({ width, height: HEIGHT_PX });
  }, [width]);
  return <div ref={box} className="lab-plot" role="img" aria-label={spec.summary} />;
}
