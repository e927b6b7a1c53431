import type { CsrMatrix } from '../matrix/csrMatrix.js';
import { statementGeometry, type PcaResult } from './pca.js';
import { projectParticipants } from './projectParticipants.js';

/** A fitted PCA basis kept between updates (`pcaRefitShare`). */
export interface PcaBasis {
  center: Float64Array;
  comps: [Float64Array, Float64Array];
  /** Moderated-out mask the basis was fitted with. */
  modOut: Uint8Array;
  /** Votes added or changed since the fit. */
  changedSinceFit: number;
}

/**
 * Folding-in (Kuulo deviation, option `pcaRefitShare`): when the kept basis still fits (same
 * statements and moderation, and at most `share` of all votes changed since it was fitted), returns it
 * with `projection` updated in place for the changed rows only; otherwise null, and the caller refits.
 * `changedRows` lists rows whose votes changed (repeats allowed); `changedVotes` counts the changes.
 */
export function foldIn(
  basis: PcaBasis | null,
  matrix: CsrMatrix,
  modOut: Uint8Array,
  change: { rows: Int32Array; votes: number } | null,
  share: number,
  projection: Float64Array | null,
): { geometry: PcaResult; projection: Float64Array } | null {
  if (!basis || !change || share <= 0) return null;
  if (basis.center.length !== matrix.nCols || !sameMask(basis.modOut, modOut)) return null;
  const nnz = matrix.rowPtr[matrix.nRows]!;
  if (basis.changedSinceFit + change.votes > share * nnz) return null;
  basis.changedSinceFit += change.votes;
  let out: Float64Array;
  if (projection && projection.length <= 2 * matrix.nRows) {
    out = projection.length === 2 * matrix.nRows ? projection : grow(projection, 2 * matrix.nRows);
    // Rows added since the last projection are projected whatever the change list says.
    const known = projection.length / 2;
    const rows = new Int32Array(change.rows.length + matrix.nRows - known);
    rows.set(change.rows);
    for (let r = known, i = change.rows.length; r < matrix.nRows; r++, i++) rows[i] = r;
    projectParticipants(matrix, basis.center, basis.comps, modOut, { rows: uniqueRows(rows, matrix.nRows), out });
  } else {
    out = projectParticipants(matrix, basis.center, basis.comps, modOut);
  }
  const geometry: PcaResult = { center: basis.center, comps: basis.comps, ...statementGeometry(basis.center, basis.comps), products: [0, 0] };
  return { geometry, projection: out };
}

// Each row once (a participant's many changed votes would otherwise project them many times).
function uniqueRows(rows: Int32Array, nRows: number): Int32Array {
  const seen = new Uint8Array(nRows);
  let n = 0;
  const out = new Int32Array(rows.length);
  for (const r of rows) {
    if (seen[r]) continue;
    seen[r] = 1;
    out[n++] = r;
  }
  return out.subarray(0, n);
}

function sameMask(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function grow(a: Float64Array, length: number): Float64Array {
  const out = new Float64Array(length);
  out.set(a);
  return out;
}
