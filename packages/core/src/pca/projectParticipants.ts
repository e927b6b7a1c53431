import type { CsrMatrix } from '../matrix/csrMatrix.js';
import { float64s, int32s, type MathHelper } from '../helper/mathHelper.js';
import { rowDots, scaleRowDots } from './rowDots.js';

/**
 * Polis's sparsity-aware projection of every participant (§7.1): the centred observed votes times the
 * components, scaled by sqrt(m / |V|). Moderated-out columns count as a 0 vote for everyone, so they
 * add to |V| (and to m) for every row, as in Polis. Returns x0, y0, x1, y1, … in row order.
 */
export function projectParticipants(
  matrix: CsrMatrix,
  center: Float64Array,
  comps: readonly [Float64Array, Float64Array],
  modOut: Uint8Array,
  helper?: MathHelper | null,
): Float64Array {
  const { nRows, nCols } = matrix;
  const dots = float64s(2 * nRows, helper != null);
  const voted = int32s(nRows, helper != null);
  rowDots(matrix, center, comps, modOut, null, dots, voted, helper);
  let nModOut = 0;
  for (let c = 0; c < nCols; c++) nModOut += modOut[c]!;
  return scaleRowDots(dots, voted, nRows, nCols, nModOut);
}
