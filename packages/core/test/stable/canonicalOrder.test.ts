import { describe, expect, it } from 'vitest';
import { canonicalOrder } from '../../src/stable/canonicalOrder.js';

describe('canonicalOrder(ids)', () => {
  it('returns the indices that sort the ids (numbers first, then strings)', () => {
    const ids = ['b', 3, 'a', 1];
    expect(Array.from(canonicalOrder(ids), (i) => ids[i])).toEqual([1, 3, 'a', 'b']);
  });

  it('gives the same sorted ids for any arrival order of the same set', () => {
    const a = [5, 1, 9, 3, 7];
    const b = [9, 7, 5, 3, 1];
    expect(Array.from(canonicalOrder(a), (i) => a[i])).toEqual(Array.from(canonicalOrder(b), (i) => b[i]));
  });

  it('handles an empty list', () => {
    expect(canonicalOrder([]).length).toBe(0);
  });
});
