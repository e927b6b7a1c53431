import { describe, expect, it } from 'vitest';
import { lcg } from '../../src/random/lcg.js';
import { groupPoints } from '../../src/stable/groupPoints.js';

describe('groupPoints(points, rows, cap)', () => {
  const random = lcg(3);
  const n = 500;
  const points = Float64Array.from({ length: 2 * n }, () => 10 * random());
  const rows = Int32Array.from({ length: n }, (_, i) => 2 * i);

  it('keeps every participant on its own up to the cap', () => {
    const { cells, pooled } = groupPoints(points, rows, n);
    expect(pooled).toBe(false);
    expect(cells.map((c) => c.members)).toEqual(Array.from(rows, (r) => [r]));
    expect(cells[7]!.center).toEqual([points[14], points[15]]);
  });

  it('pools into at most cap grid cells at their members’ means, every participant once', () => {
    const { cells, pooled } = groupPoints(points, rows, 100);
    expect(pooled).toBe(true);
    expect(cells.length).toBeLessThanOrEqual(100);
    expect(cells.flatMap((c) => c.members).sort((a, b) => a - b)).toEqual(Array.from(rows));
    const at = new Map(Array.from(rows, (r, i) => [r, i]));
    for (const c of cells) {
      const mean = [0, 1].map((axis) => c.members.reduce((s, r) => s + points[2 * at.get(r)! + axis]!, 0) / c.members.length);
      expect(c.center[0]).toBeCloseTo(mean[0]!, 12);
      expect(c.center[1]).toBeCloseTo(mean[1]!, 12);
    }
    // Ids follow each cell's first member, so they follow the canonical order.
    expect(cells.map((c) => c.members[0])).toEqual([...cells.map((c) => c.members[0])].sort((a, b) => a! - b!));
  });

  it('depends on the points alone: the same cells every time', () => {
    expect(JSON.stringify(groupPoints(points, rows, 100))).toBe(JSON.stringify(groupPoints(points, rows, 100)));
  });
});
