import { describe, expect, it } from 'vitest';
import { weightedLloyd } from '../../src/stable/weightedLloyd.js';

describe('weightedLloyd(points, weights, seedX, seedY, maxIterations)', () => {
  const points = Float64Array.of(0, 0, 1, 0, 10, 0, 11, 0);

  it('converges to the two pairs with weighted centres', () => {
    const run = weightedLloyd(points, Float64Array.of(1, 3, 1, 1), Float64Array.of(0, 1), Float64Array.of(0, 0), 100);
    expect(Array.from(run.assign)).toEqual([0, 0, 1, 1]);
    expect(run.x[0]).toBeCloseTo(0.75, 12);
    expect(run.x[1]).toBeCloseTo(10.5, 12);
    // 1·0.75² + 3·0.25² + 1·0.5² + 1·0.5²
    expect(run.objective).toBeCloseTo(0.5625 + 0.1875 + 0.5, 12);
    expect(run.nonEmpty).toBe(2);
  });

  it('reports an emptied cluster', () => {
    const run = weightedLloyd(points, Float64Array.of(1, 1, 1, 1), Float64Array.of(5, 100), Float64Array.of(0, 0), 100);
    expect(run.nonEmpty).toBe(1);
  });
});
