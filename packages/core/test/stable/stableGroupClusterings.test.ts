import { describe, expect, it } from 'vitest';
import type { Cluster } from '../../src/cluster/cluster.js';
import { lcg } from '../../src/random/lcg.js';
import { stableGroupClusterings } from '../../src/stable/stableGroupClusterings.js';

// 36 base clusters in three blobs of unequal weight, so k runs 2…5.
function bases(): Cluster[] {
  const random = lcg(2);
  const out: Cluster[] = [];
  [[0, 0, 4], [10, 0, 2], [5, 9, 1]].forEach(([cx, cy, w]) => {
    for (let i = 0; i < 12; i++) out.push({ id: out.length, members: Array.from({ length: w! * (1 + (i % 3)) }, (_, j) => 1000 * out.length + j), center: [cx! + random(), cy! + random()] });
  });
  return out;
}

describe('stableGroupClusterings(base, options)', () => {
  const options = { maxK: 5, restarts: 16, maxIterations: 100 };

  it('tries k = 2…min(maxK, 2 + ⌊bases/12⌋)', () => {
    expect([...stableGroupClusterings(bases(), { ...options, random: lcg(1) }).keys()]).toEqual([2, 3, 4, 5]);
    expect([...stableGroupClusterings(bases().slice(0, 13), { ...options, random: lcg(1) }).keys()]).toEqual([2, 3]);
  });

  it('finds the three blobs at k = 3, ids by size (weight), members base ids ascending', () => {
    const groups = stableGroupClusterings(bases(), { ...options, random: lcg(1) }).get(3)!.clusters;
    expect(groups.map((g) => g.members)).toEqual([0, 1, 2].map((blob) => Array.from({ length: 12 }, (_, i) => 12 * blob + i)));
    expect(groups.map((g) => g.id)).toEqual([0, 1, 2]);
  });

  it('returns the same clustering from any seed once restarts find the optimum', () => {
    const a = stableGroupClusterings(bases(), { ...options, random: lcg(1) }).get(3)!;
    const b = stableGroupClusterings(bases(), { ...options, random: lcg(77) }).get(3)!;
    expect(b.clusters.map((g) => g.members)).toEqual(a.clusters.map((g) => g.members));
    expect(b.objective).toBeCloseTo(a.objective, 9);
  });

  it('objectives fall as k grows (best of the restarts)', () => {
    const all = stableGroupClusterings(bases(), { ...options, random: lcg(1) });
    const objectives = [...all.values()].map((c) => c.objective);
    for (let i = 1; i < objectives.length; i++) expect(objectives[i]!).toBeLessThan(objectives[i - 1]!);
  });

  it('keeps a warm start only if it is at least as good', () => {
    const fresh = stableGroupClusterings(bases(), { ...options, random: lcg(1) });
    const centres = new Map([...fresh].map(([k, c]) => [k, Float64Array.from(c.clusters.flatMap((g) => g.center))]));
    const again = stableGroupClusterings(bases(), { ...options, random: lcg(1), warmStart: centres });
    for (const [k, c] of again) expect(c.warm).toBe(true), expect(c.objective).toBeLessThanOrEqual(fresh.get(k)!.objective + 1e-9);
    // Centres far from everything leave two groups empty: those slots are reseeded, and whatever the
    // warm start gives, the clustering kept is never worse than the fresh restarts' best.
    const bad = new Map([[3, Float64Array.of(100, 100, 101, 100, 100, 101)]]);
    expect(stableGroupClusterings(bases(), { ...options, random: lcg(1), warmStart: bad }).get(3)!.objective).toBeLessThanOrEqual(fresh.get(3)!.objective + 1e-9);
  });

  it('leaves out a k whose best clustering has a group lighter than minSize, and finds the admissible one', () => {
    // Two blobs of 20 points and one far-out point: at k = 2 the far point alone is the optimum.
    const random = lcg(4);
    const points: Cluster[] = [];
    for (const [cx, n] of [[0, 20], [3, 20]] as const) for (let i = 0; i < n; i++) points.push({ id: points.length, members: [points.length], center: [cx + random(), random()] });
    points.push({ id: points.length, members: [points.length], center: [40, 40] });
    const free = stableGroupClusterings(points, { ...options, random: lcg(1), minSize: 1 });
    expect(free.get(2)!.clusters.map((g) => g.members.length)).toEqual([40, 1]);
    const floored = stableGroupClusterings(points, { ...options, random: lcg(1), minSize: 5 });
    for (const c of floored.values()) for (const g of c.clusters) expect(g.members.length).toBeGreaterThanOrEqual(5);
    // The far point joins the nearer blob; the blobs are the groups.
    expect(floored.get(2)!.clusters.map((g) => g.members.length).sort()).toEqual([20, 21]);
    expect(floored.get(2)!.objective).toBeGreaterThan(free.get(2)!.objective);
    // No k at all when no clustering can keep every group at minSize.
    expect(stableGroupClusterings(points, { ...options, random: lcg(1), minSize: 30 }).size).toBe(0);
  });

  it('counts the k range from `bases` when the points are participants', () => {
    expect([...stableGroupClusterings(bases(), { ...options, random: lcg(1), bases: 13 }).keys()]).toEqual([2, 3]);
  });
});
