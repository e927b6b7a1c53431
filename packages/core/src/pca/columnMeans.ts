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
): Float64Array {
  const { nCols, rowPtr, colIdx, values } = matrix;
  const sum = new Float64Array(nCols);
  const count = new Float64Array(nCols);
  const nnz = rowPtr[matrix.nRows]!;
  for (let p = 0; p < nnz; p++) {
    const c = colIdx[p]!;
    sum[c]! += values[p]!;
    count[c]!++;
  }
  const mean = new Float64Array(nCols);
  for (let c = 0; c < nCols; c++) mean[c] = modOut[c] || count[c] === 0 ? 0 : toDouble(sum[c]!, count[c]!);
  return mean;
}
