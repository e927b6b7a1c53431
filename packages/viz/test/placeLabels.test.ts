import { describe, expect, it } from 'vitest';
import { placeLabels } from '../src/placeLabels';

describe('placeLabels', () => {
  const bounds = { left: 0, top: 0, right: 300, bottom: 200 };

  it('puts a label above its box when there is room, else below, inside the bounds', () => {
    const [a, b] = placeLabels(
      [
        { left: 100, right: 160, top: 80, bottom: 120, width: 50, height: 20 },
        { left: 200, right: 260, top: 5, bottom: 60, width: 50, height: 20 },
      ],
      bounds,
    );
    expect(a!.y).toBe(80 - 4 - 10);
    expect(b!.y).toBe(60 + 4 + 10);
  });

  it('never overlaps labels placed earlier, and avoids what the penalty marks', () => {
    const reqs = Array.from({ length: 4 }, () => ({ left: 120, right: 180, top: 90, bottom: 110, width: 60, height: 20 }));
    const boxes = placeLabels(reqs, bounds);
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const p = boxes[i]!;
        const q = boxes[j]!;
        expect(Math.abs(p.x - q.x) >= (p.width + q.width) / 2 || Math.abs(p.y - q.y) >= (p.height + q.height) / 2).toBe(true);
      }
    }
    const [avoid] = placeLabels([reqs[0]!], bounds, (box) => (box.y < 100 ? 1000 : 0));
    expect(avoid!.y).toBeGreaterThan(100);
  });
});

describe('placeLabels with `allowed` and extra spots', () => {
  it('never picks a spot `allowed` refuses; with none left, falls back to the inner spot', () => {
    const request = { width: 40, height: 20, left: 100, right: 200, top: 100, bottom: 200, inner: { x: 150, y: 150 }, spots: [[260, 150]] as [number, number][] };
    const bounds = { left: 0, top: 0, right: 400, bottom: 400 };
    // Only the extra spot to the right is allowed.
    const [right] = placeLabels([request], bounds, () => 0, 4, (box) => box.x === 260);
    expect(right).toEqual({ x: 260, y: 150, width: 40, height: 20 });
    const [fallback] = placeLabels([request], bounds, () => 0, 4, () => false);
    expect(fallback).toEqual({ x: 150, y: 150, width: 40, height: 20 });
  });
});
