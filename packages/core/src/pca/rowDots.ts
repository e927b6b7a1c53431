import { dispatch, halfVotesRow, isShared, sharedCopy, type MathHelper } from '../helper/mathHelper.js';
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
  helper?: MathHelper | null,
): void {
  const { rowPtr, colIdx, values, nRows } = matrix;
  const [pc1, pc2] = comps;
  if (rows) {
    for (let i = 0; i < rows.length; i++) rowDotsRange(rowPtr, colIdx, values, center, pc1, pc2, modOut, dots, voted, rows[i]!, rows[i]! + 1);
    return;
  }
  // Every row: a helper with shared memory takes the second half (rows are independent, so the bits are the same).
  const threaded = helper != null && isShared(dots) && isShared(voted) && isShared(colIdx);
  const middle = threaded ? halfVotesRow(rowPtr, nRows) : nRows;
  const wait = threaded
    ? dispatch(helper, { kind: 'rowDots', rowPtr, colIdx, values, center: sharedCopy(center), pc1: sharedCopy(pc1), pc2: sharedCopy(pc2), modOut: sharedCopy(modOut), dots, voted, from: middle, to: nRows }, () =>
        rowDotsRange(rowPtr, colIdx, values, center, pc1, pc2, modOut, dots, voted, middle, nRows),
      )
    : null;
  rowDotsRange(rowPtr, colIdx, values, center, pc1, pc2, modOut, dots, voted, 0, middle);
  wait?.();
}

/** `rowDots` for rows `[from, to)` (a helper's share). */
export function rowDotsRange(rowPtr: Int32Array, colIdx: Int32Array, values: Int8Array, center: Float64Array, pc1: Float64Array, pc2: Float64Array, modOut: Uint8Array, dots: Float64Array, voted: Int32Array, from: number, to: number): void {
  for (let r = from; r < to; r++) {
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
