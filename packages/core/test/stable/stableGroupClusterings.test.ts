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
    const bad = new Map([[3, Float64Array.of(100, 100, 101, 100, 100, 101)]]);
    expect(stableGroupClusterings(bases(), { ...options, random: lcg(1), warmStart: bad }).get(3)!.warm).toBe(false);
  });
});
