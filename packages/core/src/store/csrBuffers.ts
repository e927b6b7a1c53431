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
  /** Memory the next `reserve` of an empty matrix may take instead of fresh pages (see `offerSpare`). */
  #spare: { buffer: ArrayBufferLike; offset: number; written: number } | null = null;

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
    const reused = this.#fromSpare(size);
    const colIdx = reused?.colIdx ?? int32s(size, this.shared);
    colIdx.set(this.colIdx.subarray(0, this.nnz));
    const values = reused?.values ?? (this.shared ? new Int8Array(new SharedArrayBuffer(size)) : new Int8Array(size));
    values.set(this.values.subarray(0, this.nnz));
    if (this.times) {
      const times = float64s(size, this.shared);
      times.set(this.times.subarray(0, this.nnz));
      this.times = times;
    }
    this.colIdx = colIdx;
    this.values = values;
  }

  /**
   * Offers memory the caller no longer needs (bytes `[offset, buffer end)`, those below `written` written before)
   * to the next `reserve` of a still empty matrix, which puts `colIdx` and `values` there when they fit and the
   * buffer is shared exactly when this matrix is. Pages written once cost nothing to write
   * again, where fresh ones fault: on a virtual machine ~10 µs a 4 KB page, 0.1 s for a cold load's 10 M votes.
   * The largest written offer is kept; any is dropped by that `reserve`.
   */
  offerSpare(buffer: ArrayBufferLike, offset: number, written: number): void {
    if ((typeof SharedArrayBuffer !== 'undefined' && buffer instanceof SharedArrayBuffer) !== this.shared || this.nnz !== 0 || offset % 8 !== 0) return;
    if (this.#spare === null || written - offset > this.#spare.written - this.#spare.offset) this.#spare = { buffer, offset, written };
  }

  // colIdx then values in the offered memory, zeroed where it was written, or null when none fits.
  #fromSpare(size: number): { colIdx: Int32Array; values: Int8Array } | null {
    const spare = this.#spare;
    this.#spare = null;
    if (spare === null || spare.buffer.byteLength - spare.offset < 5 * size) return null;
    // Zeroed like fresh memory (only the written bytes can be other than 0): a pass over pages already present.
    new Uint8Array(spare.buffer, spare.offset, Math.min(spare.written - spare.offset, 5 * size)).fill(0);
    return { colIdx: new Int32Array(spare.buffer, spare.offset, size), values: new Int8Array(spare.buffer, spare.offset + 4 * size, size) };
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
