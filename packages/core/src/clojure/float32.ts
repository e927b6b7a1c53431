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
  // A pure function of f, and slow (string formatting): warm updates ask again for the same few values.
  const known = shortest.get(f);
  if (known !== undefined) return known;
  if (shortest.size >= MAX_REMEMBERED) shortest.clear();
  const value = shortestDecimal(f);
  shortest.set(f, value);
  return value;
}

const MAX_REMEMBERED = 4096;
const shortest = new Map<number, number>();

// float32ForJson of a finite non-zero float32 f.
function shortestDecimal(f: number): number {
  const magnitude = Math.abs(f);
  for (let digits = 1; digits <= 9; digits++) {
    const [nearest, exponent] = decimalDigits(magnitude, digits);
    // The nearest decimal of this length may fall outside an asymmetric rounding interval while a neighbour fits.
    const fits = [nearest - 1, nearest, nearest + 1].filter((m) => m > 0 && Math.fround(Number(`${m}e${exponent}`)) === magnitude);
    if (fits.length === 0) continue;
    const m = fits.length === 1 ? fits[0]! : closest(fits, exponent, magnitude);
    const value = Number(`${m}e${exponent}`);
    return f < 0 ? -value : value;
  }
  // Nine significant digits always identify a float32.
  throw new Error(`float32ForJson: no decimal of at most 9 digits reads back as ${f}`);
}

/** x > 0 rounded to `digits` significant digits, as an integer mantissa and a power of ten. */
function decimalDigits(x: number, digits: number): [number, number] {
  const text = x.toExponential(digits - 1);
  const e = text.indexOf('e');
  const mantissa = Number(text.slice(0, e).replace('.', ''));
  return [mantissa, Number(text.slice(e + 1)) - (digits - 1)];
}

/** The mantissa m (ascending list) whose m·10^exponent is exactly closest to the float32 f; ties go to even m. */
function closest(mantissas: number[], exponent: number, f: number): number {
  // f = significand · 2^power exactly; scale f and the candidates to integers so the distances compare exactly.
  const bits = new Uint32Array(Float32Array.of(f).buffer)[0]!;
  const biased = (bits >>> 23) & 0xff;
  const significand = BigInt(biased === 0 ? bits & 0x7fffff : (bits & 0x7fffff) | 0x800000);
  const power = biased === 0 ? -149 : biased - 150;
  const twos = BigInt(Math.max(0, -power));
  const tens = BigInt(Math.max(0, -exponent));
  const target = (significand << (BigInt(power) + twos)) * 10n ** tens;
  let best = mantissas[0]!;
  let bestDistance: bigint | null = null;
  for (const m of mantissas) {
    const scaled = (BigInt(m) * 10n ** (BigInt(exponent) + tens)) << twos;
    const distance = scaled > target ? scaled - target : target - scaled;
    if (bestDistance === null || distance < bestDistance || (distance === bestDistance && m % 2 === 0)) {
      best = m;
      bestDistance = distance;
    }
  }
  return best;
}
