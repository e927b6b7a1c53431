import type { ChangeLog } from './changeLog.js';
import { absentVote } from './changeLog.js';
import type { CsrBuffers } from './csrBuffers.js';
import type { PendingVotes } from './pendingVotes.js';
import { replacesVote } from './replacesVote.js';
import { sortByCell } from './sortByCell.js';

/**
 * Merges pending votes into the stored CSR matrix in place. A first pass counts the new cells of
 * each row that has new votes (and logs the changes); a second pass, from the end backwards, shifts
 * the runs of rows between them right with `copyWithin` (memmove) and merges each such row into its
 * final place from its last column down, so unread votes are never overwritten. Only the batch is
 * copied; the cost is the touched rows plus one move of the votes after the first of them.
 */
export function mergeVotes(csr: CsrBuffers, pending: PendingVotes, nCols: number, log: ChangeLog | null): void {
  const p = pending.length;
  const newCol = new Int32Array(p);
  const newValue = new Int8Array(p);
  const newTime = csr.times ? new Float64Array(p) : null;
  const { rows, start } = sortByCell(pending, newCol, newValue, newTime, 0, nCols - 1);
  const touched = rows.length;
  const { rowPtr } = csr;

  // New cells per touched row; each cell's votes are folded in arrival order, the stored vote first.
  const grow = new Int32Array(touched);
  let growth = 0;
  const { colIdx: oldCol, values: oldValue, times: oldTime } = csr;
  for (let j = 0; j < touched; j++) {
    const r = rows[j]!;
    let a = rowPtr[r]!;
    const aEnd = rowPtr[r + 1]!;
    for (let k = start[j]!, kEnd = start[j + 1]!; k < kEnd; ) {
      const c = newCol[k]!;
      while (a < aEnd && oldCol[a]! < c) a++;
      const stored = a < aEnd && oldCol[a] === c;
      const before = stored ? oldValue[a]! : absentVote;
      let v = stored ? before : newValue[k]!;
      let t = stored ? (oldTime ? oldTime[a]! : NaN) : newTime ? newTime[k]! : NaN;
      if (stored) a++;
      else k++;
      for (; k < kEnd && newCol[k] === c; k++) {
        const tk = newTime ? newTime[k]! : NaN;
        if (replacesVote(tk, t)) {
          v = newValue[k]!;
          t = tk;
        }
      }
      if (!stored) grow[j]!++;
      if (log && v !== before) log.record(r, c, before, v);
    }
    growth += grow[j]!;
  }

  const nnz = csr.nnz;
  csr.reserve(nnz + growth);
  const { colIdx, values, times } = csr;
  let shift = growth;
  let end = nnz;
  for (let j = touched - 1; j >= 0; j--) {
    const r = rows[j]!;
    const rowStart = rowPtr[r]!;
    const next = rowPtr[r + 1]!;
    if (shift !== 0 && end > next) {
      colIdx.copyWithin(next + shift, next, end);
      values.copyWithin(next + shift, next, end);
      if (times) times.copyWithin(next + shift, next, end);
    }
    // Row r ends at next + shift; w and a count down from the ends of its new and old places.
    let w = next + shift;
    let a = next;
    const k0 = start[j]!;
    for (let k = start[j + 1]!; k > k0; ) {
      const c = newCol[k - 1]!;
      let g = k - 1;
      while (g > k0 && newCol[g - 1] === c) g--;
      for (; a > rowStart && colIdx[a - 1]! > c; w--, a--) {
        colIdx[w - 1] = colIdx[a - 1]!;
        values[w - 1] = values[a - 1]!;
        if (times) times[w - 1] = times[a - 1]!;
      }
      const stored = a > rowStart && colIdx[a - 1] === c;
      let v = stored ? values[a - 1]! : newValue[g]!;
      let t = stored ? (times ? times[a - 1]! : NaN) : newTime ? newTime[g]! : NaN;
      if (stored) a--;
      for (let q = stored ? g : g + 1; q < k; q++) {
        const tq = newTime ? newTime[q]! : NaN;
        if (replacesVote(tq, t)) {
          v = newValue[q]!;
          t = tq;
        }
      }
      w--;
      colIdx[w] = c;
      values[w] = v;
      if (times) times[w] = t;
      k = g;
    }
    // The row's remaining stored votes (columns before every new one) move as a block.
    if (w !== a) {
      colIdx.copyWithin(w - (a - rowStart), rowStart, a);
      values.copyWithin(w - (a - rowStart), rowStart, a);
      if (times) times.copyWithin(w - (a - rowStart), rowStart, a);
    }
    shift -= grow[j]!;
    end = rowStart;
  }

  // Row pointers from the first touched row on: old lengths plus the new cells.
  if (growth === 0) return;
  let prevOld = rowPtr[rows[0]!]!;
  for (let r = rows[0]!, j = 0; r < csr.rows; r++) {
    const oldEnd = rowPtr[r + 1]!;
    let length = oldEnd - prevOld;
    prevOld = oldEnd;
    if (j < touched && rows[j] === r) length += grow[j++]!;
    rowPtr[r + 1] = rowPtr[r]! + length;
  }
  csr.nnz = nnz + growth;
}
