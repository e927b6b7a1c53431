import { float64s, int32s } from '../helper/mathHelper.js';

/**
 * The merged votes in CSR form, in arrays with spare room at the end so that a merge can grow them in
 * place: `rowPtr[0 .. rows]` and `colIdx`/`values`/`times` `[0 .. nnz)` hold the matrix.
 */
export class CsrBuffers {
  /** Matrix arrays in SharedArrayBuffers, so that another thread can read them (`MathHelper`). */
  readonly shared: boolean;
  rowPtr: Int32Array;
  rows = 0;
  colIdx: Int32Array = new Int32Array(0);
  values: Int8Array = new Int8Array(0);
  /** Vote times aligned with `colIdx` (NaN = none), or null while no vote has had a time. */
  times: Float64Array | null = null;
  nnz = 0;

  constructor(shared = false) {
    this.shared = shared;
    this.rowPtr = int32s(1024, this.shared);
  }

  /** Adds empty rows up to `nRows`. */
  padRows(nRows: number): void {
    if (nRows <= this.rows) return;
    if (this.rowPtr.length < nRows + 1) {
      const grown = int32s(nRows + 1 + (nRows >>> 1), this.shared);
      grown.set(this.rowPtr.subarray(0, this.rows + 1));
      this.rowPtr = grown;
    }
    this.rowPtr.fill(this.nnz, this.rows + 1, nRows + 1);
    this.rows = nRows;
  }

  /** Room for `capacity` votes. New arrays get a quarter more, whose pages cost nothing until written. */
  reserve(capacity: number): void {
    if (capacity <= this.colIdx.length) return;
    const size = capacity + (capacity >>> 2) + 1024;
    const colIdx = int32s(size, this.shared);
    colIdx.set(this.colIdx.subarray(0, this.nnz));
    const values = this.shared ? new Int8Array(new SharedArrayBuffer(size)) : new Int8Array(size);
    values.set(this.values.subarray(0, this.nnz));
    if (this.times) {
      const times = float64s(size, this.shared);
      times.set(this.times.subarray(0, this.nnz));
      this.times = times;
    }
    this.colIdx = colIdx;
    this.values = values;
  }

  /** The times array, created (NaN for the votes so far) on first need. */
  withTimes(): Float64Array {
    if (!this.times) this.times = float64s(this.colIdx.length, this.shared).fill(NaN, 0, this.nnz);
    return this.times;
  }

  /** The first row from which every row is empty: votes for rows from here on can be appended. */
  emptyTail(): number {
    let r = this.rows;
    while (r > 0 && this.rowPtr[r - 1] === this.nnz) r--;
    return r;
  }
}
