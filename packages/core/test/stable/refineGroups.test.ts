import { describe, expect, it } from 'vitest';
import type { Cluster } from '../../src/cluster/cluster.js';
import { polishParticipants, refineGroups } from '../../src/stable/refineGroups.js';

describe('refineGroups(points, rows, base, assign, k)', () => {
  // Points on a line; base cluster 1 straddles the boundary between the groups at x ≈ 5.
  const points = Float64Array.of(0, 0, 1, 0, 4, 0, 6, 0, 9, 0, 10, 0);
  const rows = Int32Array.of(10, 11, 12, 13, 14, 15);
  const base: Cluster[] = [
    { id: 0, members: [10, 11], center: [0.5, 0] },
    { id: 1, members: [12, 13], center: [5, 0] },
    { id: 2, members: [14, 15], center: [9.5, 0] },
  ];
  const assign = Int32Array.of(0, 0, 0, 1, 1, 1);

  it('splits the straddling base cluster so that each group is a union of base clusters, largest first', () => {
    const refined = refineGroups(points, rows, base, assign, 2);
    expect(refined.base.map((b) => b.members)).toEqual([[10, 11], [12], [13], [14, 15]]);
    expect(refined.base.map((b) => b.id)).toEqual([0, 1, 2, 3]);
    // Equal sizes: the group with the smaller first base id comes first.
    expect(refined.groups.map((g) => g.members)).toEqual([[0, 1], [2, 3]]);
    expect(refined.groups.map((g) => g.center[0])).toEqual([5 / 3, 25 / 3]);
  });

  it('keeps every participant in exactly one base cluster and one group', () => {
    const refined = refineGroups(points, rows, base, assign, 2);
    expect(refined.base.flatMap((b) => b.members).sort((a, b) => a - b)).toEqual(Array.from(rows));
    expect(refined.groups.flatMap((g) => g.members).sort((a, b) => a - b)).toEqual(refined.base.map((b) => b.id));
  });
});

describe('polishParticipants(points, start, k, minSize)', () => {
  const points = Float64Array.of(0, 0, 1, 0, 4, 0, 6, 0, 9, 0, 10, 0);

  it('moves a participant pooled on the wrong side of the boundary', () => {
    // Start: 6 pooled with the left group; its nearest centre is the right one.
    expect(Array.from(polishParticipants(points, Int32Array.of(0, 0, 0, 0, 1, 1), 2, 1))).toEqual([0, 0, 0, 1, 1, 1]);
  });

  it('keeps the start when polishing would leave a group below the minimum size', () => {
    const far = Float64Array.of(0, 0, 0.1, 0, 0.2, 0, 0.3, 0, 20, 0, 0.4, 0);
    const start = Int32Array.of(0, 0, 0, 1, 1, 1);
    expect(Array.from(polishParticipants(far, start, 2, 3))).toEqual(Array.from(start));
    expect(Array.from(polishParticipants(far, start, 2, 1))).toEqual([0, 0, 0, 0, 1, 0]);
  });
});
