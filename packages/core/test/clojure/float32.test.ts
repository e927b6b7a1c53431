import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { float32ForJson } from '../../src/clojure/float32.js';

describe('float32ForJson', () => {
  it('float32ForJson(2.699862241744995) prints as 2.6998622 (a Polis repness-test)', () => {
    expect(JSON.stringify(float32ForJson(2.699862241744995))).toBe('2.6998622');
    expect(JSON.stringify(2.699862241744995)).not.toBe('2.6998622');
  });

  it('prints what numpy str(np.float32(x)) prints', () => {
    // Pairs produced with numpy 2.4 (Dragon4 shortest round-trip), independent of this implementation.
    const numpy: [number, string][] = [
      [0.1, '0.1'],
      [1 / 3, '0.33333334'],
      [16777217, '16777216'],
      [3.4028234663852886e38, '3.4028235e+38'],
      [1.401298464324817e-45, '1e-45'],
      [2 ** -126, '1.1754944e-38'],
      // A power of two: the rounding interval is narrower below, and the nearest 7-digit decimal falls outside it.
      [2 ** -20, '9.536743e-7'],
      // An exact tie between two 8-digit decimals (0.000244140625): the even one wins.
      [2 ** -12, '0.00024414062'],
      [123456789, '123456790'],
      [1.2816, '1.2816'],
      [4.058064937591553, '4.058065'],
    ];
    for (const [x, text] of numpy) expect(float32ForJson(x)).toBe(Number(text));
  });

  it('reads back as the same float32, for any double', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true, min: -3e38, max: 3e38 }), (x) => {
        expect(Math.fround(float32ForJson(x))).toBe(Math.fround(x));
      }),
      { seed: 42, numRuns: 3000 },
    );
  });

  it('is the shortest such decimal: one digit fewer never reads back', () => {
    fc.assert(
      fc.property(fc.float({ noNaN: true, noDefaultInfinity: true, min: Math.fround(1e-30), max: Math.fround(1e30) }), (f) => {
        const out = float32ForJson(f);
        const digits = out.toExponential().replace(/e.*$/, '').replace('.', '').length;
        if (digits === 1) return;
        const shorter = Number(f.toExponential(digits - 2));
        const step = 10 ** (Math.floor(Math.log10(Math.abs(shorter))) - (digits - 2));
        for (const c of [shorter - step, shorter, shorter + step]) {
          expect(Math.fround(Number(c.toPrecision(digits - 1)))).not.toBe(f);
        }
      }),
      { seed: 9, numRuns: 2000 },
    );
  });

  it('keeps the sign, zero and non-finite values', () => {
    expect(float32ForJson(-2.699862241744995)).toBe(-2.6998622);
    expect(float32ForJson(0)).toBe(0);
    expect(Object.is(float32ForJson(-0), -0)).toBe(true);
    expect(float32ForJson(Infinity)).toBe(Infinity);
    expect(float32ForJson(1e39)).toBe(Infinity);
    expect(float32ForJson(Number.NaN)).toBeNaN();
  });
});
