import type { CsrMatrix } from '../matrix/csrMatrix.js';

/**
 * Polis's sparsity-aware projection of every participant (§7.1): the centred observed votes times the
 * components, scaled by sqrt(m / |V|). Moderated-out columns count as a 0 vote for everyone, so they
 * add to |V| (and to m) for every row, as in Polis. Returns x0, y0, x1, y1, … in row order; with `only`,
 * projects just `only.rows` into `only.out` (the other rows keep their values).
 */
export function projectParticipants(
  matrix: CsrMatrix,
  center: Float64Array,
  comps: readonly [Float64Array, Float64Array],
  modOut: Uint8Array,
  only?: { rows: Int32Array; out: Float64Array },
): Float64Array {
  const { nRows, nCols, rowPtr, colIdx, values } = matrix;
  const [pc1, pc2] = comps;
  let nModOut = 0;
  for (let c = 0; c < nCols; c++) nModOut += modOut[c]!;
  const out = only ? only.out : new Float64Array(2 * nRows);
  if (out.length !== 2 * nRows) throw new RangeError(`projectParticipants: out has ${out.length} entries, expected ${2 * nRows}`);
  const count = only ? only.rows.length : nRows;
  for (let i = 0; i < count; i++) {
    const r = only ? only.rows[i]! : i;
    let x = 0;
    let y = 0;
    let voted = nModOut;
    for (let p = rowPtr[r]!; p < rowPtr[r + 1]!; p++) {
      const c = colIdx[p]!;
      if (modOut[c]) continue;
      const d = values[p]! - center[c]!;
      x += d * pc1[c]!;
      y += d * pc2[c]!;
      voted++;
    }
    const scale = Math.sqrt(nCols / Math.max(voted, 1));
    out[2 * r] = scale * x;
    out[2 * r + 1] = scale * y;
  }
  return out;
}
