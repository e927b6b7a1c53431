import type { MathHelper } from '../helper/mathHelper.js';
import type { CsrMatrix } from '../matrix/csrMatrix.js';
import { absentVote, type CellChanges } from '../store/changeLog.js';
import { GrowableArray } from '../store/growableArray.js';
import { tallyRows, type Tallies } from './tallies.js';

/**
 * Vote tallies per bucket (e.g. per base cluster), kept up to date from the cells that changed and the
 * rows that moved between buckets, so a warm update touches those votes only. Equal to `tallyRows`
 * on the current matrix after every `update` (integer counts, so there is no drift).
 */
export class BucketTallies {
  #tallies: Tallies | null = null;
  /** Each row's bucket at the last update (the first `#rows` entries; a buffer kept between updates). */
  #rowBucket = new Int32Array(0);
  #rows = 0;
  /** Column totals over every bucket (the "all" level), kept with the buckets. */
  #all: Tallies | null = null;
  /** Tally indices changed by the last incremental update (deduplicated through `#mark`); null after a recount. */
  #touched: Int32Array | null = null;
  #touchedList = new GrowableArray(Int32Array, 1024);
  /** Counts of each touched cell before the update touched it: agree, disagree, seen, interleaved. */
  #touchedBefore = new GrowableArray(Int32Array, 3 * 1024);
  #version = 0;
  #mark = new Uint8Array(0);
  /** The table replaced by the last widening, whose buffers the next widening reuses when large enough. */
  #spare: Tallies | null = null;

  /**
   * Brings the tallies to `matrix` with rows in buckets `rowBucket` (−1 = not counted). `changes` are
   * the cells changed since the last call; null when unknown, which recounts everything.
   */
  update(matrix: CsrMatrix, rowBucket: Int32Array, nBuckets: number, changes: CellChanges | null, helper: MathHelper | null = null): Tallies {
    if (rowBucket.length !== matrix.nRows) throw new RangeError(`BucketTallies: rowBucket has ${rowBucket.length} entries but the matrix has ${matrix.nRows} rows`);
    this.#version++;
    // New statements or new base-cluster ids only widen the tables (cheap); they do not need a recount.
    if (this.#tallies && changes && (this.#tallies.nCols < matrix.nCols || this.#tallies.nGroups < nBuckets)) {
      const old = this.#tallies;
      // The table before last is written over (nothing reads it any more), so statements arriving one by one cost no allocation.
      this.#tallies = widen(old, Math.max(old.nGroups, Math.ceil(nBuckets * 1.5)), matrix.nCols, this.#spare);
      this.#spare = old;
      this.#all = widen(this.#all!, 1, matrix.nCols, null);
      this.#clearTouched();
      if (this.#mark.length < this.#tallies.nGroups * this.#tallies.nCols) this.#mark = new Uint8Array(Math.ceil(this.#tallies.nGroups * this.#tallies.nCols * 1.25));
    }
    const t = this.#tallies;
    const moved = t && changes && t.nCols === matrix.nCols && nBuckets <= t.nGroups ? this.#movedVotes(matrix, rowBucket) : -1;
    // Incremental only while it is cheaper than one pass over every vote.
    if (!t || !changes || moved < 0 || moved + changes.row.length > matrix.rowPtr[matrix.nRows]! / 2) return this.#recount(matrix, rowBucket, nBuckets, helper);
    const { nCols } = t;
    const previous = this.#rowBucket;
    const known = this.#rows;
    const all = this.#all!;
    this.#clearTouched();
    for (let i = 0; i < changes.row.length; i++) {
      const r = changes.row[i]!;
      const c = changes.col[i]!;
      const old = changes.old[i]!;
      const b = r < known ? previous[r]! : -1;
      if (b < 0) continue;
      const at = b * nCols + c;
      this.#touch(t, at);
      if (old !== absentVote) count(t, at, old, -1), count(all, c, old, -1);
      count(t, at, changes.value[i]!, 1);
      count(all, c, changes.value[i]!, 1);
    }
    for (let r = 0; r < matrix.nRows; r++) {
      const from = r < known ? previous[r]! : -1;
      const to = rowBucket[r]!;
      if (from === to) continue;
      if (to >= t.nGroups) throw new RangeError(`BucketTallies: rowBucket[${r}] must be −1 or below ${t.nGroups}, got ${to}`);
      for (let p = matrix.rowPtr[r]!; p < matrix.rowPtr[r + 1]!; p++) {
        const c = matrix.colIdx[p]!;
        const v = matrix.values[p]!;
        if (from >= 0) this.#touch(t, from * nCols + c), count(t, from * nCols + c, v, -1);
        if (to >= 0) this.#touch(t, to * nCols + c), count(t, to * nCols + c, v, 1);
        // A move between two buckets leaves the column totals as they are.
        if (from < 0) count(all, c, v, 1);
        else if (to < 0) count(all, c, v, -1);
      }
    }
    this.#keepRowBucket(rowBucket);
    this.#touched = this.#touchedList.view();
    return t;
  }

  /** Column totals over every bucket (one group, rows left out excluded), up to date with the last `update`. */
  get all(): Tallies {
    if (!this.#all) throw new Error('BucketTallies.all: no update yet');
    return this.#all;
  }

  /** Tally indices (bucket · nCols + column) changed by the last update, each once, in the current layout; null when it recounted. */
  get touched(): Int32Array | null {
    return this.#touched;
  }

  /** Counts before the last update of each `touched` cell (agree, disagree, seen per cell, in `touched` order); null when it recounted. */
  get touchedBefore(): Int32Array | null {
    return this.#touched && this.#touchedBefore.view();
  }

  /** Number of `update` calls so far, so that a caller's memo can tell whether it describes the update before. */
  get version(): number {
    return this.#version;
  }

  // Called before the cell changes, so that its earlier counts are kept.
  #touch(t: Tallies, at: number): void {
    if (this.#mark[at]) return;
    this.#mark[at] = 1;
    this.#touchedList.push(at);
    this.#touchedBefore.push(t.agree[at]!);
    this.#touchedBefore.push(t.disagree[at]!);
    this.#touchedBefore.push(t.seen[at]!);
  }

  #clearTouched(): void {
    const list = this.#touchedList.view();
    for (let i = 0; i < list.length; i++) this.#mark[list[i]!] = 0;
    this.#touchedList.clear();
    this.#touchedBefore.clear();
    this.#touched = null;
  }

  // Copies the rows' buckets into the kept buffer, growing it by half again when too small.
  #keepRowBucket(rowBucket: Int32Array): void {
    if (this.#rowBucket.length < rowBucket.length) this.#rowBucket = new Int32Array(Math.ceil(rowBucket.length * 1.5));
    this.#rowBucket.set(rowBucket);
    this.#rows = rowBucket.length;
  }

  // Votes in rows that change bucket (their whole row moves), or −1 when a bucket is out of range.
  #movedVotes(matrix: CsrMatrix, rowBucket: Int32Array): number {
    const previous = this.#rowBucket;
    const known = this.#rows;
    let votes = 0;
    for (let r = 0; r < matrix.nRows; r++) {
      const from = r < known ? previous[r]! : -1;
      if (from !== rowBucket[r]) votes += 2 * (matrix.rowPtr[r + 1]! - matrix.rowPtr[r]!);
    }
    return votes;
  }

  #recount(matrix: CsrMatrix, rowBucket: Int32Array, nBuckets: number, helper: MathHelper | null): Tallies {
    // Room for base clusters created later (new ids), so a new id does not force a recount.
    const capacity = Math.max(nBuckets, Math.ceil(nBuckets * 1.5));
    this.#tallies = tallyRows(matrix, rowBucket, capacity, helper);
    this.#all = columnTotals(this.#tallies);
    this.#keepRowBucket(rowBucket);
    this.#clearTouched();
    this.#mark = new Uint8Array(capacity * matrix.nCols);
    return this.#tallies;
  }
}

// The same counts in a table with more buckets and/or more columns (new cells zero), written into the buffers
// of `spare` when they are large enough (views of their start), else into new ones with room to grow.
function widen(t: Tallies, nGroups: number, nCols: number, spare: Tallies | null): Tallies {
  const size = nGroups * nCols;
  const room = (a: Int32Array | undefined) => (a && a.buffer.byteLength >= size * 4 ? new Int32Array(a.buffer, 0, size) : new Int32Array(Math.ceil(size * 1.25)).subarray(0, size));
  const out: Tallies = { nGroups, nCols, agree: room(spare?.agree), disagree: room(spare?.disagree), seen: room(spare?.seen) };
  for (const [to, from] of [[out.agree, t.agree], [out.disagree, t.disagree], [out.seen, t.seen]] as const) {
    for (let b = 0; b < t.nGroups; b++) {
      to.set(from.subarray(b * t.nCols, (b + 1) * t.nCols), b * nCols);
      to.fill(0, b * nCols + t.nCols, (b + 1) * nCols);
    }
    to.fill(0, t.nGroups * nCols, size);
  }
  return out;
}

// Every bucket summed per column (one group).
function columnTotals(t: Tallies): Tallies {
  const out: Tallies = { nGroups: 1, nCols: t.nCols, agree: new Int32Array(t.nCols), disagree: new Int32Array(t.nCols), seen: new Int32Array(t.nCols) };
  for (let b = 0; b < t.nGroups; b++) {
    const from = b * t.nCols;
    for (let c = 0; c < t.nCols; c++) {
      out.agree[c]! += t.agree[from + c]!;
      out.disagree[c]! += t.disagree[from + c]!;
      out.seen[c]! += t.seen[from + c]!;
    }
  }
  return out;
}

// Adds `sign` votes of value v (internal sign: agree = −1) at tally index `at`.
function count(t: Tallies, at: number, v: number, sign: 1 | -1): void {
  t.seen[at]! += sign;
  if (v < 0) t.agree[at]! += sign;
  else if (v > 0) t.disagree[at]! += sign;
}
