import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { topByMetric } from '../../src/stats/topByMetric.js';

// The order it must reproduce: a stable sort by descending metric, then the first `count`.
function reference(items: number[], count: number): number[] {
  return items
    .map((m, i) => ({ m, i }))
    .sort((x, y) => (x.m > y.m ? -1 : x.m < y.m ? 1 : 0))
    .slice(0, Math.max(0, count))
    .map((x) => x.i);
}

describe('topByMetric(items, count, metric)', () => {
  it('gives the first count items of the stable descending sort, ties in list order', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -3, max: 3 }), { maxLength: 40 }), fc.integer({ min: -1, max: 45 }), (metrics, count) => {
        const indices = metrics.map((_, i) => i);
        expect(topByMetric(indices, count, (i) => metrics[i]!)).toEqual(reference(metrics, count));
      }),
      { seed: 3, numRuns: 2000 },
    );
  });

  it('falls back to the full sort when a metric is NaN', () => {
    const metrics = [1, Number.NaN, 3, 2, 3, Number.NaN, 0];
    const indices = metrics.map((_, i) => i);
    expect(topByMetric(indices, 3, (i) => metrics[i]!)).toEqual(reference(metrics, 3));
  });
});
