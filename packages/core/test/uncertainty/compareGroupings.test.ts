import { describe, expect, it } from 'vitest';
import { compareGroupings } from '../../src/uncertainty/compareGroupings.js';

describe('compareGroupings(reference, resample, present, nReference, nResample)', () => {
  const everyone = new Uint8Array(8).fill(1);

  it('pairs relabelled groups and gives Jaccard 1 for the same partition', () => {
    const c = compareGroupings(Int32Array.of(0, 0, 0, 1, 1, 1, -1, -1), Int32Array.of(1, 1, 1, 0, 0, 0, -1, -1), everyone, 2, 2);
    expect(Array.from(c.pairedWith)).toEqual([1, 0]);
    expect(Array.from(c.jaccard)).toEqual([1, 1]);
  });

  it('computes the best-match Jaccard over the resampled participants only', () => {
    // Reference {0,1,2,3}, {4,5,6,7}; participant 7 absent; resample moves 3 to the other group.
    const present = Uint8Array.of(1, 1, 1, 1, 1, 1, 1, 0);
    const c = compareGroupings(Int32Array.of(0, 0, 0, 0, 1, 1, 1, 1), Int32Array.of(0, 0, 0, 1, 1, 1, 1, -1), present, 2, 2);
    expect(c.jaccard[0]).toBeCloseTo(3 / 4, 12);
    expect(c.jaccard[1]).toBeCloseTo(3 / 4, 12);
    expect(Array.from(c.pairedWith)).toEqual([0, 1]);
  });

  it('leaves a reference group unpaired when a resample merges it away, NaN when none of it was resampled', () => {
    const c = compareGroupings(Int32Array.of(0, 0, 1, 1, 2, 2, 2, 2), Int32Array.of(0, 0, 0, 0, 1, 1, 1, 1), everyone, 3, 2);
    expect(Array.from(c.pairedWith).filter((h) => h >= 0).length).toBe(2);
    expect(c.jaccard[2]).toBe(1);
    const absent = compareGroupings(Int32Array.of(0, 1), Int32Array.of(0, 0), Uint8Array.of(1, 0), 2, 1);
    expect(Number.isNaN(absent.jaccard[1]!)).toBe(true);
  });
});
