import type { VotesCsvScanner } from './votesCsvScanner.js';

// Byte constants are local to each scanner: imported ones read 17 % slower in the hot loop (measured).
const COMMA = 44;
const LF = 10;
const CR = 13;
const QUOTE = 34;
const MINUS = 45;
const ZERO = 48;
const ONE = 49;
// Per-byte masks for the word test: a byte below 14 or equal to ',' sets its top bit in the test's result.
const ONES = 0x01010101;
const BELOW_14 = 0x0e0e0e0e;
const COMMAS = 0x2c2c2c2c;
const HIGH_BITS = 0x80808080 | 0;

/**
 * The fast path of the votes.csv reader for Polis's own column order
 * (`timestamp,datetime,comment-id,voter-id,vote`): parses plain rows from `from` into the scanner's
 * arrays and returns where it stopped, at the first row that is not plain (blank, quoted, oddly
 * spelled, malformed or with a 10-digit id). The caller parses that row on the general path, which
 * gives the same result or error, so this path only ever handles rows it is sure of.
 *
 * `last` is the index of a line feed at or after `from`. Every field loop stops at a line feed, so
 * no read goes past `last`, and the loops need no end-of-buffer checks.
 */
export function scanCanonicalVotesRows(scanner: VotesCsvScanner, buf: Uint8Array, from: number, last: number): number {
  let P = scanner.participant;
  let S = scanner.statement;
  let V = scanner.vote;
  let T = scanner.time;
  const sign = scanner.negate ? -1 : 1;
  // 32-bit words of `buf` that end at or before `last`; word w holds bytes (w << 2) − shift … + 3.
  const shift = buf.byteOffset & 3;
  const words = new Int32Array(buf.buffer, buf.byteOffset - shift, (shift + last + 1) >> 2);
  const nWords = words.length;
  const first = scanner.length;
  let n = first;
  let pos = from;
  while (pos < last) {
    let i = pos;
    let b = buf[i] as number;
    // timestamp: two digits per step halve the multiply-add chain; at most 15 digits stay exact, as on the general path
    let t = 0;
    let d = b - ZERO;
    while (d >= 0 && d <= 9) {
      const e = (buf[i + 1] as number) - ZERO;
      if (e < 0 || e > 9) {
        t = t * 10 + d;
        i++;
        break;
      }
      t = t * 100 + (d * 10 + e);
      i += 2;
      d = (buf[i] as number) - ZERO;
    }
    b = buf[i] as number;
    if (b !== COMMA || i === pos || i - pos > 15) break;
    // datetime: skipped, four bytes at a time once aligned; a quote at its start needs the general path
    b = buf[++i] as number;
    if (b === QUOTE) break;
    let w = (shift + i + 3) >> 2;
    const aligned = (w << 2) - shift;
    while (i < aligned && (b > COMMA || (b !== COMMA && b !== LF && b !== CR))) b = buf[++i] as number;
    if (i === aligned) {
      // A word with no byte below 14 and no ',' holds no field or line end (bit trick: "hasless" / "haszero").
      for (; w < nWords; w++) {
        const x = words[w] as number;
        const c = x ^ COMMAS;
        if ((((c - ONES) & ~c) | ((x - BELOW_14) & ~x)) & HIGH_BITS) break;
      }
      i = (w << 2) - shift;
      b = buf[i] as number;
      while (b > COMMA || (b !== COMMA && b !== LF && b !== CR)) b = buf[++i] as number;
    }
    if (b !== COMMA) break;
    // comment-id and voter-id: at most 9 digits, so they fit in 32 bits without a check
    let k = ++i;
    let s = 0;
    b = buf[i] as number;
    while (b >= ZERO && b <= ZERO + 9) {
      s = s * 10 + (b - ZERO);
      b = buf[++i] as number;
    }
    if (b !== COMMA || i === k || i - k > 9) break;
    k = ++i;
    let p = 0;
    b = buf[i] as number;
    while (b >= ZERO && b <= ZERO + 9) {
      p = p * 10 + (b - ZERO);
      b = buf[++i] as number;
    }
    if (b !== COMMA || i === k || i - k > 9) break;
    b = buf[++i] as number;
    let v: number;
    if (b === ONE) v = 1;
    else if (b === ZERO) v = 0;
    else if (b === MINUS && buf[i + 1] === ONE) (v = -1), i++;
    else break;
    // The row must end here; a CR before `last` always has a next byte to check for LF.
    b = buf[++i] as number;
    if (b === LF) i++;
    else if (b === CR) i += buf[i + 1] === LF ? 2 : 1;
    else break;
    if (n === P.length) {
      scanner.length = n;
      scanner.grow();
      (P = scanner.participant), (S = scanner.statement), (V = scanner.vote), (T = scanner.time);
    }
    P[n] = p;
    S[n] = s;
    V[n] = sign * v;
    T[n] = t;
    n++;
    pos = i;
  }
  scanner.line += n - first;
  scanner.length = n;
  return pos;
}
