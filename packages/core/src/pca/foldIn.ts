import type { CsrMatrix } from '../matrix/csrMatrix.js';
import { absentVote, type CellChanges } from '../store/changeLog.js';
import { statementGeometry, type PcaResult } from './pca.js';
import { float64s, int32s, type MathHelper } from '../helper/mathHelper.js';
import { rowDots, scaleRowDots } from './rowDots.js';

/** A fitted PCA basis kept between updates (`pcaRefitShare`). */
export interface PcaBasis {
  center: Float64Array;
  comps: [Float64Array, Float64Array];
  /** Moderated-out mask the basis was fitted with (statements added since have 0). */
  modOut: Uint8Array;
  /** Votes added or changed since the fit. */
  changedSinceFit: number;
}

/**
 * Memory-only companion of a basis: each row's unscaled projection and vote count (see `rowDots`) for
 * the first `n` rows (the buffers may be longer), and optionally the scaled projection kept between updates.
 */
export interface FoldRows {
  dots: Float64Array;
  voted: Int32Array;
  n: number;
  /** The last projection (first 2·`rows` entries of `out`) and the sizes its scale came from. */
  scaled?: { out: Float64Array; rows: number; nCols: number; nModOut: number };
}

/** Rows' dots for a basis just fitted: every row (one pass, as the projection itself costs). */
export function foldRows(basis: PcaBasis, matrix: CsrMatrix, helper?: MathHelper | null): FoldRows {
  const shared = helper != null;
  const rows = { dots: float64s(2 * matrix.nRows, shared), voted: int32s(matrix.nRows, shared), n: matrix.nRows };
  rowDots(matrix, basis.center, basis.comps, basis.modOut, null, rows.dots, rows.voted, helper);
  return rows;
}

/**
 * Folding-in (Kuulo deviation, option `pcaRefitShare`): while the kept basis still fits — the same
 * moderation, and at most `share` of all votes changed since it was fitted — it is reused, and only the
 * rows whose votes changed are projected into it again. Statements new since the last update join the
 * basis with zero loading and their mean as centre (so they move nobody until the next refit). Returns
 * null when the caller must refit. `basis` is updated in place; `rows` (null after a restore) is returned updated.
 */
export function foldIn(
  basis: PcaBasis | null,
  rows: FoldRows | null,
  matrix: CsrMatrix,
  modOut: Uint8Array,
  changes: CellChanges | null,
  share: number,
  toDouble: (sum: number, count: number) => number,
  keep = false,
): { geometry: PcaResult; projection: Float64Array; rows: FoldRows; rescaled: Int32Array | null } | null {
  if (!basis || !changes || share <= 0) return null;
  const m = matrix.nCols;
  const m0 = basis.center.length;
  if (m < m0 || (rows && rows.n > matrix.nRows)) return null;
  for (let c = 0; c < m; c++) if (modOut[c] !== (c < m0 ? basis.modOut[c] : 0)) return null;
  if (basis.changedSinceFit + changes.row.length > share * matrix.rowPtr[matrix.nRows]!) return null;
  basis.changedSinceFit += changes.row.length;
  if (m > m0) extendBasis(basis, m, changes, toDouble);

  // After a restore the rows' dots are rebuilt from the kept basis: the same numbers as before it.
  if (!rows) rows = foldRows(basis, matrix);
  // Rows new since the last update and rows with changed votes get new dots; the rest keep theirs.
  const n = matrix.nRows;
  const known = rows.n;
  // Room for half as many rows again, so that a growing conversation does not reallocate at every update.
  if (rows.voted.length < n) {
    const capacity = keep ? Math.ceil(n * 1.5) : n;
    const dots = new Float64Array(2 * capacity);
    dots.set(rows.dots.subarray(0, 2 * known));
    const voted = new Int32Array(capacity);
    voted.set(rows.voted.subarray(0, known));
    rows.dots = dots;
    rows.voted = voted;
  }
  rows.n = n;
  const seen = new Uint8Array(n);
  const todo: number[] = [];
  for (let r = known; r < n; r++) (seen[r] = 1), todo.push(r);
  for (const r of changes.row) if (!seen[r]) (seen[r] = 1), todo.push(r);
  const changed = Int32Array.from(todo);
  rowDots(matrix, basis.center, basis.comps, modOut, changed, rows.dots, rows.voted);

  let nModOut = 0;
  for (let c = 0; c < m; c++) nModOut += modOut[c]!;
  const kept = keep ? keptProjection(rows, changed, n, m, nModOut) : null;
  const projection = kept ? kept.projection : scaleRowDots(rows.dots, rows.voted, n, m, nModOut);
  const geometry: PcaResult = { center: basis.center, comps: basis.comps, ...statementGeometry(basis.center, basis.comps), products: [0, 0] };
  return { geometry, projection, rows, rescaled: kept && !kept.all ? changed : null };
}

/**
 * The projection in a buffer kept with the rows: only `changed` rows are rescaled while the scale's inputs
 * (statements, moderated-out count) stay the same (`all` false), else every row. Same arithmetic as scaleRowDots.
 */
function keptProjection(rows: FoldRows, changed: Int32Array, n: number, nCols: number, nModOut: number): { projection: Float64Array; all: boolean } {
  let kept = rows.scaled;
  const all = !kept || kept.nCols !== nCols || kept.nModOut !== nModOut || kept.rows > n;
  if (!kept || kept.out.length < 2 * n) {
    const out = new Float64Array(2 * Math.ceil(n * 1.5));
    if (kept && !all) out.set(kept.out.subarray(0, 2 * kept.rows));
    kept = { out, rows: kept?.rows ?? 0, nCols, nModOut };
    rows.scaled = kept;
  }
  const out = kept.out;
  const scaleRow = (r: number) => {
    const scale = Math.sqrt(nCols / Math.max(rows.voted[r]! + nModOut, 1));
    out[2 * r] = scale * rows.dots[2 * r]!;
    out[2 * r + 1] = scale * rows.dots[2 * r + 1]!;
  };
  if (all) for (let r = 0; r < n; r++) scaleRow(r);
  else for (let i = 0; i < changed.length; i++) scaleRow(changed[i]!);
  kept.rows = n;
  kept.nCols = nCols;
  kept.nModOut = nModOut;
  return { projection: out.subarray(0, 2 * n), all };
}

// New statements: every vote on them is in this update's changes (they did not exist at the last one).
function extendBasis(basis: PcaBasis, m: number, changes: CellChanges, toDouble: (sum: number, count: number) => number): void {
  const m0 = basis.center.length;
  const sum = new Float64Array(m - m0);
  const count = new Float64Array(m - m0);
  for (let i = 0; i < changes.row.length; i++) {
    const c = changes.col[i]! - m0;
    if (c < 0) continue;
    const old = changes.old[i]!;
    sum[c]! += changes.value[i]! - (old === absentVote ? 0 : old);
    if (old === absentVote) count[c]!++;
  }
  const center = new Float64Array(m);
  center.set(basis.center);
  for (let c = 0; c < m - m0; c++) center[m0 + c] = count[c]! > 0 ? toDouble(sum[c]!, count[c]!) : 0;
  const pad = (a: Float64Array) => {
    const out = new Float64Array(m);
    out.set(a);
    return out;
  };
  basis.center = center;
  basis.comps = [pad(basis.comps[0]), pad(basis.comps[1])];
  const modOut = new Uint8Array(m);
  modOut.set(basis.modOut);
  basis.modOut = modOut;
}
