import { describe, expect, it } from 'vitest';
import { quotient } from '../../src/stats/quotient.js';

describe('quotient', () => {
  it('uses Clojure 16-digit rounding with polisNumerics and plain division without', () => {
    expect(quotient(16, 18, true)).toBe(0.888888888888889);
    expect(quotient(16, 18, false)).toBe(16 / 18);
  });

  it('rounds BigInt rationals correctly (once) without polisNumerics', () => {
    // (2^80 + 1)/3 lies just above a double; a double division of the rounded operands would land elsewhere.
    const a = 2n ** 80n + 1n;
    expect(quotient(a, 3n, false)).toBe(Number(a / 3n));
    // 10^25 is not a double, so 1e25 / 7 would round twice; the truncated BigInt quotient is exact to 1e-24.
    expect(quotient(-(10n ** 25n), 7n, false)).toBe(-Number(10n ** 25n / 7n));
    expect(quotient(1n, 3n, false)).toBe(1 / 3);
    expect(quotient(0n, 3n, false)).toBe(0);
  });
});
