import type { CsrMatrix } from '../matrix/csrMatrix.js';

/**
 * out = Xᵀ X v for the mean-imputed, centred vote matrix X without forming it: imputed cells centre
 * to zero, so only observed votes contribute. Columns with skip[c] = 1 (moderated out) are zero.
 * `rowScratch` (length nRows) receives X v.
 */
export function covarianceProduct(
  matrix: CsrMatrix,
  center: Float64Array,
  skip: Uint8Array,
  v: Float64Array,
  out: Float64Array,
  rowScratch: Float64Array,
): void {
  const { nRows, rowPtr, colIdx, values } = matrix;
  out.fill(0);
  // One pass: each row's dot product with v, then scatter it back along the same row.
  for (let r = 0; r < nRows; r++) {
    const start = rowPtr[r]!;
    const end = rowPtr[r + 1]!;
    let dot = 0;
    for (let p = start; p < end; p++) {
      const c = colIdx[p]!;
      if (skip[c]) continue;
      dot += (values[p]! - center[c]!) * v[c]!;
    }
    rowScratch[r] = dot;
    if (dot === 0) continue;
    for (let p = start; p < end; p++) {
      const c = colIdx[p]!;
      if (skip[c]) continue;
      out[c]! += dot * (values[p]! - center[c]!);
    }
  }
}
