import { describe, expect, it } from 'vitest';
import { lcg } from '../../src/random/lcg.js';
import { stableBaseClusters, withinSumOfSquares } from '../../src/stable/stableBaseClusters.js';

function cloud(n: number, seed: number): Float64Array {
  const random = lcg(seed);
  return Float64Array.from({ length: 2 * n }, (_, i) => (i % 2 ? 3 : 0) + 2 * random() + (Math.floor(i / 2) % 4));
}

describe('stableBaseClusters(points, rows, options)', () => {
  const points = cloud(400, 1);
  const rows = Int32Array.from({ length: 400 }, (_, i) => 1000 + i);
  const options = { k: 20, restarts: 3, maxIterations: 100 };

  it('keeps the restart with the lowest within-cluster sum of squares', () => {
    const result = stableBaseClusters(points, rows, { ...options, random: lcg(5) });
    expect(result.restartObjectives.length).toBe(3);
    expect(result.objective).toBe(Math.min(...result.restartObjectives));
    // The objective is what the clusters' own centres give.
    let sum = 0;
    const index = new Map(Array.from(rows, (r, i) => [r, i]));
    for (const c of result.clusters) for (const r of c.members) sum += (points[2 * index.get(r)!]! - c.center[0]) ** 2 + (points[2 * index.get(r)! + 1]! - c.center[1]) ** 2;
    expect(sum).toBeCloseTo(result.objective, 8);
  });

  it('numbers clusters 0…B−1 by their first member and lists members in point order', () => {
    const { clusters } = stableBaseClusters(points, rows, { ...options, random: lcg(5) });
    expect(clusters.map((c) => c.id)).toEqual(clusters.map((_, i) => i));
    for (let i = 1; i < clusters.length; i++) expect(clusters[i]!.members[0]!).toBeGreaterThan(clusters[i - 1]!.members[0]!);
    for (const c of clusters) expect([...c.members].sort((a, b) => a - b)).toEqual(c.members);
    expect(clusters.reduce((s, c) => s + c.members.length, 0)).toBe(400);
  });

  it('is a function of the points and the generator seed', () => {
    expect(stableBaseClusters(points, rows, { ...options, random: lcg(9) })).toEqual(stableBaseClusters(points, rows, { ...options, random: lcg(9) }));
  });

  it('groups by position when at most k points are distinct', () => {
    const few = Float64Array.of(1, 1, 2, 2, 1, 1, 3, 3);
    const result = stableBaseClusters(few, Int32Array.of(0, 1, 2, 3), { ...options, random: lcg(0) });
    expect(result.clusters.map((c) => c.members)).toEqual([[0, 2], [1], [3]]);
    expect(result.restartObjectives).toEqual([]);
  });

  it('keeps a warm start only when it does not lose to the best fresh restart', () => {
    const fresh = stableBaseClusters(points, rows, { ...options, random: lcg(5) });
    const good = Float64Array.from(fresh.clusters.flatMap((c) => c.center));
    expect(stableBaseClusters(points, rows, { ...options, random: lcg(5), warmStart: good }).warm).toBe(true);
    // A start with every centre on one spot converges to a far worse local optimum, or none at all.
    const bad = new Float64Array(2 * 20).fill(0.5);
    const withBad = stableBaseClusters(points, rows, { ...options, random: lcg(5), warmStart: bad });
    expect(withBad.warm).toBe(false);
    expect(withBad.clusters).toEqual(fresh.clusters);
  });

  it('withinSumOfSquares sums squared distances to the assigned centres', () => {
    expect(withinSumOfSquares(Float64Array.of(0, 0, 2, 0), { assign: Int32Array.of(0, 0), x: Float64Array.of(1), y: Float64Array.of(0) })).toBe(2);
  });
});
