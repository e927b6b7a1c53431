import { describe, expect, it } from 'vitest';
import { lcg } from '../../src/random/lcg.js';
import { adjustedRandIndex } from '../../src/stats/adjustedRandIndex.js';

/** ARI from pair counts over every i < j (an independent formulation: tp, fp, fn, tn). */
function pairCountingAri(a: number[], b: number[]): number {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let tn = 0;
  for (let i = 0; i < a.length; i++) {
    for (let j = i + 1; j < a.length; j++) {
      const sameA = a[i] === a[j];
      const sameB = b[i] === b[j];
      if (sameA && sameB) tp++;
      else if (sameA) fn++;
      else if (sameB) fp++;
      else tn++;
    }
  }
  return (2 * (tp * tn - fn * fp)) / ((tp + fn) * (fn + tn) + (tp + fp) * (fp + tn));
}

function randomLabels(random: () => number, n: number, k: number): number[] {
  return Array.from({ length: n }, () => Math.floor(random() * k));
}

describe('adjustedRandIndex(a, b)', () => {
  it('is 8/33 for the 3+3 items split into pairs (worked by hand)', () => {
    // Contingency [[2,1,0],[0,1,2]]: Σ C(nij,2) = 2, Σ C(ai,2) = 6, Σ C(bj,2) = 3, C(6,2) = 15,
    // expected = 6·3/15 = 1.2, max = 4.5, ARI = 0.8 / 3.3.
    expect(adjustedRandIndex([0, 0, 0, 1, 1, 1], [0, 0, 1, 1, 2, 2])).toBeCloseTo(8 / 33, 14);
  });

  it('is −1/2 for two crossed halves (worked by hand)', () => {
    // Every cell holds 1: Σ C(nij,2) = 0, Σ C(ai,2) = Σ C(bj,2) = 2, C(4,2) = 6: (0 − 2/3)/(2 − 2/3).
    expect(adjustedRandIndex([0, 0, 1, 1], [0, 1, 0, 1])).toBeCloseTo(-0.5, 14);
  });

  it('is 0 for one group against all singletons', () => {
    expect(adjustedRandIndex([0, 0, 0, 0], [0, 1, 2, 3])).toBe(0);
  });

  it('is 1 for identical labellings, and for the same partition under other labels', () => {
    expect(adjustedRandIndex([0, 1, 1, 2, 2, 2], [0, 1, 1, 2, 2, 2])).toBe(1);
    expect(adjustedRandIndex([0, 1, 1, 2, 2, 2], [7, 3, 3, 0, 0, 0])).toBe(1);
  });

  it('is 1 when both partitions are trivial or fewer than two items are compared', () => {
    expect(adjustedRandIndex([4, 4, 4], [1, 1, 1])).toBe(1);
    expect(adjustedRandIndex([0, 1, 2], [2, 0, 1])).toBe(1);
    expect(adjustedRandIndex([3], [5])).toBe(1);
    expect(adjustedRandIndex([], [])).toBe(1);
  });

  it('skips items unclustered (−1, null, undefined) on either side', () => {
    const a = [0, 0, 0, 1, 1, 1, -1, null, 2];
    const b = [0, 0, 1, 1, 2, 2, 0, 1, undefined];
    expect(adjustedRandIndex(a, b)).toBeCloseTo(8 / 33, 14);
  });

  it('accepts typed arrays', () => {
    expect(adjustedRandIndex(Int32Array.of(0, 0, 0, 1, 1, 1), Int8Array.of(0, 0, 1, 1, 2, 2))).toBeCloseTo(8 / 33, 14);
  });

  it('matches the pair-counting formula, is symmetric and relabel-invariant on random labellings', () => {
    const random = lcg(42);
    for (let trial = 0; trial < 50; trial++) {
      const n = 2 + Math.floor(random() * 60);
      const a = randomLabels(random, n, 1 + Math.floor(random() * 5));
      // Half the trials correlate b with a so the index spans more than the near-zero range.
      const b = trial % 2 === 0 ? randomLabels(random, n, 1 + Math.floor(random() * 5)) : a.map((x) => (random() < 0.8 ? x : 9));
      const ari = adjustedRandIndex(a, b);
      const reference = pairCountingAri(a, b);
      if (Number.isNaN(reference)) expect(ari).toBe(1);
      else expect(ari).toBeCloseTo(reference, 12);
      expect(adjustedRandIndex(b, a)).toBe(ari);
      const relabelled = a.map((x) => 100 - 3 * x);
      expect(adjustedRandIndex(relabelled, b)).toBeCloseTo(ari, 14);
    }
  });

  it('rejects labellings of different lengths, naming both lengths', () => {
    expect(() => adjustedRandIndex([0, 1], [0, 1, 1])).toThrow(/a has 2 and b has 3/);
  });

  it('rejects a non-integer label, naming the value and where it is', () => {
    expect(() => adjustedRandIndex([0, 1.5], [0, 1])).toThrow(/1\.5 at a\[1\]/);
    expect(() => adjustedRandIndex([0, 1], [Number.NaN, 1])).toThrow(/NaN at b\[0\]/);
  });
});
