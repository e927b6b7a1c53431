import { describe, expect, it } from 'vitest';
import { lcg } from '../../src/random/lcg.js';
import { kmeansPlusPlus } from '../../src/stable/kmeansPlusPlus.js';

// Three tight blobs far apart: k-means++ should seed one centre in each almost surely.
function blobs(): Float64Array {
  const random = lcg(1);
  const out: number[] = [];
  for (const [cx, cy] of [[0, 0], [100, 0], [0, 100]]) for (let i = 0; i < 30; i++) out.push(cx! + random(), cy! + random());
  return Float64Array.from(out);
}

describe('kmeansPlusPlus(points, weights, k, random)', () => {
  it('seeds one centre per well-separated blob', () => {
    const points = blobs();
    for (let seed = 0; seed < 20; seed++) {
      const seeds = kmeansPlusPlus(points, null, 3, lcg(seed));
      expect(new Set(Array.from(seeds, (i) => Math.floor(i / 30)))).toEqual(new Set([0, 1, 2]));
    }
  });

  it('is deterministic for a seeded generator', () => {
    const points = blobs();
    expect(kmeansPlusPlus(points, null, 5, lcg(7))).toEqual(kmeansPlusPlus(points, null, 5, lcg(7)));
  });

  it('stops early when fewer points are distinct than k', () => {
    const points = Float64Array.of(1, 1, 1, 1, 2, 2, 1, 1);
    const seeds = kmeansPlusPlus(points, null, 4, lcg(0));
    expect(seeds.length).toBe(2);
    expect(new Set(Array.from(seeds, (i) => points[2 * i]))).toEqual(new Set([1, 2]));
  });

  it('never picks a zero-weight point as the first centre', () => {
    const points = Float64Array.of(0, 0, 5, 5, 9, 9);
    for (let seed = 0; seed < 20; seed++) expect(kmeansPlusPlus(points, Float64Array.of(0, 1, 0), 1, lcg(seed))[0]).toBe(1);
  });
});
