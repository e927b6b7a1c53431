import type { CsrMatrix } from '../matrix/csrMatrix.js';
import { absentVote, type CellChanges } from '../store/changeLog.js';
import { tallyRows, type Tallies } from './tallies.js';

/**
 * Vote tallies per bucket (e.g. per base cluster), kept up to date from the cells that changed and the
 * rows that moved between buckets, so a warm update touches those votes only. Equal to `tallyRows`
 * on the current matrix after every `update` (integer counts, so there is no drift).
 */
export class BucketTallies {
  #tallies: Tallies | null = null;
  #rowBucket = new Int32Array(0);

  /**
   * Brings the tallies to `matrix` with rows in buckets `rowBucket` (−1 = not counted). `changes` are
   * the cells changed since the last call; null when unknown, which recounts everything.
   */
  update(matrix: CsrMatrix, rowBucket: Int32Array, nBuckets: number, changes: CellChanges | null): Tallies {
    if (rowBucket.length !== matrix.nRows) throw new RangeError(`BucketTallies: rowBucket has ${rowBucket.length} entries but the matrix has ${matrix.nRows} rows`);
    // New statements or new base-cluster ids only widen the tables (cheap); they do not need a recount.
    if (this.#tallies && changes && (this.#tallies.nCols < matrix.nCols || this.#tallies.nGroups < nBuckets)) {
      this.#tallies = widen(this.#tallies, Math.max(this.#tallies.nGroups, Math.ceil(nBuckets * 1.5)), matrix.nCols);
    }
    const t = this.#tallies;
    const moved = t && changes && t.nCols === matrix.nCols && nBuckets <= t.nGroups ? this.#movedVotes(matrix, rowBucket) : -1;
    // Incremental only while it is cheaper than one pass over every vote.
    if (!t || !changes || moved < 0 || moved + changes.row.length > matrix.rowPtr[matrix.nRows]! / 2) return this.#recount(matrix, rowBucket, nBuckets);
    const { nCols } = t;
    const previous = this.#rowBucket;
    for (let i = 0; i < changes.row.length; i++) {
      const r = changes.row[i]!;
      const b = r < previous.length ? previous[r]! : -1;
      if (b < 0) continue;
      const at = b * nCols + changes.col[i]!;
      const old = changes.old[i]!;
      if (old !== absentVote) count(t, at, old, -1);
      count(t, at, changes.value[i]!, 1);
    }
    for (let r = 0; r < matrix.nRows; r++) {
      const from = r < previous.length ? previous[r]! : -1;
      const to = rowBucket[r]!;
      if (from === to) continue;
      if (to >= t.nGroups) throw new RangeError(`BucketTallies: rowBucket[${r}] must be −1 or below ${t.nGroups}, got ${to}`);
      for (let p = matrix.rowPtr[r]!; p < matrix.rowPtr[r + 1]!; p++) {
        if (from >= 0) count(t, from * nCols + matrix.colIdx[p]!, matrix.values[p]!, -1);
        if (to >= 0) count(t, to * nCols + matrix.colIdx[p]!, matrix.values[p]!, 1);
      }
    }
    this.#rowBucket = rowBucket.slice();
    return t;
  }

  // Votes in rows that change bucket (their whole row moves), or −1 when a bucket is out of range.
  #movedVotes(matrix: CsrMatrix, rowBucket: Int32Array): number {
    const previous = this.#rowBucket;
    let votes = 0;
    for (let r = 0; r < matrix.nRows; r++) {
      const from = r < previous.length ? previous[r]! : -1;
      if (from !== rowBucket[r]) votes += 2 * (matrix.rowPtr[r + 1]! - matrix.rowPtr[r]!);
    }
    return votes;
  }

  #recount(matrix: CsrMatrix, rowBucket: Int32Array, nBuckets: number): Tallies {
    // Room for base clusters created later (new ids), so a new id does not force a recount.
    const capacity = Math.max(nBuckets, Math.ceil(nBuckets * 1.5));
    this.#tallies = tallyRows(matrix, rowBucket, capacity);
    this.#rowBucket = rowBucket.slice();
    return this.#tallies;
  }
}

// The same counts in a table with more buckets and/or more columns (new cells zero).
function widen(t: Tallies, nGroups: number, nCols: number): Tallies {
  const out: Tallies = { nGroups, nCols, agree: new Int32Array(nGroups * nCols), disagree: new Int32Array(nGroups * nCols), seen: new Int32Array(nGroups * nCols) };
  for (let b = 0; b < t.nGroups; b++) {
    const from = b * t.nCols;
    out.agree.set(t.agree.subarray(from, from + t.nCols), b * nCols);
    out.disagree.set(t.disagree.subarray(from, from + t.nCols), b * nCols);
    out.seen.set(t.seen.subarray(from, from + t.nCols), b * nCols);
  }
  return out;
}

// Adds `sign` votes of value v (internal sign: agree = −1) at tally index `at`.
function count(t: Tallies, at: number, v: number, sign: 1 | -1): void {
  t.seen[at]! += sign;
  if (v < 0) t.agree[at]! += sign;
  else if (v > 0) t.disagree[at]! += sign;
}
