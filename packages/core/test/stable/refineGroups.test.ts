import { describe, expect, it } from 'vitest';
import type { Cluster } from '../../src/cluster/cluster.js';
import { refineGroups } from '../../src/stable/refineGroups.js';

describe('refineGroups(points, rows, base, groups)', () => {
  // Points on a line; base cluster 1 straddles the boundary between the groups at x ≈ 5.
  const points = Float64Array.of(0, 0, 1, 0, 4, 0, 6, 0, 9, 0, 10, 0);
  const rows = Int32Array.of(10, 11, 12, 13, 14, 15);
  const base: Cluster[] = [
    { id: 0, members: [10, 11], center: [0.5, 0] },
    { id: 1, members: [12, 13], center: [5, 0] },
    { id: 2, members: [14, 15], center: [9.5, 0] },
  ];
  const groups: Cluster[] = [
    { id: 0, members: [0, 1], center: [2, 0] },
    { id: 1, members: [2], center: [9.5, 0] },
  ];

  it('assigns participants to the nearest group centre and splits the straddling base cluster', () => {
    const refined = refineGroups(points, rows, base, groups);
    expect(refined.base.map((b) => b.members)).toEqual([[10, 11], [12], [13], [14, 15]]);
    expect(refined.base.map((b) => b.id)).toEqual([0, 1, 2, 3]);
    expect(refined.groups.map((g) => g.members)).toEqual([[0, 1], [2, 3]]);
    expect(refined.groups.map((g) => g.center[0])).toEqual([5 / 3, 25 / 3]);
  });

  it('keeps every participant in exactly one base cluster and one group', () => {
    const refined = refineGroups(points, rows, base, groups);
    const all = refined.base.flatMap((b) => b.members).sort((a, b) => a - b);
    expect(all).toEqual(Array.from(rows));
    expect(refined.groups.flatMap((g) => g.members).sort((a, b) => a - b)).toEqual(refined.base.map((b) => b.id));
  });
});
