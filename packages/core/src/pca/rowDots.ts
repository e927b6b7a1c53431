import type { CsrMatrix } from '../matrix/csrMatrix.js';

/**
 * Each row's centred votes times the two components, unscaled (`dots[2r]`, `dots[2r+1]`), and its number
 * of votes outside moderated-out columns (`voted[r]`), for the rows in `rows` (every row when null).
 * `projectParticipants` scales these; folding in keeps them between updates.
 */
export function rowDots(
  matrix: CsrMatrix,
  center: Float64Array,
  comps: readonly [Float64Array, Float64Array],
  modOut: Uint8Array,
  rows: Int32Array | null,
  dots: Float64Array,
  voted: Int32Array,
): void {
  const { rowPtr, colIdx, values } = matrix;
  const [pc1, pc2] = comps;
  const count = rows ? rows.length : matrix.nRows;
  for (let i = 0; i < count; i++) {
    const r = rows ? rows[i]! : i;
    let x = 0;
    let y = 0;
    let n = 0;
    for (let p = rowPtr[r]!; p < rowPtr[r + 1]!; p++) {
      const c = colIdx[p]!;
      if (modOut[c]) continue;
      const d = values[p]! - center[c]!;
      x += d * pc1[c]!;
      y += d * pc2[c]!;
      n++;
    }
    dots[2 * r] = x;
    dots[2 * r + 1] = y;
    voted[r] = n;
  }
}

/**
 * Polis's sparsity scaling of `rowDots`: sqrt(m / |V|), where moderated-out columns count as a 0 vote
 * for everyone (they add to |V| and to m). Returns x0, y0, x1, y1, … for the first `nRows` rows.
 */
export function scaleRowDots(dots: Float64Array, voted: Int32Array, nRows: number, nCols: number, nModOut: number): Float64Array {
  const out = new Float64Array(2 * nRows);
  for (let r = 0; r < nRows; r++) {
    const scale = Math.sqrt(nCols / Math.max(voted[r]! + nModOut, 1));
    out[2 * r] = scale * dots[2 * r]!;
    out[2 * r + 1] = scale * dots[2 * r + 1]!;
  }
  return out;
}
