import { describe, expect, it } from 'vitest';
import { chooseStableK } from '../../src/stable/chooseStableK.js';

describe('chooseStableK(silhouettes, tieBand)', () => {
  it('chooses the smallest k within the band of the best', () => {
    // brexit-consensus, stable mode: 0.427 (k=2) vs 0.434 (k=3).
    expect(chooseStableK(new Map([[2, 0.427], [3, 0.434], [4, 0.402]]), 0.02)).toEqual({ best: 3, chosen: 2 });
  });

  it('keeps a clearly better larger k', () => {
    expect(chooseStableK(new Map([[2, 0.3], [3, 0.45]]), 0.02)).toEqual({ best: 3, chosen: 3 });
  });

  it('is a plain argmax with band 0, smaller k on exact ties', () => {
    expect(chooseStableK(new Map([[2, 0.4], [3, 0.4], [4, 0.1]]), 0)).toEqual({ best: 2, chosen: 2 });
  });

  it('rejects a non-finite silhouette and an empty map', () => {
    expect(() => chooseStableK(new Map([[2, NaN]]), 0.02)).toThrow(/silhouette of k = 2 must be a finite number, got NaN/);
    expect(() => chooseStableK(new Map(), 0.02)).toThrow(/no silhouettes/);
  });
});
