import { describe, expect, it } from 'vitest';
import { convexHull } from '../../src/view/convexHull.js';
import { lcg } from '../../src/random/lcg.js';
import { insideConvex } from '../helpers/insideConvex.js';

type Point = [number, number];

const area = (poly: readonly Point[]): number => poly.reduce((s, [x, y], i) => s + x * poly[(i + 1) % poly.length]![1] - poly[(i + 1) % poly.length]![0] * y, 0) / 2;

describe('convexHull(points)', () => {
  it('returns the corners of a square counter-clockwise, dropping inner and collinear points', () => {
    const points: Point[] = [[0, 0], [2, 0], [1, 0], [2, 2], [0, 2], [1, 1], [0, 1], [2, 2]];
    expect(convexHull(points)).toEqual([[0, 0], [2, 0], [2, 2], [0, 2]]);
  });

  it('keeps one point, and the two ends of collinear points', () => {
    expect(convexHull([])).toEqual([]);
    expect(convexHull([[1, 1], [1, 1]])).toEqual([[1, 1]]);
    expect(convexHull([[0, 0], [2, 2], [1, 1], [3, 3]])).toEqual([[0, 0], [3, 3]]);
  });

  it('contains every input point and turns left at every vertex', () => {
    const random = lcg(3);
    const points = Array.from({ length: 500 }, (): Point => [random() * 4 - 2, random() * 2 - 1]);
    const hull = convexHull(points);
    expect(area(hull)).toBeGreaterThan(0);
    for (const p of points) expect(insideConvex(hull, p)).toBe(true);
  });
});
