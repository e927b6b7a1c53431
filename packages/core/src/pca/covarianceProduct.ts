import type { CsrMatrix } from '../matrix/csrMatrix.js';

/**
 * Centred vote values aligned with `matrix.colIdx`: value − column mean, and 0 in skipped
 * (moderated-out) columns. Imputed cells centre to exactly zero, so these are all of X's non-zeros.
 */
export function centeredValues(matrix: CsrMatrix, center: Float64Array, skip: Uint8Array): Float64Array {
  const nnz = matrix.rowPtr[matrix.nRows]!;
  const { colIdx, values } = matrix;
  const out = new Float64Array(nnz);
  for (let p = 0; p < nnz; p++) {
    const c = colIdx[p]!;
    out[p] = skip[c] ? 0 : values[p]! - center[c]!;
  }
  return out;
}

/**
 * out = Xᵀ X v for the mean-imputed, centred vote matrix X without forming it, given X's non-zeros
 * from `centeredValues`. `rowScratch` (length nRows) receives X v.
 */
export function covarianceProduct(matrix: CsrMatrix, centered: Float64Array, v: Float64Array, out: Float64Array, rowScratch: Float64Array): void {
  const { nRows, rowPtr, colIdx } = matrix;
  out.fill(0);
  // One pass: each row's dot product with v, then scatter it back along the same row.
  for (let r = 0; r < nRows; r++) {
    const start = rowPtr[r]!;
    const end = rowPtr[r + 1]!;
    let dot = 0;
    for (let p = start; p < end; p++) dot += centered[p]! * v[colIdx[p]!]!;
    rowScratch[r] = dot;
    if (dot === 0) continue;
    for (let p = start; p < end; p++) out[colIdx[p]!]! += dot * centered[p]!;
  }
}
