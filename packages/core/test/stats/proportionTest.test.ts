import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { propZ, twoPropZ } from '../../src/stats/proportionTest.js';

/** The textbook formulas in plain doubles, as an independent check. */
const plainPropZ = (s: number, n: number) => 2 * Math.sqrt(n + 1) * ((s + 1) / (n + 1) - 0.5);
function plainTwoPropZ(s1: number, s2: number, n1: number, n2: number): number {
  const [a1, a2, m1, m2] = [s1 + 1, s2 + 1, n1 + 1, n2 + 1];
  const pooled = (a1 + a2) / (m1 + m2);
  return (a1 / m1 - a2 / m2) / Math.sqrt(pooled * (1 - pooled) * (1 / m1 + 1 / m2));
}

describe('propZ', () => {
  it('propZ(7, 8) is 2.333333333333334 as in Polis output, where plain doubles give 2.333333333333333', () => {
    // below-100-ptpts, group 0, tid 19: n-success 7, n-trials 8, p-test 2.333333333333334.
    expect(propZ(7, 8)).toBe(2.333333333333334);
    expect(propZ(7, 8, { polisNumerics: false })).toBe(2.333333333333333);
  });

  it('is 2·√(n+1)·((s+1)/(n+1) − 0.5): zero at s+1 = (n+1)/2, negative below, positive above', () => {
    expect(propZ(0, 1)).toBe(0);
    expect(propZ(4, 9)).toBe(0);
    expect(propZ(0, 0)).toBe(1);
    expect(propZ(0, 3)).toBe(2 * 2 * (1 / 4 - 0.5));
    expect(propZ(3, 3)).toBe(2 * 2 * 0.5);
  });

  it('stays within 1e-15 relative of the plain formula', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100000 }), fc.integer({ min: 0, max: 100000 }), (x, y) => {
        const [s, n] = x <= y ? [x, y] : [y, x];
        expect(Math.abs(propZ(s, n) - plainPropZ(s, n))).toBeLessThanOrEqual(1e-15 * Math.sqrt(n + 1) * 4);
      }),
      { seed: 42, numRuns: 2000 },
    );
  });

  it('rejects counts that are not integers with 0 ≤ successes ≤ trials', () => {
    expect(() => propZ(5, 4)).toThrow(/propZ: successes must be an integer in \[0, 4\], got 5/);
    expect(() => propZ(-1, 4)).toThrow(/got -1/);
    expect(() => propZ(1, 2.5)).toThrow(/propZ: trials must be a non-negative integer, got 2.5/);
  });
});

describe('twoPropZ', () => {
  it('is 0 when the pooled proportion is exactly 1 (every vote a success)', () => {
    expect(twoPropZ(5, 7, 5, 7)).toBe(0);
    expect(twoPropZ(0, 0, 0, 0)).toBe(0);
    expect(twoPropZ(5, 7, 5, 7, { polisNumerics: false })).toBe(0);
  });

  it('matches the Polis stats test case (two-prop-test 15 56 24 71) ≈ −1.518 ± 0.01', () => {
    expect(twoPropZ(15, 56, 24, 71)).toBeCloseTo(-1.518, 1);
    expect(Math.abs(twoPropZ(15, 56, 24, 71) - -1.518)).toBeLessThan(0.01);
  });

  it('is antisymmetric and 0 for equal proportions', () => {
    expect(twoPropZ(3, 9, 5, 15)).toBe(-twoPropZ(9, 3, 15, 5));
    expect(twoPropZ(1, 3, 3, 7)).toBe(0);
  });

  it('stays within 1e-12 of the plain formula, including counts whose exact rationals need BigInt', () => {
    fc.assert(
      fc.property(fc.nat(2000), fc.nat(2000), fc.nat(2000), fc.nat(2000), (a, b, c, d) => {
        const [s1, n1] = a <= b ? [a, b] : [b, a];
        const [s2, n2] = c <= d ? [c, d] : [d, c];
        if (s1 + s2 === n1 + n2) return;
        expect(twoPropZ(s1, s2, n1, n2)).toBeCloseTo(plainTwoPropZ(s1, s2, n1, n2), 12);
      }),
      { seed: 42, numRuns: 2000 },
    );
    // N·n1·n2 ≈ 1.5e17 exceeds 2^53, so the exact path runs on BigInt.
    expect(twoPropZ(400000, 300000, 500000, 1000000)).toBeCloseTo(plainTwoPropZ(400000, 300000, 500000, 1000000), 9);
    expect(twoPropZ(400000, 300000, 500000, 1000000, { polisNumerics: false })).toBeCloseTo(plainTwoPropZ(400000, 300000, 500000, 1000000), 9);
  });

  it('rejects impossible counts, saying which side', () => {
    expect(() => twoPropZ(6, 0, 5, 0)).toThrow(/twoPropZ \(group\): successes must be an integer in \[0, 5\], got 6/);
    expect(() => twoPropZ(0, 1, 5, -1)).toThrow(/twoPropZ \(rest\): trials must be a non-negative integer, got -1/);
  });
});
