import { float64s, halfVotesRow, isShared, takeScratch, uint16s, type MathHelper, type ScatterTask } from '../helper/mathHelper.js';
import type { CsrMatrix } from '../matrix/csrMatrix.js';

/**
 * Centred vote values aligned with `matrix.colIdx`: value − column mean, and 0 in skipped
 * (moderated-out) columns. Imputed cells centre to exactly zero, so these are all of X's non-zeros.
 */
export function centeredValues(matrix: CsrMatrix, center: Float64Array, skip: Uint8Array): Float64Array {
  const nnz = matrix.rowPtr[matrix.nRows]!;
  const { colIdx, values } = matrix;
  const out = new Float64Array(nnz);
  for (let p = 0; p < nnz; p++) {
    const c = colIdx[p]!;
    out[p] = skip[c] ? 0 : values[p]! - center[c]!;
  }
  return out;
}

/**
 * out = Xᵀ X v for the mean-imputed, centred vote matrix X without forming it, given X's non-zeros
 * from `centeredValues`. `rowScratch` (length nRows) receives X v.
 */
export function covarianceProduct(matrix: CsrMatrix, centered: Float64Array, v: Float64Array, out: Float64Array, rowScratch: Float64Array): void {
  const { nRows, rowPtr, colIdx } = matrix;
  out.fill(0);
  // One pass: each row's dot product with v, then scatter it back along the same row.
  for (let r = 0; r < nRows; r++) {
    const start = rowPtr[r]!;
    const end = rowPtr[r + 1]!;
    let dot = 0;
    for (let p = start; p < end; p++) dot += centered[p]! * v[colIdx[p]!]!;
    rowScratch[r] = dot;
    if (dot === 0) continue;
    for (let p = start; p < end; p++) out[colIdx[p]!]! += dot * centered[p]!;
  }
}

/**
 * The same product for the Lanczos solver (Kuulo's default) up to 2^19 rows (`lanczosProduct` in
 * pca.ts), faster there: about 2× per product at 10 M votes, equal up to rounding. A vote is −1, 0 or
 * 1, so X's non-zeros in statement c take three values, vote − centre_c. One pass takes each row's
 * dot product with v; a second sums those dot products over the rows of each (statement, vote)
 * segment of a column-major index built once per fit (4 bytes a vote, instead of `centeredValues`' 8). Why two passes: a loop that scatters into `out` cannot keep
 * its typed arrays' bounds in registers in V8 and ran 2.5× slower than these store-free loops.
 */
export function segmentProduct(matrix: CsrMatrix, center: Float64Array, skip: Uint8Array): (v: Float64Array, out: Float64Array) => void {
  const { nRows, nCols, rowPtr, colIdx, values } = matrix;
  const centred = new Float64Array(3 * nCols);
  for (let c = 0; c < nCols; c++) {
    if (!skip[c]) for (let k = 0; k < 3; k++) centred[3 * c + k] = k - 1 - center[c]!;
  }
  const { segmentStart, segmentRows } = voteSegments(nRows, nCols, rowPtr, colIdx, values);
  const weighted = new Float64Array(3 * nCols);
  const sums = new Float64Array(3 * nCols);
  const dots = new Float64Array(nRows);
  return (v, out) => {
    for (let c = 0; c < nCols; c++) {
      for (let k = 3 * c; k < 3 * c + 3; k++) weighted[k] = centred[k]! * v[c]!;
    }
    rowSums(nRows, rowPtr, colIdx, values, weighted, dots);
    segmentSums(3 * nCols, segmentStart, segmentRows, dots, sums);
    for (let c = 0; c < nCols; c++) out[c] = centred[3 * c]! * sums[3 * c]! + centred[3 * c + 1]! * sums[3 * c + 1]! + centred[3 * c + 2]! * sums[3 * c + 2]!;
  };
}

/**
 * The same product by scattering (`lanczosProduct` above 2^19 rows, where `segmentProduct`'s random
 * reads of the rows' dot products miss the cache): each row's dot product from the three centred
 * values per statement, then added to its row's (statement, vote) sums in the same pass. Reads 5 bytes
 * a vote per product and keeps nothing per vote (`centeredValues` kept 8). Equal up to rounding.
 *
 * The rows are always summed in two halves of equal votes, added at the end, so a `helper` thread
 * taking the second half changes no bit of the result: the output is the same with or without threads.
 */
export function scatterProduct(matrix: CsrMatrix, center: Float64Array, skip: Uint8Array, helper?: MathHelper | null, cellsFrom = 3): (v: Float64Array, out: Float64Array) => void {
  const { nRows, nCols, rowPtr, colIdx, values } = matrix;
  const centred = new Float64Array(3 * nCols);
  for (let c = 0; c < nCols; c++) {
    if (!skip[c]) for (let k = 0; k < 3; k++) centred[3 * c + k] = k - 1 - center[c]!;
  }
  // The helper reads `weighted` and writes `second` from its own thread, so both must be shared memory.
  const shared = helper != null && isShared(rowPtr) && isShared(colIdx) && isShared(values);
  const weighted = float64s(3 * nCols, shared);
  const first = new Float64Array(3 * nCols);
  const second = float64s(3 * nCols, shared);
  const middle = halfVotesRow(rowPtr, nRows);
  const task: ScatterTask = { kind: 'scatter', rowPtr, colIdx, values, cells: null, weighted, sums: second, from: middle, to: nRows };
  let calls = 0;
  return (v, out) => {
    for (let c = 0; c < nCols; c++) {
      for (let k = 3 * c; k < 3 * c + 3; k++) weighted[k] = centred[k]! * v[c]!;
    }
    // From product `cellsFrom` on, each vote's segment in 2 bytes: the products then read 2 bytes a vote instead
    // of 5 and skip the index arithmetic (~1.7× faster), once building them (about one product's time) has paid.
    if (++calls === cellsFrom && 3 * nCols <= 0x10000) task.cells = voteCellsOf(matrix, middle, shared ? helper : null);
    const cells = task.cells;
    first.fill(0);
    second.fill(0);
    if (shared) {
      const wait = helper.run(task);
      scatterHalf(rowPtr, colIdx, values, cells, weighted, first, 0, middle);
      wait();
    } else {
      scatterHalf(rowPtr, colIdx, values, cells, weighted, first, 0, middle);
      scatterHalf(rowPtr, colIdx, values, cells, weighted, second, middle, nRows);
    }
    for (let c = 0; c < nCols; c++) {
      const a = first[3 * c]! + second[3 * c]!;
      const b = first[3 * c + 1]! + second[3 * c + 1]!;
      const d = first[3 * c + 2]! + second[3 * c + 2]!;
      out[c] = centred[3 * c]! * a + centred[3 * c + 1]! * b + centred[3 * c + 2]! * d;
    }
  };
}

// Each vote's segment 3c + value + 1; the helper, when given, fills the second half of the votes.
function voteCellsOf(matrix: CsrMatrix, middle: number, helper: MathHelper | null | undefined): Uint16Array {
  const { nRows, rowPtr, colIdx, values } = matrix;
  const nnz = rowPtr[nRows]!;
  // A cold load's dead vote columns, when the store offered them: every cell is written below, so their contents do not matter.
  const spare = helper ? takeScratch(helper, 2 * nnz) : null;
  const cells = spare ? new Uint16Array(spare.buffer, spare.offset, nnz) : uint16s(nnz, helper != null);
  const half = rowPtr[middle]!;
  const wait = helper ? helper.run({ kind: 'voteCells', colIdx, values, cells, from: half, to: nnz }) : null;
  voteCells(colIdx, values, cells, 0, wait ? half : nnz);
  wait?.();
  return cells;
}

/** cells[p] = the segment 3c + value + 1 of vote p, for votes `[from, to)` (a helper's share). */
export function voteCells(colIdx: Int32Array, values: Int8Array, cells: Uint16Array, from: number, to: number): void {
  for (let p = from; p < to; p++) cells[p] = 3 * colIdx[p]! + values[p]! + 1;
}

/** Rows `[from, to)` of a scatter product (this thread's share or a helper's): from `cells` when built, else from colIdx and values. */
export function scatterHalf(rowPtr: Int32Array, colIdx: Int32Array, values: Int8Array, cells: Uint16Array | null, weighted: Float64Array, sums: Float64Array, from: number, to: number): void {
  if (cells) scatterCells(rowPtr, cells, weighted, sums, from, to);
  else scatterRows(rowPtr, colIdx, values, weighted, sums, from, to);
}

/** `scatterRows` reading each vote's segment from `cells`: the same sums, bit for bit. */
export function scatterCells(rowPtr: Int32Array, cells: Uint16Array, weighted: Float64Array, sums: Float64Array, from: number, to: number): void {
  for (let r = from; r < to; r++) {
    const start = rowPtr[r]!;
    const end = rowPtr[r + 1]!;
    let even = 0;
    let odd = 0;
    let p = start;
    for (; p + 1 < end; p += 2) {
      even += weighted[cells[p]!]!;
      odd += weighted[cells[p + 1]!]!;
    }
    if (p < end) even += weighted[cells[p]!]!;
    const dot = even + odd;
    if (dot === 0) continue;
    for (let q = start; q < end; q++) sums[cells[q]!]! += dot;
  }
}

/** sums[segment] += each row's dot product, for every vote of the row, over rows `[from, to)` (a helper's share). */
export function scatterRows(rowPtr: Int32Array, colIdx: Int32Array, values: Int8Array, weighted: Float64Array, sums: Float64Array, from: number, to: number): void {
  for (let r = from; r < to; r++) {
    const start = rowPtr[r]!;
    const end = rowPtr[r + 1]!;
    let even = 0;
    let odd = 0;
    let p = start;
    for (; p + 1 < end; p += 2) {
      even += weighted[3 * colIdx[p]! + values[p]! + 1]!;
      odd += weighted[3 * colIdx[p + 1]! + values[p + 1]! + 1]!;
    }
    if (p < end) even += weighted[3 * colIdx[p]! + values[p]! + 1]!;
    const dot = even + odd;
    if (dot === 0) continue;
    for (let q = start; q < end; q++) sums[3 * colIdx[q]! + values[q]! + 1]! += dot;
  }
}

// Rows of each (statement c, vote k) segment, segment 3c + k + 1, in row order.
function voteSegments(nRows: number, nCols: number, rowPtr: Int32Array, colIdx: Int32Array, values: Int8Array) {
  const nnz = rowPtr[nRows]!;
  const segmentStart = new Int32Array(3 * nCols + 1);
  for (let p = 0; p < nnz; p++) segmentStart[3 * colIdx[p]! + values[p]! + 2]!++;
  for (let s = 0; s < 3 * nCols; s++) segmentStart[s + 1]! += segmentStart[s]!;
  const next = segmentStart.slice(0, 3 * nCols);
  const segmentRows = new Int32Array(nnz);
  for (let r = 0; r < nRows; r++) {
    for (let p = rowPtr[r]!; p < rowPtr[r + 1]!; p++) segmentRows[next[3 * colIdx[p]! + values[p]! + 1]!++] = r;
  }
  return { segmentStart, segmentRows };
}

// dots[r] = Σ weighted[segment of each vote in row r], in two chains (one chain of dependent additions bounds this loop).
function rowSums(nRows: number, rowPtr: Int32Array, colIdx: Int32Array, values: Int8Array, weighted: Float64Array, dots: Float64Array): void {
  for (let r = 0; r < nRows; r++) {
    const end = rowPtr[r + 1]!;
    let even = 0;
    let odd = 0;
    let p = rowPtr[r]!;
    for (; p + 1 < end; p += 2) {
      even += weighted[3 * colIdx[p]! + values[p]! + 1]!;
      odd += weighted[3 * colIdx[p + 1]! + values[p + 1]! + 1]!;
    }
    if (p < end) even += weighted[3 * colIdx[p]! + values[p]! + 1]!;
    dots[r] = even + odd;
  }
}

// sums[s] = Σ dots[r] over the rows of segment s.
function segmentSums(nSegments: number, segmentStart: Int32Array, segmentRows: Int32Array, dots: Float64Array, sums: Float64Array): void {
  for (let s = 0; s < nSegments; s++) {
    const end = segmentStart[s + 1]!;
    let even = 0;
    let odd = 0;
    let e = segmentStart[s]!;
    for (; e + 1 < end; e += 2) {
      even += dots[segmentRows[e]!]!;
      odd += dots[segmentRows[e + 1]!]!;
    }
    if (e < end) even += dots[segmentRows[e]!]!;
    sums[s] = even + odd;
  }
}
