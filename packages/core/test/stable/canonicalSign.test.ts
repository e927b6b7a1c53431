import { describe, expect, it } from 'vitest';
import { canonicalSign } from '../../src/stable/canonicalSign.js';

describe('canonicalSign(component)', () => {
  it('makes the loadings sum positive', () => {
    expect(canonicalSign([0.5, -0.2, 0.1])).toBe(1);
    expect(canonicalSign([-0.5, 0.2, -0.1])).toBe(-1);
  });

  it('uses the largest loading when the sum is negligible', () => {
    expect(canonicalSign([0.3, -0.6, 0.3])).toBe(-1);
    expect(canonicalSign([-0.3, 0.6, -0.3])).toBe(1);
  });

  it('is +1 for the zero vector', () => {
    expect(canonicalSign([0, 0])).toBe(1);
  });

  it('gives opposite signs for v and −v, so both map to the same vector', () => {
    const v = [0.1, -0.4, 0.25, 0.05];
    expect(canonicalSign(v)).toBe(-canonicalSign(v.map((x) => -x)));
  });
});
