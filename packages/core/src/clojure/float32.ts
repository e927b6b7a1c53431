// Polis writes `repness-test` as a Java float: the value is rounded to float32 and printed as the shortest decimal
// that reads back to the same float32 (Java Float.toString since JDK 19, numpy str(np.float32)).

/**
 * Rounds `x` to float32 and returns the double of the shortest decimal that reads back as that float32, so that
 * `JSON.stringify` prints what Polis prints: `float32ForJson(2.699862241744995)` gives 2.6998622.
 * `Math.fround` of the result is `Math.fround(x)`. Among equally short decimals the closest wins, then the even one.
 */
export function float32ForJson(x: number): number {
  const f = Math.fround(x);
  if (f === 0 || !Number.isFinite(f)) return f;
  for (let digits = 1; digits <= 9; digits++) {
    const [mantissa, exponent] = decimalDigits(f, digits);
    let best: number | null = null;
    let bestDistance = Infinity;
    let bestMantissa = 0;
    // The nearest decimal of this length may fall outside an asymmetric rounding interval while a neighbour fits.
    for (const m of [mantissa - 1, mantissa, mantissa + 1]) {
      if (m <= 0) continue;
      const candidate = Number(`${m}e${exponent}`);
      if (Math.fround(candidate) !== f) continue;
      const distance = Math.abs(candidate - f);
      if (distance < bestDistance || (distance === bestDistance && m % 2 === 0 && bestMantissa % 2 !== 0)) {
        best = candidate;
        bestDistance = distance;
        bestMantissa = m;
      }
    }
    if (best !== null) return f < 0 ? -best : best;
  }
  // Nine significant digits always identify a float32.
  throw new Error(`float32ForJson: no decimal of at most 9 digits reads back as ${f}`);
}

/** |f| rounded to `digits` significant digits, as an integer mantissa and a power of ten. */
function decimalDigits(f: number, digits: number): [number, number] {
  const text = Math.abs(f).toExponential(digits - 1);
  const e = text.indexOf('e');
  const mantissa = Number(text.slice(0, e).replace('.', ''));
  return [mantissa, Number(text.slice(e + 1)) - (digits - 1)];
}
