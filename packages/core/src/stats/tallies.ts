import type { CsrMatrix } from '../matrix/csrMatrix.js';

/**
 * Vote counts per (group, column), stored at index `g * nCols + j` (Polis `group-votes` A, D, S).
 * `seen` counts every non-missing vote, pass included.
 */
export interface Tallies {
  nGroups: number;
  nCols: number;
  agree: Int32Array;
  disagree: Int32Array;
  seen: Int32Array;
}

/**
 * Counts agree (value < 0), disagree (> 0) and seen votes of each group's rows, column by column.
 * `rowGroup[r]` is the group index of row r, or −1 to leave the row out.
 */
export function tallyRows(matrix: CsrMatrix, rowGroup: Int32Array, nGroups: number): Tallies {
  if (!Number.isInteger(nGroups) || nGroups < 0) throw new RangeError(`tallyRows: nGroups must be a non-negative integer, got ${nGroups}`);
  if (rowGroup.length !== matrix.nRows) {
    throw new RangeError(`tallyRows: rowGroup has ${rowGroup.length} entries but the matrix has ${matrix.nRows} rows`);
  }
  const { nCols, rowPtr, colIdx, values } = matrix;
  const size = nGroups * nCols;
  const agree = new Int32Array(size);
  const disagree = new Int32Array(size);
  const seen = new Int32Array(size);
  for (let r = 0; r < matrix.nRows; r++) {
    const g = rowGroup[r]!;
    if (g === -1) continue;
    if (!Number.isInteger(g) || g < 0 || g >= nGroups) throw new RangeError(`tallyRows: rowGroup[${r}] must be −1 or a group index below ${nGroups}, got ${g}`);
    const offset = g * nCols;
    for (let k = rowPtr[r]!; k < rowPtr[r + 1]!; k++) {
      const i = offset + colIdx[k]!;
      const v = values[k]!;
      // Branch-free: votes are random in sign, so branches would mispredict about half the time.
      seen[i]! += 1;
      agree[i]! += (v >> 31) & 1;
      disagree[i]! += (-v >> 31) & 1;
    }
  }
  return { nGroups, nCols, agree, disagree, seen };
}
