// Routing weights for the next statement a participant sees, Polis `comment-priorities` (§14.1).

import { defaultOptions } from '../options.js';
import { quotient } from './quotient.js';
import type { CellMemo } from './statsMemo.js';
import type { Tallies } from './tallies.js';

export interface CommentPrioritiesOptions {
  /** Clojure's 16-digit rationals. Default true. */
  polisNumerics?: boolean;
  /** The two rational factors per column kept between calls (warm updates); the output is the same with or without. */
  memo?: CellMemo | null;
}

// Polis `meta-priority`; squared like every other priority.
const META_PRIORITY = 7;

/**
 * Priority of every column: meta statements get 7² = 49; the others
 * ((1 − (P+1)/(S+2)) · (E+1) · (A+1)/(S+2) · (1 + 8·2^(−S/5)))², with A, D, S, P = S − A − D summed over the
 * groups of `previous` (Polis reads the previous update's group votes; null on the first update means all zero)
 * and E the statement's extremity. Implements the intended formula, not the 2025 "all-49" regression.
 */
export function commentPriorities(
  previous: Tallies | null,
  extremity: Float64Array,
  meta: Uint8Array,
  options: CommentPrioritiesOptions = {},
): Float64Array {
  const polisNumerics = options.polisNumerics ?? defaultOptions.polisNumerics;
  const nCols = extremity.length;
  if (meta.length !== nCols) throw new RangeError(`commentPriorities: meta has ${meta.length} entries but extremity has ${nCols}`);
  if (previous !== null && previous.nCols !== nCols) {
    throw new RangeError(`commentPriorities: previous tallies have ${previous.nCols} columns but extremity has ${nCols}`);
  }
  const memo = options.memo ?? null;
  memo?.prepare(nCols, 1, String(polisNumerics));
  const out = new Float64Array(nCols);
  for (let j = 0; j < nCols; j++) {
    if (meta[j]) {
      out[j] = META_PRIORITY * META_PRIORITY;
      continue;
    }
    const e = extremity[j]!;
    if (!(e >= 0 && e < Infinity)) throw new RangeError(`commentPriorities: extremity[${j}] must be a finite non-negative number, got ${e}`);
    let a = 0;
    let d = 0;
    let s = 0;
    if (previous !== null) {
      for (let g = 0; g < previous.nGroups; g++) {
        const i = g * nCols + j;
        a += previous.agree[i]!;
        d += previous.disagree[i]!;
        s += previous.seen[i]!;
      }
    }
    const p = s - a - d;
    // 1 − (P+1)/(S+2) and (A+1)/(S+2) are exact rationals in Clojure, converted when multiplied by a double.
    let q1: number;
    let q2: number;
    if (memo !== null) {
      memo.key[0] = a;
      memo.key[1] = d;
      memo.key[2] = s;
      const at = memo.lookup(j);
      if (memo.fresh) {
        memo.values[at] = quotient(s + 1 - p, s + 2, polisNumerics);
        memo.values[at + 1] = quotient(a + 1, s + 2, polisNumerics);
        memo.keep();
      }
      q1 = memo.values[at]!;
      q2 = memo.values[at + 1]!;
    } else (q1 = quotient(s + 1 - p, s + 2, polisNumerics)), (q2 = quotient(a + 1, s + 2, polisNumerics));
    const importance = q1 * (e + 1) * q2;
    // Newer statements get up to 9× so they collect votes; the boost halves its excess every 5 votes.
    const x = importance * (1 + 8 * Math.pow(2, -s / 5));
    out[j] = x * x;
  }
  return out;
}
