import { describe, expect, it } from 'vitest';
import { paddedHull } from '../src/paddedHull';

describe('paddedHull', () => {
  it('returns a fixed number of vertices that keep every point at least `padding` inside', () => {
    const points: [number, number][] = [[0, 0], [100, 10], [40, 80], [50, 30], [90, 70]];
    const hull = paddedHull(points, 10, 72);
    expect(hull).toHaveLength(72);
    for (const [x, y] of points) {
      // Distance from the point to every hull edge is ≥ padding minus sampling slack.
      for (let i = 0; i < hull.length; i++) {
        const [ax, ay] = hull[i]!;
        const [bx, by] = hull[(i + 1) % hull.length]!;
        const cross = Math.abs((bx - ax) * (y - ay) - (by - ay) * (x - ax)) / Math.hypot(bx - ax, by - ay);
        expect(cross).toBeGreaterThan(9);
      }
    }
  });

  it('gives one or two points a shape too, and nothing for no points', () => {
    const one = paddedHull([[5, 5]], 8, 24);
    expect(one).toHaveLength(24);
    for (const [x, y] of one) expect(Math.hypot(x - 5, y - 5)).toBeGreaterThan(7.5);
    expect(paddedHull([[0, 0], [30, 0]], 8, 24)).toHaveLength(24);
    expect(paddedHull([], 8)).toEqual([]);
  });
});
