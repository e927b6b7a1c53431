import { describe, expect, it } from 'vitest';
import { wilsonLowerBound } from '../../src/stats/wilsonLowerBound.js';

describe('wilsonLowerBound', () => {
  it('wilsonLowerBound(s, n, z) matches the closed form of the Wilson score interval', () => {
    // p = 0.8, n = 50, z = 1.96: (0.8 + 0.038416 − 1.96·√(0.0032 + 0.00038416)) / 1.076832 ≈ 0.66963
    expect(wilsonLowerBound(40, 50, 1.96)).toBeCloseTo(0.66963, 4);
    // 1 of 1 at z = 1.96: 1 / (1 + 1.96²) ≈ 0.20654
    expect(wilsonLowerBound(1, 1, 1.96)).toBeCloseTo(1 / (1 + 1.96 ** 2), 10);
    expect(wilsonLowerBound(0, 10)).toBe(0);
    expect(wilsonLowerBound(0, 0)).toBe(0);
  });

  it('defaults to z = 1.2816 and ranks a well-supported share above a share of one or two votes', () => {
    expect(wilsonLowerBound(3, 4)).toBe(wilsonLowerBound(3, 4, 1.2816));
    expect(wilsonLowerBound(40, 50)).toBeGreaterThan(wilsonLowerBound(1, 1));
    expect(wilsonLowerBound(40, 50)).toBeGreaterThan(wilsonLowerBound(2, 2));
    // More votes at the same share give a higher bound; the bound stays below the share.
    expect(wilsonLowerBound(80, 100)).toBeGreaterThan(wilsonLowerBound(8, 10));
    expect(wilsonLowerBound(80, 100)).toBeLessThan(0.8);
  });

  it('fails loudly on impossible counts', () => {
    expect(() => wilsonLowerBound(3, 2)).toThrow('wilsonLowerBound: need 0 <= successes <= trials, got 3 of 2');
    expect(() => wilsonLowerBound(-1, 2)).toThrow(RangeError);
    expect(() => wilsonLowerBound(1, 2, -1)).toThrow('z must be a finite number >= 0, got -1');
  });
});
