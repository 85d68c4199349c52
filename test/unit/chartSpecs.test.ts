// What the lab's charts draw from a sweep's rows (chartSpecs.ts, pure): their axis labels, their words
// and the order their lines are drawn in. The charts themselves are checked on screenshots and in lab.spec.
import { describe, expect, it } from 'vitest';
import { DEFAULT_SWEEP } from '../../src/lab/settings';
import { chartSpecs, drawingOrder, plotData, Y_LABEL_MAX_CHARS } from '../../src/ui/lab/chartSpecs';
import { row } from '../support/sweepRows';

describe('the lab charts', () => {
  const specs = chartSpecs(DEFAULT_SWEEP, [row('session', 1, 300), row('session', 2, 480), row('jwt', 1, 250), row('jwt', 2, 500)]);

  it('label every y axis in words short enough to be drawn whole along the plot', () => {
    // The latency chart's "Until answered or refused (ms)" ran past both ends of its axis.
    for (const spec of specs) expect(spec.yLabel.length, `${spec.id}: "${spec.yLabel}"`).toBeLessThanOrEqual(Y_LABEL_MAX_CHARS);
  });

  it('say the latency chart in words, per model and percentile, from the rows', () => {
    const latency = specs.find((s) => s.id === 'latency')!;
    expect(latency.series.map((s) => s.label)).toEqual(['Session p50', 'JWT p50', 'Session p99', 'JWT p99']);
    expect(latency.summary).toContain('JWT p99: 181 ms with 1 server, 182 ms with 2 servers');
  });

  it('draw a reference line under the models\u2019 lines, so a session line that rides the store\u2019s capacity is drawn over it', () => {
    // Drawn last, the capacity's dashes lay unseen on the saturated session line.
    const order = (id: string) => drawingOrder(specs.find((s) => s.id === id)!.series).map((s) => s.label);
    expect(order('store')).toEqual(['Store capacity', 'Session', 'JWT']);
    expect(order('throughput')).toEqual(['Offered load', 'Session', 'JWT']);
    expect(order('latency')).toEqual(['Session p50', 'JWT p50', 'Session p99', 'JWT p99']);
  });

  it('draw a sweep of one server count with its reference lines across the column, the models’ points in it', () => {
    // With one x a line has no length: "Offered load" stood in the key and nothing was drawn.
    const one = chartSpecs(DEFAULT_SWEEP, [row('session', 16, 300), row('jwt', 16, 250)]).find((s) => s.id === 'throughput')!;
    const [x, offered, session, jwt] = plotData(one);
    expect(x).toEqual([15.6, 16, 16.4]);
    expect(offered).toEqual([500, 500, 500]);
    expect(session).toEqual([null, 300, null]);
    expect(jwt).toEqual([null, 250, null]);
  });
});
