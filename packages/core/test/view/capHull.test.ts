import { describe, expect, it } from 'vitest';
import { capHull } from '../../src/view/capHull.js';
import { insideConvex } from '../helpers/insideConvex.js';

type Point = [number, number];

const area = (poly: readonly Point[]): number => poly.reduce((s, [x, y], i) => s + x * poly[(i + 1) % poly.length]![1] - poly[(i + 1) % poly.length]![0] * y, 0) / 2;

describe('capHull(hull, maxPoints)', () => {
  it('cuts a 200-gon to at most 40 vertices that still enclose it, adding little area', () => {
    const circle = Array.from({ length: 200 }, (_, k): Point => [Math.cos((2 * Math.PI * k) / 200), Math.sin((2 * Math.PI * k) / 200)]);
    const capped = capHull(circle, 40);
    expect(capped.length).toBeLessThanOrEqual(40);
    for (const p of circle) expect(insideConvex(capped, p, 1e-12)).toBe(true);
    expect(area(capped) / area(circle)).toBeLessThan(1.01);
  });

  it('leaves a hull within the limit as it is and refuses a limit below 3', () => {
    const square: Point[] = [[0, 0], [1, 0], [1, 1], [0, 1]];
    expect(capHull(square, 4)).toEqual(square);
    expect(() => capHull(square, 2)).toThrow('capHull: maxPoints must be an integer ≥ 3, got 2');
  });
});
