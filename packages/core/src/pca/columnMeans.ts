import { dispatch, float64s, isShared, type MathHelper } from '../helper/mathHelper.js';
import type { CsrMatrix } from '../matrix/csrMatrix.js';

/**
 * Column means of the observed votes: Polis's `pca.center`. Mean imputation makes the centre of the
 * imputed matrix equal to these means, so missing cells centre to exactly zero and stay sparse.
 * Moderated-out columns are zeroed for everyone in Polis, so their mean is 0.
 * `toDouble(sum, count)` converts the exact quotient (Polis rounds the rational to 16 digits).
 */
export function columnMeans(
  matrix: CsrMatrix,
  modOut: Uint8Array,
  toDouble: (sum: number, count: number) => number = (s, c) => s / c,
  helper?: MathHelper | null,
): Float64Array {
  const { nCols, rowPtr, colIdx, values } = matrix;
  const nnz = rowPtr[matrix.nRows]!;
  // Sums of −1, 0 and 1 are exact integers, so a helper's half (shared memory only) adds in any order to the same bits.
  const threaded = helper != null && isShared(colIdx) && isShared(values);
  const sum = new Float64Array(nCols);
  const count = new Float64Array(nCols);
  const half = threaded ? nnz >>> 1 : nnz;
  const other = threaded ? { sum: float64s(nCols, true), count: float64s(nCols, true) } : null;
  const wait = other ? dispatch(helper, { kind: 'columnSums', colIdx, values, from: half, to: nnz, sum: other.sum, count: other.count }, () => columnSums(colIdx, values, half, nnz, other.sum, other.count)) : null;
  columnSums(colIdx, values, 0, half, sum, count);
  if (wait && other) {
    wait();
    for (let c = 0; c < nCols; c++) {
      sum[c]! += other.sum[c]!;
      count[c]! += other.count[c]!;
    }
  }
  const mean = new Float64Array(nCols);
  for (let c = 0; c < nCols; c++) mean[c] = modOut[c] || count[c] === 0 ? 0 : toDouble(sum[c]!, count[c]!);
  return mean;
}

/** Adds each vote in `[from, to)` to its column's sum and count (a helper's share). */
export function columnSums(colIdx: Int32Array, values: Int8Array, from: number, to: number, sum: Float64Array, count: Float64Array): void {
  for (let p = from; p < to; p++) {
    const c = colIdx[p]!;
    sum[c]! += values[p]!;
    count[c]!++;
  }
}
