import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ratioToDouble } from '../../src/clojure/ratio.js';

/** Independent reference: exact BigInt long division to 16 significant digits, half-even, then Number(). */
function reference(numerator: bigint, denominator: bigint): number {
  const negative = numerator < 0n !== denominator < 0n;
  let a = numerator < 0n ? -numerator : numerator;
  const b = denominator < 0n ? -denominator : denominator;
  if (a === 0n) return 0;
  let exponent = 0;
  // Bring the quotient into [10^15, 10^16) by scaling the numerator or the denominator by ten.
  let d = b;
  while (a / d >= 10n ** 16n) (d *= 10n), (exponent += 1);
  while (a / d < 10n ** 15n) (a *= 10n), (exponent -= 1);
  let q = a / d;
  const twice = 2n * (a % d);
  if (twice > d || (twice === d && q % 2n === 1n)) q += 1n;
  const value = Number(`${q}e${exponent}`);
  return negative ? -value : value;
}

describe('ratioToDouble', () => {
  it('ratioToDouble(16, 18) is 0.888888888888889 where 16/18 is 0.8888888888888888', () => {
    expect(ratioToDouble(16, 18)).toBe(0.888888888888889);
    expect(16 / 18).toBe(0.8888888888888888);
    expect(ratioToDouble(16n, 18n)).toBe(0.888888888888889);
  });

  it('matches values from Python decimal with prec=16, ROUND_HALF_EVEN (Java MathContext.DECIMAL64)', () => {
    // Reference values computed with Python's decimal module, an implementation independent of this one.
    expect(ratioToDouble(2, 3)).toBe(0.6666666666666667);
    expect(ratioToDouble(1, 7)).toBe(0.1428571428571429);
    expect(ratioToDouble(5, 6)).toBe(0.8333333333333333);
    expect(ratioToDouble(1_000_000_000_000_001, 1_000_000_000_000_007)).toBe(0.999999999999994);
    expect(ratioToDouble(10n ** 30n, 7n)).toBe(1.428571428571429e29);
    expect(ratioToDouble(1n, 10n ** 20n + 3n)).toBe(1e-20);
    expect(ratioToDouble(2n ** 80n + 1n, 3n)).toBe(4.029752732048764e23);
  });

  it('rounds exact ties half-even at the 16th digit', () => {
    // 123457/65536 = 1.8838043212890625 exactly: the 16th digit 2 is even, so the tie rounds down.
    expect(ratioToDouble(123457, 65536)).toBe(1.883804321289062);
    // 123459/65536 = 1.8838348388671875 exactly: the 16th digit 7 is odd, so the tie rounds up.
    expect(ratioToDouble(123459, 65536)).toBe(1.883834838867188);
  });

  it('keeps the sign and converts integer quotients directly', () => {
    expect(ratioToDouble(-16, 18)).toBe(-0.888888888888889);
    expect(ratioToDouble(16, -18)).toBe(-0.888888888888889);
    expect(ratioToDouble(-16, -18)).toBe(0.888888888888889);
    expect(ratioToDouble(10, 5)).toBe(2);
    expect(ratioToDouble(-10n, 5n)).toBe(-2);
    expect(ratioToDouble(0, 7)).toBe(0);
    expect(ratioToDouble(2n ** 70n, 1n)).toBe(2 ** 70);
  });

  it('agrees with an exact BigInt reference on random operands, on the double and the BigInt paths', () => {
    fc.assert(
      fc.property(fc.integer({ min: -(2 ** 52), max: 2 ** 52 }), fc.integer({ min: 1, max: 2 ** 49 }), (a, b) => {
        const expected = reference(BigInt(a), BigInt(b));
        expect(ratioToDouble(a, b)).toBe(expected);
        // Scaling both operands past 2^53 forces the BigInt path; the quotient is the same rational.
        expect(ratioToDouble(BigInt(a) * 3n ** 40n, BigInt(b) * 3n ** 40n)).toBe(expected);
      }),
      { seed: 42, numRuns: 3000 },
    );
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5000 }), fc.integer({ min: 1, max: 5000 }), (a, b) => {
        expect(ratioToDouble(a, b)).toBe(reference(BigInt(a), BigInt(b)));
      }),
      { seed: 7, numRuns: 3000 },
    );
  });

  it('agrees with the reference where the 16-digit mantissa passes 2^53 and for quotients below 1e-7', () => {
    // Leading digits 9007… and up: the mantissa is no longer a safe integer (the last digits are handled apart).
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 2 ** 40 }), fc.double({ min: 0.9008, max: 0.99999, noNaN: true }), fc.integer({ min: 0, max: 3 }), (b, share, shift) => {
        const a = Math.floor(b * share) * 10 ** shift;
        if (a === 0 || a % b === 0) return;
        expect(ratioToDouble(a, b)).toBe(reference(BigInt(a), BigInt(b)));
      }),
      { seed: 11, numRuns: 3000 },
    );
    // Tiny quotients: 10^−exponent is no longer an exact double.
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1000 }), fc.integer({ min: 2 ** 30, max: 2 ** 49 }), (a, b) => {
        expect(ratioToDouble(a, b)).toBe(reference(BigInt(a), BigInt(b)));
      }),
      { seed: 12, numRuns: 3000 },
    );
  });

  it('agrees with the reference on the shapes the statistics divide (count ratios, products of counts, power-of-two ties)', () => {
    // Laplace-smoothed shares (a+1)/(n+2), the proportion tests' products, and denominators 2^k (exact decimal ties).
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 200_000 }), fc.integer({ min: 1, max: 200_000 }), fc.integer({ min: 1, max: 200_000 }), (a, n, m) => {
        for (const [x, y] of [[a + 1, n + 2], [a * m + 1, n * m], [(a + 1) * (n + 1), m * (m + 1) * 7]] as const) {
          if (x > 2 ** 52 || y > 2 ** 49) continue;
          expect(ratioToDouble(x, y)).toBe(reference(BigInt(x), BigInt(y)));
        }
      }),
      { seed: 21, numRuns: 20000 },
    );
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 40 }), fc.integer({ min: 1, max: 49 }), (a, k) => {
        expect(ratioToDouble(a, 2 ** k)).toBe(reference(BigInt(a), 2n ** BigInt(k)));
      }),
      { seed: 22, numRuns: 20000 },
    );
  });

  it('stays within half a unit of the 16th significant digit of a/b (so up to ~2 ulps when the digit unit is coarse)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10 ** 9 }), fc.integer({ min: 1, max: 10 ** 9 }), (a, b) => {
        const plain = a / b;
        const halfDigit = 0.5 * 10 ** (Math.floor(Math.log10(plain)) - 15);
        const ulp = 2 ** (Math.floor(Math.log2(plain)) - 52);
        expect(Math.abs(ratioToDouble(a, b) - plain)).toBeLessThanOrEqual(halfDigit + ulp);
      }),
      { seed: 3, numRuns: 2000 },
    );
  });

  it('rejects a zero denominator and non-integers, naming the value', () => {
    expect(() => ratioToDouble(3, 0)).toThrow(/denominator must not be 0 \(numerator 3\)/);
    expect(() => ratioToDouble(3n, 0n)).toThrow(/denominator must not be 0/);
    expect(() => ratioToDouble(1.5, 2)).toThrow(/numerator must be a safe integer or a bigint, got 1.5/);
    expect(() => ratioToDouble(1, 2 ** 60)).toThrow(/denominator must be a safe integer/);
    expect(() => ratioToDouble(Number.NaN, 2)).toThrow(/got NaN/);
  });
});
