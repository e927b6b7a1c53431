import type { VotesCsvScanner } from './votesCsvScanner.js';

// How `scanRows` ended, in module variables: property stores after its loop would deopt the loop's OSR code on every call (no feedback there yet).
let rowsEnd = 0;
// Whether it stopped at a plain row that found the arrays full.
let filled = false;

/**
 * The fast path of the votes.csv reader for Polis's own column order
 * (`timestamp,datetime,comment-id,voter-id,vote`): parses plain rows from `from` into the scanner's
 * arrays (growing them when a plain row needs room) and returns where it stopped, at the first row that is not plain (blank, quoted, oddly
 * spelled, malformed or with a 10-digit id). The caller parses that row on the general path, which
 * gives the same result or error, so this path only ever handles rows it is sure of.
 *
 * `last` is the index of a line feed at or after `from`. Every field loop stops at a line feed, so
 * no read goes past `last`, and the loops need no end-of-buffer checks.
 */
export function scanCanonicalVotesRows(scanner: VotesCsvScanner, buf: Uint8Array, from: number, last: number): number {
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const sign = scanner.negate ? -1 : 1;
  let pos = from;
  for (;;) {
    const first = scanner.length;
    pos = scanRows(buf, view, pos, last, scanner.participant, scanner.statement, scanner.vote, scanner.time, first, sign);
    scanner.line += rowsEnd - first;
    scanner.length = rowsEnd;
    if (!filled) return pos;
    // The loop stops at full arrays rather than growing them, so it calls nothing.
    scanner.grow();
  }
}

// The loop itself, on arguments only: a property read here would lack feedback when the loop is optimized during its first call.
function scanRows(
  buf: Uint8Array,
  view: DataView,
  from: number,
  last: number,
  P: Int32Array,
  S: Int32Array,
  V: Int8Array,
  T: Float64Array,
  first: number,
  voteSign: number,
): number {
  // Constants are locals: module-level ones are reloaded from the context and type-checked on every use (measured 23 % slower).
  const COMMA = 44;
  const LF = 10;
  const CR = 13;
  const QUOTE = 34;
  const ZERO = 48;
  // Per-byte masks for the word tests, which set a byte's top bit for a stop byte (below 14 or ',') or a non-digit: exact for the lowest such byte.
  const ONES = 0x01010101;
  const BELOW_14 = 0x0e0e0e0e;
  const COMMAS = 0x2c2c2c2c;
  const ZEROS = 0x30303030;
  const ABOVE_NINE = 0x46464646;
  const HIGH_BITS = 0x80808080 | 0;
  // `| 0` makes these plain int32 values, not tagged ones re-checked on every use.
  const end = last | 0;
  const sign = voteSign | 0;
  const cap = P.length;
  let n = first | 0;
  let pos = from | 0;
  // Widths of the timestamp and datetime of the last row: most files spell every row alike, so the next row is tried at them.
  let timeWidth = 0;
  let dateWidth = 0;
  let full = false;
  while (pos < end) {
    let i = pos;
    let b: number;
    // timestamp: at the last width, four digits a read; at most 15 digits stay exact, as on the general path
    let t = 0;
    let fits = false;
    const timeEnd = pos + timeWidth;
    if (timeWidth >= 4 && timeEnd <= end && buf[timeEnd] === COMMA) {
      let k = pos;
      let flags = 0;
      for (const head = pos + (timeWidth & 3); k < head; k++) {
        const d = (buf[k] as number) - ZERO;
        flags |= d | (9 - d);
        t = t * 10 + d;
      }
      for (; k < timeEnd; k += 4) {
        const x = view.getInt32(k, true);
        flags |= (x - ZEROS) | (x + ABOVE_NINE) | x;
        t = t * 10000 + fourDigits(x - ZEROS);
      }
      fits = (flags & HIGH_BITS) === 0;
    }
    if (fits) i = timeEnd;
    else {
      // two digits per step halve the multiply-add chain
      t = 0;
      let d = (buf[i] as number) - ZERO;
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
      if (buf[i] !== COMMA || i === pos || i - pos > 15) break;
      timeWidth = i - pos;
    }
    // datetime: skipped; a quote at its start needs the general path
    const date = i + 1;
    if (buf[date] === QUOTE) break;
    fits = false;
    const dateEnd = date + dateWidth;
    if (dateWidth >= 4 && dateEnd <= end && buf[dateEnd] === COMMA) {
      // At the last width: four bytes a read, the last read overlapping (a `k < … ? k : …` inside the loop measured 2× slower overall).
      let flags = 0;
      for (let k = date; k < dateEnd - 4; k += 4) {
        const x = view.getInt32(k, true);
        const c = x ^ COMMAS;
        flags |= ((c - ONES) & ~c) | ((x - BELOW_14) & ~x);
      }
      const x = view.getInt32(dateEnd - 4, true);
      const c = x ^ COMMAS;
      flags |= ((c - ONES) & ~c) | ((x - BELOW_14) & ~x);
      fits = (flags & HIGH_BITS) === 0;
    }
    if (fits) i = dateEnd;
    else {
      // Four bytes a read up to the first read that holds a stop byte, then byte by byte to it.
      i = date;
      for (; i + 4 <= end; i += 4) {
        const x = view.getInt32(i, true);
        const c = x ^ COMMAS;
        if ((((c - ONES) & ~c) | ((x - BELOW_14) & ~x)) & HIGH_BITS) break;
      }
      b = buf[i] as number;
      while (b > COMMA || (b !== COMMA && b !== LF && b !== CR)) b = buf[++i] as number;
      if (b !== COMMA) break;
      dateWidth = i - date;
    }
    // comment-id and voter-id: at most 9 digits, so they fit in 32 bits without a check; `>>> 0` makes the digit test one unsigned compare
    let k = ++i;
    let s = 0;
    let dig = (buf[i] as number) - ZERO;
    while (dig >>> 0 <= 9) {
      s = s * 10 + dig;
      dig = (buf[++i] as number) - ZERO;
    }
    if (dig !== COMMA - ZERO || i === k || i - k > 9) break;
    k = ++i;
    let p = 0;
    dig = (buf[i] as number) - ZERO;
    while (dig >>> 0 <= 9) {
      p = p * 10 + dig;
      dig = (buf[++i] as number) - ZERO;
    }
    if (dig !== COMMA - ZERO || i === k || i - k > 9) break;
    // vote: '1', '0' or '-1' with no branch on which, as random votes would mispredict it (measured 8 % of the loop)
    const minus = (((buf[++i] as number) ^ 45) - 1) >>> 31;
    i += minus;
    const digit = buf[i] as number;
    if ((digit | (1 - minus)) !== ZERO + 1) break;
    const v = digit - ZERO - 2 * minus;
    // The row must end here; a CR before `last` always has a next byte to check for LF.
    b = buf[++i] as number;
    if (b === LF) i++;
    else if (b === CR) i += buf[i + 1] === LF ? 2 : 1;
    else break;
    if (n === cap) {
      full = true;
      break;
    }
    P[n] = p;
    S[n] = s;
    V[n] = sign * v;
    T[n] = t;
    n++;
    pos = i;
  }
  rowsEnd = n;
  filled = full;
  return pos;
}

// The number in four digit bytes `y` (each minus '0', the first in the low byte): pairs, then the two pairs.
function fourDigits(y: number): number {
  const pairs = (Math.imul(y, 10) + (y >>> 8)) & 0x00ff00ff;
  return (Math.imul(pairs, 100) + (pairs >>> 16)) & 0xffff;
}
