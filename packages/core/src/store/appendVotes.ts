import type { MathHelper } from '../helper/mathHelper.js';
import type { ChangeLog } from './changeLog.js';
import { absentVote } from './changeLog.js';
import type { CsrBuffers } from './csrBuffers.js';
import type { PendingVotes } from './pendingVotes.js';
import { replacesVote } from './replacesVote.js';
import { sortByCell } from './sortByCell.js';

/**
 * Merges pending votes whose rows are all empty so far (a cold load, or new participants): they are
 * sorted straight into the free end of the CSR arrays and each cell's votes folded into one there,
 * so nothing already stored moves and no temporary copy of the batch is made.
 */
export function appendVotes(csr: CsrBuffers, pending: PendingVotes, nCols: number, log: ChangeLog | null, helper?: MathHelper | null): void {
  const base = csr.nnz;
  csr.reserve(base + pending.length);
  const { colIdx: col, values: value, times: time, rowPtr } = csr;
  const { rows, start } = sortByCell(pending, col, value, time, base, nCols - 1, helper);
  let out = base;
  let filled = rows.length > 0 ? rows[0]! : csr.rows;
  for (let j = 0; j < rows.length; j++) {
    const r = rows[j]!;
    // Rows without votes between the previous row and this one end where the stored votes end.
    for (let q = filled + 1; q <= r; q++) rowPtr[q] = out;
    const to = start[j + 1]!;
    let i = start[j]!;
    while (i < to) {
      const c = col[i]!;
      if (i + 1 < to && col[i + 1] === c) {
        let v = value[i]!;
        let t = time ? time[i]! : NaN;
        // Later votes on the same cell, in arrival order.
        for (i++; i < to && col[i] === c; i++) {
          const ti = time ? time[i]! : NaN;
          if (replacesVote(ti, t)) {
            v = value[i]!;
            t = ti;
          }
        }
        col[out] = c;
        value[out] = v;
        if (time) time[out] = t;
      } else {
        // A single vote stays where it is until a repeat vote earlier has freed room before it.
        if (out !== i) {
          col[out] = c;
          value[out] = value[i]!;
          if (time) time[out] = time[i]!;
        }
        i++;
      }
      if (log) log.record(r, c, absentVote, value[out]!);
      out++;
    }
    rowPtr[r + 1] = out;
    filled = r + 1;
  }
  for (let q = filled + 1; q <= csr.rows; q++) rowPtr[q] = out;
  csr.nnz = out;
}
