import { describe, expect, it } from 'vitest';
import type { Cluster } from '../../src/cluster/cluster.js';
import { silhouette } from '../../src/cluster/silhouette.js';

const base = (rows: [number, number, number][]): Cluster[] => rows.map(([id, x, y]) => ({ id, members: [id * 10], center: [x, y] }));
const group = (id: number, members: number[]): Cluster => ({ id, members, center: [0, 0] });

describe('silhouette(base, groups)', () => {
  it('matches a hand computation on base-cluster centres (singletons count as 0)', () => {
    // Two 2×2-apart pairs and a far singleton. For each paired base cluster a = 2 and the nearest other
    // group is the other pair at mean distance (4 + √20)/2 = 2 + √5, so s = 1 − 2/(2 + √5); the singleton
    // scores 0; the mean is over all 5.
    const b = base([[1, 0, 0], [2, 0, 2], [3, 4, 0], [4, 4, 2], [5, 10, 0]]);
    const expected = (4 / 5) * (1 - 2 / (2 + Math.sqrt(5)));
    expect(silhouette(b, [group(0, [1, 2]), group(1, [3, 4]), group(2, [5])])).toBeCloseTo(expected, 14);
  });

  it('counts each base cluster once whatever its size, and ignores base clusters in no group', () => {
    const b = base([[1, 0, 0], [2, 0, 1], [3, 5, 0], [7, 50, 50]]);
    const big = b.map((c) => ({ ...c, members: Array.from({ length: c.id * 100 }, (_, i) => i) }));
    const groups = [group(0, [1, 2]), group(1, [3])];
    expect(silhouette(big, groups)).toBe(silhouette(b, groups));
    // a = 1; nearest other group at 5 and √26: s = 1 − 1/5 and 1 − 1/√26; base 7 is not in any group.
    expect(silhouette(b, groups)).toBeCloseTo((1 - 1 / 5 + (1 - 1 / Math.sqrt(26)) + 0) / 3, 14);
  });

  it('returns 0 where Polis throws (one group of several) or gets NaN (a = b̂ = 0)', () => {
    const b = base([[1, 0, 0], [2, 1, 0]]);
    expect(silhouette(b, [group(0, [1, 2])])).toBe(0);
    expect(silhouette(b, [])).toBe(0);
    const same = base([[1, 3, 3], [2, 3, 3], [3, 3, 3]]);
    expect(silhouette(same, [group(0, [1, 2]), group(1, [3])])).toBe(0);
  });

  it('rejects groups naming unknown or repeated base clusters', () => {
    const b = base([[1, 0, 0], [2, 1, 0]]);
    expect(() => silhouette(b, [group(0, [1, 9])])).toThrow(/group 0 has member 9, which is not a base cluster id/);
    expect(() => silhouette(b, [group(0, [1]), group(4, [1, 2])])).toThrow(/base cluster 1 is in two groups \(0 and 4\)/);
    expect(() => silhouette(b, [group(3, [])])).toThrow(/group 3 has no members/);
  });
});
