// One uPlot chart of a ChartSpec, as wide as its box (a ResizeObserver). The chart is made once
// per shape (its series and labels); a row arriving only gives it new data, and a resize a new
// size; making a chart and drawing new data wait their turn, one chart per task (`inTurn`), so a
// sweep's rows never draw seven canvases in one task. uPlot sets sizes through the CSSOM (element.style), which the page's
// style-src policy allows; nothing here writes a style attribute.
import { useEffect, useRef, useState, type RefObject } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { formatNumber } from '../../format';
import { drawingOrder, plotData, type ChartSpec, type SeriesTone } from './chartSpecs';

const HEIGHT_PX = 230;
const FONT = '12px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
const LABEL_FONT = `600 ${FONT}`;
/** A reference line's band (lab.css draws its key the same): at 0.7 its grey keeps 3:1 against the white plot. */
const REFERENCE_WIDTH_PX = 6;
const REFERENCE_ALPHA = 0.7;
const SESSION_WIDTH_PX = 5;

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
      ...drawingOrder(spec.series).map((s) => ({
        label: s.label,
        stroke: tones[s.tone],
        // A reference line is a wide, light band under the models' lines: one that reaches it stays seen.
        // The session line, drawn before the JWT's, is wider: where both read the same, its edges still
        // show beside the JWT line (store load at capacity hid the session line under it).
        ...(s.tone === 'reference' ? { width: REFERENCE_WIDTH_PX, alpha: REFERENCE_ALPHA } : { width: s.tone === 'session' ? SESSION_WIDTH_PX : 2 }),
        ...(s.dash ? { dash: s.dash } : {}),
        // A reference line (offered load, capacity) has no measured points of its own.
        points: { show: s.tone !== 'reference', size: s.tone === 'session' ? 10 : 6, fill: tones[s.tone], stroke: tones[s.tone] },
      })),
    ],
  };
}

/**
 * The first uPlot a page makes costs several times the next (its code compiled, the canvas's font
 * resolved): made once, small and unseen, while the page is idle, so the first row's first chart
 * is not that long task in the middle of a sweep. Where nothing draws charts (no ResizeObserver), nothing.
 */
let warmed = false;
export function warmUpCharts(): () => void {
  if (warmed || typeof ResizeObserver === 'undefined') return () => {};
  const idle = window.requestIdleCallback?.bind(window) ?? ((run: () => void) => window.setTimeout(run, 500));
  const cancelIdle = window.cancelIdleCallback?.bind(window) ?? window.clearTimeout.bind(window);
  const id = idle(() => {
    warmed = true;
    try {
      const spec: ChartSpec = { id: 'warm-up', title: '', yLabel: 'y', unit: '', x: [1, 2], series: [{ label: 'a', tone: 'session', dash: [6, 4], values: [1, 2] }], summary: '' };
      const chart = new uPlot(optionsFor(spec, 120), plotData(spec), document.createElement('div'));
      // It draws in a microtask of this task; gone in the next.
      window.setTimeout(() => chart.destroy());
    } catch {
      // A warm-up only: the real charts say what fails.
    }
  });
  return () => cancelIdle(id);
}

/**
 * Chart work waiting for its turn, one chart per task: a row arriving gives every chart new data,
 * and seven redraws (or, at the first row, seven charts made) in one task would be one long task.
 * Keyed by chart: a newer job replaces the one not yet run, in its place (charts go in page order).
 */
const waiting = new Map<object, () => void>();
let turn: number | undefined;

function runNext() {
  turn = undefined;
  const next = waiting.entries().next();
  if (next.done) return;
  const [chart, job] = next.value;
  waiting.delete(chart);
  job();
  if (waiting.size) turn = window.setTimeout(runNext);
}

function inTurn(chart: object, job: () => void) {
  waiting.set(chart, job);
  turn ??= window.setTimeout(runNext);
}

/**
 * The box's width in whole CSS px, from its ResizeObserver alone: its first report comes with the
 * frame's own layout, where a measure in a layout effect (useElementSize) would force one in the
 * task that adds the charts and the table (the first row's). 0 until measured, or with no observer.
 */
function useObservedWidth(ref: RefObject<Element | null>): number {
  const [width, setWidth] = useState(0);
  useEffect(() => {
    const el = ref.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(([entry]) => {
      const box = entry?.borderBoxSize?.[0];
      setWidth(Math.round(box ? box.inlineSize : el.getBoundingClientRect().width));
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref]);
  return width;
}

/** The chart's drawing: role="img" named by the spec's summary (the table below has its numbers). */
export function UPlotChart({ spec }: { spec: ChartSpec }) {
  const box = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const width = useObservedWidth(box);
  // Nothing to measure with (no ResizeObserver, as in tests) or nothing drawn yet: no canvas.
  const drawable = width > 0 && spec.x.length > 0;
  // What a chart made (or drawn) a task later is made with: the newest data and size.
  const latest = useRef({ spec, width });
  const shape = `${spec.id}|${spec.yLabel}|${spec.series.map((s) => `${s.label}/${s.tone}/${s.dash?.join(',') ?? ''}`).join(';')}`;
  useEffect(() => {
    const el = box.current;
    if (!el || !drawable) return;
    let made: uPlot | null = null;
    inTurn(box, () => {
      made = new uPlot(optionsFor(spec, latest.current.width), plotData(latest.current.spec), el);
      plot.current = made;
    });
    return () => {
      waiting.delete(box);
      made?.destroy();
      plot.current = null;
    };
    // Made again only when its shape changes (or it becomes drawable); data and size go in below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [shape, drawable]);
  useEffect(() => {
    latest.current.spec = spec;
    // A chart not made yet is made with these; one made draws them in its turn.
    if (plot.current) inTurn(box, () => plot.current?.setData(plotData(latest.current.spec)));
  }, [spec]);
  useEffect(() => {
    latest.current.width = width;
    plot.current?.setSize({ width, height: HEIGHT_PX });
  }, [width]);
  return <div ref={box} className="lab-plot" role="img" aria-label={spec.summary} />;
}
