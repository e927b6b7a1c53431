import { ratioToDouble } from '../clojure/ratio.js';

/**
 * The double Polis uses for the exact rational `numerator / denominator`: Clojure's 16-digit Ratio conversion when
 * `polisNumerics` is on, else the correctly rounded quotient (what exact rational arithmetic should give).
 */
export function quotient(numerator: number | bigint, denominator: number | bigint, polisNumerics: boolean): number {
  if (polisNumerics) return ratioToDouble(numerator, denominator);
  if (typeof numerator === 'number' && typeof denominator === 'number') return numerator / denominator;
  return bigIntQuotient(BigInt(numerator), BigInt(denominator));
}

// Dividing two rounded doubles would round twice: take a 64-bit integer quotient with a sticky bit instead.
function bigIntQuotient(a: bigint, b: bigint): number {
  const negative = a < 0n !== b < 0n;
  const x = a < 0n ? -a : a;
  const y = b < 0n ? -b : b;
  const shift = Math.max(0, 64 - (x.toString(2).length - y.toString(2).length));
  const scaled = x << BigInt(shift);
  let q = scaled / y;
  if (scaled % y !== 0n) q |= 1n;
  const value = Number(q) / 2 ** shift;
  return negative ? -value : value;
}
