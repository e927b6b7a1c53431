import { describe, expect, it } from 'vitest';
import { compareIds } from '../../src/stable/compareIds.js';

describe('compareIds(a, b)', () => {
  it('orders numbers numerically, before every string', () => {
    expect([10, 'b', 2, 'a', -1, 'B'].sort(compareIds)).toEqual([-1, 2, 10, 'B', 'a', 'b']);
  });

  it('orders strings by code unit, not by locale or numeric value', () => {
    expect(['p10', 'p9', 'p1'].sort(compareIds)).toEqual(['p1', 'p10', 'p9']);
    expect(compareIds('x', 'x')).toBe(0);
  });
});
