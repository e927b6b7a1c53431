import { describe, expect, it } from 'vitest';
import { hartigan } from '../../src/stable/hartigan.js';
import { weightedLloyd } from '../../src/stable/weightedLloyd.js';

describe('hartigan(points, weights, start, k)', () => {
  // {0, 2, 3} | {5} is a fixed point of Lloyd (3 is 4/3 from its mean 5/3 and 2 from 5), yet moving 3
  // lowers the sum of squares from 14/3 to 4 once both means shift: Hartigan's test, 2 < 3/2 · (4/3)².
  const points = Float64Array.of(0, 0, 2, 0, 3, 0, 5, 0);
  const ones = Float64Array.of(1, 1, 1, 1);

  it('leaves a Lloyd fixed point when a single move lowers the objective', () => {
    const lloyd = weightedLloyd(points, ones, Float64Array.of(5 / 3, 5), Float64Array.of(0, 0), 100);
    expect(Array.from(lloyd.assign)).toEqual([0, 0, 0, 1]);
    expect(lloyd.objective).toBeCloseTo(14 / 3, 12);
    const run = hartigan(points, ones, lloyd.assign, 2);
    expect(Array.from(run.assign)).toEqual([0, 0, 1, 1]);
    expect(run.objective).toBeCloseTo(4, 12);
    expect(Array.from(run.size)).toEqual([2, 2]);
    expect(Array.from(run.x)).toEqual([1, 4]);
  });

  it('does not modify the start, and never empties a cluster', () => {
    const start = Int32Array.of(0, 0, 0, 1);
    hartigan(points, ones, start, 2);
    expect(Array.from(start)).toEqual([0, 0, 0, 1]);
    // Slot 2 starts empty and stays so: moves only go to clusters that have members.
    expect(hartigan(points, ones, start, 3).size[2]).toBe(0);
  });

  it('counts weights: centres are weighted means and the objective is weighted', () => {
    const weights = Float64Array.of(1, 1, 1, 10);
    const run = hartigan(points, weights, Int32Array.of(0, 0, 1, 1), 2);
    let objective = 0;
    for (let s = 0; s < 2; s++) {
      const members = [0, 1, 2, 3].filter((i) => run.assign[i] === s);
      const w = members.reduce((sum, i) => sum + weights[i]!, 0);
      const mean = members.reduce((sum, i) => sum + weights[i]! * points[2 * i]!, 0) / w;
      expect(run.x[s]).toBeCloseTo(mean, 12);
      for (const i of members) objective += weights[i]! * (points[2 * i]! - mean) ** 2;
    }
    expect(run.objective).toBeCloseTo(objective, 12);
    // The heavy point keeps its own cluster; 3 joins the light side, which costs less.
    expect(Array.from(run.assign)).toEqual([0, 0, 0, 1]);
  });
});
