import { describe, expect, it } from 'vitest';
import { stableInConv } from '../../src/stable/stableInConv.js';

describe('stableInConv(voteCounts, nCols, options)', () => {
  it('takes everyone at the threshold, min(threshold, statements)', () => {
    expect(Array.from(stableInConv(Int32Array.of(7, 6, 9, 1), 20, { threshold: 7, minimum: 1 }))).toEqual([1, 0, 1, 0]);
    expect(Array.from(stableInConv(Int32Array.of(3, 2, 1), 3, { threshold: 7, minimum: 1 }))).toEqual([1, 0, 0]);
  });

  it('tops up by vote count, ties in row order', () => {
    expect(Array.from(stableInConv(Int32Array.of(2, 5, 2, 3, 2), 20, { threshold: 7, minimum: 3 }))).toEqual([1, 1, 0, 1, 0]);
  });

  it('never tops up a row without votes', () => {
    expect(Array.from(stableInConv(Int32Array.of(0, 2, 0), 20, { threshold: 7, minimum: 3 }))).toEqual([0, 1, 0]);
  });
});
