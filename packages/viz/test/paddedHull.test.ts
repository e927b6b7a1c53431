import { describe, expect, it } from 'vitest';
import { paddedHull, separatedHulls } from '../src/paddedHull';

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

describe('separatedHulls', () => {
  const square = (x: number, y: number, s: number): [number, number][] => [[x, y], [x + s, y], [x + s, y + s], [x, y + s]];
  const inside = (poly: [number, number][], [x, y]: [number, number]): boolean =>
    poly.every((a, i) => {
      const b = poly[(i + 1) % poly.length]!;
      return (b[0] - a[0]) * (y - a[1]) - (b[1] - a[1]) * (x - a[0]) >= -1e-6;
    });

  it('pads each core, keeps every core point inside its own area, and leaves `gap` between areas of cores closer than twice the padding', () => {
    const cores = [square(0, 0, 40), square(50, 0, 40)];
    const [a, b] = separatedHulls(cores, 12, 6);
    expect(a).toHaveLength(72);
    for (const p of cores[0]!) expect(inside(a!, p)).toBe(true);
    for (const p of cores[1]!) expect(inside(b!, p)).toBe(true);
    // The cores are 10 px apart: A's area ends 3 px short of halfway (42), B's starts 3 px past it (48).
    expect(Math.max(...a!.map((p) => p[0]))).toBeCloseTo(42, 1);
    expect(Math.min(...b!.map((p) => p[0]))).toBeCloseTo(48, 1);
    // Away from neighbours the padding stays: A still reaches 12 px left of its core.
    expect(Math.min(...a!.map((p) => p[0]))).toBeCloseTo(-12, 0);
  });

  it('cuts overlapping cores (Polis\'s full hulls) at the line halfway between their centres, and draws lone points as discs', () => {
    const [a, b] = separatedHulls([square(0, 0, 40), square(30, 0, 40)], 10, 6);
    expect(Math.max(...a!.map((p) => p[0]))).toBeLessThanOrEqual(35 + 1e-6);
    expect(Math.min(...b!.map((p) => p[0]))).toBeGreaterThanOrEqual(35 - 1e-6);
    const [dot] = separatedHulls([[[5, 5]]], 8, 6, 24);
    for (const [x, y] of dot!) expect(Math.hypot(x - 5, y - 5)).toBeGreaterThan(7.5);
    expect(separatedHulls([[]], 8, 6)).toEqual([[]]);
  });
});
