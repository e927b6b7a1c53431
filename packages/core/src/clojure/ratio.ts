// Clojure turns a Ratio into a double by dividing as BigDecimal to 16 significant digits (MathContext.DECIMAL64,
// half-even) and then parsing that decimal (clojure.lang.Ratio#doubleValue). This can differ from a/b by 1–2 ulps.

const SIGNIFICANT_DIGITS = 16;
// Above these bounds the double long division below stops being exact, so BigInt takes over.
const MAX_FAST_NUMERATOR = 2 ** 52;
const MAX_FAST_DENOMINATOR = 2 ** 49;

/**
 * The double Clojure gives for the exact quotient `numerator / denominator` of two integers: the quotient rounded
 * half-even to 16 significant decimal digits, then parsed to the nearest double. For example
 * `ratioToDouble(16, 18)` is 0.888888888888889 where `16 / 18` is 0.8888888888888888.
 */
export function ratioToDouble(numerator: number | bigint, denominator: number | bigint): number {
  checkInteger(numerator, 'numerator');
  checkInteger(denominator, 'denominator');
  if (denominator === 0 || denominator === 0n) throw new RangeError(`ratioToDouble: denominator must not be 0 (numerator ${numerator})`);
  if (numerator === 0 || numerator === 0n) return 0;
  if (typeof numerator === 'number' && typeof denominator === 'number') {
    const negative = numerator < 0 !== denominator < 0;
    const a = Math.abs(numerator);
    const b = Math.abs(denominator);
    // An integer quotient is not a Ratio in Clojure: it converts directly (% only when it may be one: it is slow).
    const q = a / b;
    if (Number.isInteger(q) && a % b === 0) return negative ? -q : q;
    if (a <= MAX_FAST_NUMERATOR && b <= MAX_FAST_DENOMINATOR) {
      const value = decimalQuotient(a, b);
      return negative ? -value : value;
    }
  }
  return bigQuotient(BigInt(numerator), BigInt(denominator));
}

function checkInteger(x: number | bigint, name: string): void {
  if (typeof x === 'bigint') return;
  if (!Number.isSafeInteger(x)) throw new RangeError(`ratioToDouble: ${name} must be a safe integer or a bigint, got ${x}`);
}

/**
 * Long division in doubles, keeping 16 significant digits rounded half-even. Remainders stay below b, so each step
 * takes as many digits as keep r·10^k below 2^53 and is exact. The digits are summed into an integer m
 * (value = m·10^exponent); when m is a safe integer and 10^−exponent an exact double, one division gives the
 * correctly rounded double, as Java's BigDecimal#doubleValue does. Otherwise BigInt takes over.
 */
function decimalQuotient(a: number, b: number): number {
  const fast = roundedQuotient(a, b);
  if (fast === fast) return fast;
  let m = Math.floor(a / b);
  let r = a - m * b;
  if (r < 0) (m -= 1), (r += b);
  else if (r >= b) (m += 1), (r -= b);
  // Decimal digits of m (a safe integer), without formatting it.
  let digits = 0;
  while (digits < POWERS_OF_TEN.length && POWERS_OF_TEN[digits]! <= m) digits++;
  let exponent = 0;
  // Leading zeros of a quotient below 1 are not significant: skip them without dividing.
  if (m === 0) while (r * 10 < b) (r *= 10), (exponent -= 1);
  // Most digits per step that keep r·10^k below 2^53 (r < b).
  // log10 gives it but for rounding at exact powers: start there and correct by a step either way.
  let chunk = Math.min(POWERS_OF_TEN.length - 1, Math.max(1, Math.floor(Math.log10(2 ** 53 / b))));
  while (chunk > 1 && POWERS_OF_TEN[chunk]! * b > 2 ** 53) chunk--;
  while (chunk + 1 < POWERS_OF_TEN.length && POWERS_OF_TEN[chunk + 1]! * b <= 2 ** 53) chunk++;
  // m before the last step and that step's digits: exact even when m itself outgrows the safe integers.
  let high = m;
  let low = 0;
  let lowDigits = 0;
  while (digits < SIGNIFICANT_DIGITS && r !== 0) {
    const k = Math.min(chunk, SIGNIFICANT_DIGITS - digits);
    const scale = POWERS_OF_TEN[k]!;
    r *= scale;
    let d = Math.floor(r / b);
    r -= d * b;
    if (r < 0) (d -= 1), (r += b);
    else if (r >= b) (d += 1), (r -= b);
    high = m;
    low = d;
    lowDigits = k;
    m = m * scale + d;
    exponent -= k;
    digits += k;
  }
  if (m <= Number.MAX_SAFE_INTEGER && -exponent < POWERS_OF_TEN.length) {
    if (r !== 0 && (2 * r > b || (2 * r === b && m % 2 === 1))) m += 1;
    return m / POWERS_OF_TEN[-exponent]!;
  }
  // The same 16 digits, rounded on the exact last digits, then parsed (correctly rounded, as bigQuotient does).
  if (lowDigits === 0) return bigQuotient(BigInt(a), BigInt(b));
  if (r !== 0 && (2 * r > b || (2 * r === b && low % 2 === 1))) {
    low += 1;
    if (low === POWERS_OF_TEN[lowDigits]) (low = 0), (high += 1);
  }
  return Number(`${high}${String(low).padStart(lowDigits, '0')}e${exponent}`);
}

/**
 * decimalQuotient without the long division, for the usual case: the 16 digits M = a·10^p / b (rounded) are
 * guessed from the double quotient (off by a few units at most), then fixed with the exact remainder
 * a·10^p − M·b, which two exact products give in doubles. NaN when it does not apply (10^p not an exact
 * double, or M past 2^53); the long division takes those.
 */
function roundedQuotient(a: number, b: number): number {
  const q = a / b;
  // The decimal exponent of q from its binary one (Math.log10 costs more than the rest): d or d + 1.
  DOUBLE[0] = q;
  let d = Math.floor(((WORDS[HIGH_WORD]! >>> 20) - 1023) * Math.LOG10E * Math.LN2);
  if (q >= DECADES[d + 1 - FIRST_DECADE]!) d += 1;
  let p = 15 - d;
  if (p < 0 || p > 22) return NaN;
  for (let tries = 0; tries < 3; tries++) {
    const scale = POWERS_OF_TEN[p]!;
    let m = Math.floor(q * scale);
    if (m > 2 ** 53 - 16) return NaN;
    // r = a·10^p − m·b exactly: each product as a pair (hi, lo) of doubles, the highs within a factor 2 (Sterbenz).
    const h1 = a * scale;
    const h2 = m * b;
    let r = h1 - h2 + (productError(a, scale, h1) - productError(m, b, h2));
    // Here |r| is a few b at most (≤ 2^53 with b ≤ 2^49), so these steps are exact.
    while (r < 0) (m -= 1), (r += b);
    while (r >= b) (m += 1), (r -= b);
    // The quotient's first digit decides p: bring m into [10^15, 10^16), else retry with p corrected.
    if (m < 1e15) p += 1;
    else if (m >= 1e16) p -= 1;
    else {
      if (r !== 0 && (2 * r > b || (2 * r === b && m % 2 === 1))) m += 1;
      return m > 2 ** 53 ? NaN : m / scale;
    }
    if (p < 0 || p > 22) return NaN;
  }
  return NaN;
}

// x·y − fl(x·y) exactly (Dekker's product with Veltkamp's split; no FMA in JavaScript).
function productError(x: number, y: number, product: number): number {
  let c = 134217729 * x;
  const xh = c - (c - x);
  const xl = x - xh;
  c = 134217729 * y;
  const yh = c - (c - y);
  const yl = y - yh;
  return xh * yh - product + xh * yl + xl * yh + xl * yl;
}

// A double's high word (exponent bits), read through an aliased view; which word it is depends on byte order.
const DOUBLE = new Float64Array(1);
const WORDS = new Uint32Array(DOUBLE.buffer);
DOUBLE[0] = 1;
const HIGH_WORD = WORDS[1] === 0x3ff00000 ? 1 : 0;
// 10^−16 … 10^17 as the nearest doubles, to place a quotient among the decades (p is checked after): with a ≤ 2^52
// and b ≤ 2^49 the quotient lies between 10^−15 and 10^16.
const FIRST_DECADE = -16;
const DECADES = Array.from({ length: 34 }, (_, k) => Number(`1e${k + FIRST_DECADE}`));

// 10^0 … 10^22: the powers of ten that doubles hold exactly.
const POWERS_OF_TEN = Array.from({ length: 23 }, (_, k) => Number(`1e${k}`));

/** Same rounding with BigInt, for operands beyond the exact range of doubles. */
function bigQuotient(numerator: bigint, denominator: bigint): number {
  const negative = numerator < 0n !== denominator < 0n;
  const a = numerator < 0n ? -numerator : numerator;
  const b = denominator < 0n ? -denominator : denominator;
  if (a % b === 0n) return Number(negative ? -(a / b) : a / b);
  const low = 10n ** BigInt(SIGNIFICANT_DIGITS - 1);
  const high = low * 10n;
  // Scale so that the integer quotient has exactly 16 digits; the length estimate is off by at most one.
  let scale = SIGNIFICANT_DIGITS - (a.toString().length - b.toString().length);
  let q = 0n;
  let r = 0n;
  let divisor = b;
  for (;;) {
    const dividend = scale >= 0 ? a * 10n ** BigInt(scale) : a;
    divisor = scale >= 0 ? b : b * 10n ** BigInt(-scale);
    q = dividend / divisor;
    r = dividend % divisor;
    if (q >= high) scale -= 1;
    else if (q < low) scale += 1;
    else break;
  }
  if (2n * r > divisor || (2n * r === divisor && (q & 1n) === 1n)) q += 1n;
  const value = Number(`${q}e${-scale}`);
  return negative ? -value : value;
}
