import { halfVotesRow, int32s, isShared, sharedCopy, type MathHelper, type TallyRowsTask } from '../helper/mathHelper.js';
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
export function tallyRows(matrix: CsrMatrix, rowGroup: Int32Array, nGroups: number, helper?: MathHelper | null): Tallies {
  if (!Number.isInteger(nGroups) || nGroups < 0) throw new RangeError(`tallyRows: nGroups must be a non-negative integer, got ${nGroups}`);
  if (rowGroup.length !== matrix.nRows) {
    throw new RangeError(`tallyRows: rowGroup has ${rowGroup.length} entries but the matrix has ${matrix.nRows} rows`);
  }
  const { nRows, nCols, rowPtr, colIdx, values } = matrix;
  for (let r = 0; r < nRows; r++) {
    const g = rowGroup[r]!;
    if (g !== -1 && (!Number.isInteger(g) || g < 0 || g >= nGroups)) throw new RangeError(`tallyRows: rowGroup[${r}] must be −1 or a group index below ${nGroups}, got ${g}`);
  }
  const size = nGroups * nCols;
  const agree = new Int32Array(size);
  const disagree = new Int32Array(size);
  const seen = new Int32Array(size);
  const shared = helper != null && rowPtr[nRows]! >= helperTallyVotes && isShared(rowPtr) && isShared(colIdx) && isShared(values);
  if (!shared) {
    tallyRange(rowPtr, colIdx, values, rowGroup, nCols, agree, disagree, seen, 0, nRows);
    return { nGroups, nCols, agree, disagree, seen };
  }
  // The helper counts the rows holding the second half of the votes into tables of its own; counts add exactly.
  const middle = halfVotesRow(rowPtr, nRows);
  const task: TallyRowsTask = { kind: 'tallyRows', rowPtr, colIdx, values, rowGroup: sharedCopy(rowGroup), nCols, agree: int32s(size, true), disagree: int32s(size, true), seen: int32s(size, true), from: middle, to: nRows };
  const wait = helper.run(task);
  tallyRange(rowPtr, colIdx, values, rowGroup, nCols, agree, disagree, seen, 0, middle);
  wait();
  for (let i = 0; i < size; i++) {
    agree[i]! += task.agree[i]!;
    disagree[i]! += task.disagree[i]!;
    seen[i]! += task.seen[i]!;
  }
  return { nGroups, nCols, agree, disagree, seen };
}

/** Votes from which `tallyRows` gives half the rows to a helper thread (below, posting the task costs more than it saves). */
const helperTallyVotes = 1 << 20;

/** Adds rows `[from, to)` into the tables (their groups already checked), as `tallyRows` counts them. */
export function tallyRange(rowPtr: Int32Array, colIdx: Int32Array, values: Int8Array, rowGroup: Int32Array, nCols: number, agree: Int32Array, disagree: Int32Array, seen: Int32Array, from: number, to: number): void {
  for (let r = from; r < to; r++) {
    const g = rowGroup[r]!;
    if (g === -1) continue;
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
}
