import type { CsrMatrix } from '../matrix/csrMatrix.js';
import { columnMeans } from './columnMeans.js';
import type { MathHelper } from '../helper/mathHelper.js';
import { scatterProduct, segmentProduct } from './covarianceProduct.js';
import { lanczos } from './lanczos.js';
import { powerIteration } from './powerIteration.js';

export interface PcaOptions {
  iterations: number;
  tolerance: number;
  coldStart: 'random' | 'ones';
  /** 'lanczos' (Kuulo) or 'power' (Polis: power iteration with deflation). */
  solver: 'lanczos' | 'power';
  random: () => number;
  /** Exact quotient → double (Polis rounds rationals to 16 significant digits). */
  toDouble?: (sum: number, count: number) => number;
  /** Missing votes: 'mean' (default) or 'zero' (Polis before 2017-10-21). */
  imputation?: 'mean' | 'zero';
  /** Another thread for the large products (Lanczos, scatter product) and the column means; the result is the same without. */
  helper?: MathHelper | null;
}

export interface PcaResult {
  center: Float64Array;
  comps: [Float64Array, Float64Array];
  statementProjection: [Float64Array, Float64Array];
  statementExtremity: Float64Array;
  /** Products of XᵀX used per component (Lanczos reports its total as the first). */
  products: [number, number];
}

/**
 * Two principal components of the mean-imputed vote matrix by power iteration (Polis §6), warm
 * started from `previous` comps (new columns padded with 1, as Polis does), plus each statement's
 * projection and extremity (§7.2). Moderated-out columns have zero centre and zero loading.
 */
export function pca(matrix: CsrMatrix, modOut: Uint8Array, options: PcaOptions, previous?: readonly ArrayLike<number>[] | null): PcaResult {
  const m = matrix.nCols;
  const zero = options.imputation === 'zero';
  const center = zero ? zeroImputedCenter(matrix, modOut) : columnMeans(matrix, modOut, options.toDouble, options.helper);
  const product = zero ? zeroImputedProduct(matrix, center, modOut) : undefined;
  const nComps = Math.min(2, matrix.nRows, m);
  const starts = [startVector(previous?.[0], m, options), startVector(previous?.[1], m, options)] as const;
  const { comps, products } = options.solver === 'lanczos' && nComps > 0 ? byLanczos(matrix, center, modOut, starts, options, product, previous != null && previous.length > 0) : byPowerIteration(matrix, center, modOut, starts, nComps, options, product);
  if (nComps < 2) comps[1] = new Float64Array(m);
  if (nComps < 1) comps[0] = new Float64Array(m);
  const [pc1, pc2] = comps as [Float64Array, Float64Array];
  return { center, comps: [pc1, pc2], ...statementGeometry(center, [pc1, pc2]), products: [products[0]!, products[1]!] };
}

/**
 * Each statement projected as a participant who agreed (−1) with it alone (sqrt(m/1) scaling, Polis
 * §7.2), and its distance from the origin (extremity).
 */
export function statementGeometry(center: Float64Array, comps: readonly [Float64Array, Float64Array]): Pick<PcaResult, 'statementProjection' | 'statementExtremity'> {
  const m = center.length;
  const [pc1, pc2] = comps;
  const scale = Math.sqrt(m);
  const px = new Float64Array(m);
  const py = new Float64Array(m);
  const extremity = new Float64Array(m);
  for (let c = 0; c < m; c++) {
    const d = scale * (-1 - center[c]!);
    px[c] = d * pc1[c]!;
    py[c] = d * pc2[c]!;
    extremity[c] = Math.sqrt(px[c]! * px[c]! + py[c]! * py[c]!);
  }
  return { statementProjection: [px, py], statementExtremity: extremity };
}

// Polis's method: each component by power iteration, deflating the ones before it.
function byPowerIteration(matrix: CsrMatrix, center: Float64Array, modOut: Uint8Array, starts: readonly Float64Array[], nComps: number, options: PcaOptions, product?: (v: Float64Array, out: Float64Array) => void) {
  const comps: Float64Array[] = [];
  const products: [number, number] = [0, 0];
  for (let k = 0; k < nComps; k++) {
    const { component, products: used } = powerIteration(matrix, center, modOut, starts[k]!, {
      iterations: options.iterations,
      tolerance: options.tolerance,
      deflate: comps.filter((c) => c.some((x) => x !== 0)),
      ...(product ? { product } : {}),
    });
    comps.push(component);
    products[k] = used;
  }
  return { comps, products };
}

// Both components at once; each takes the sign power iteration would keep (positive on its start).
function byLanczos(matrix: CsrMatrix, center: Float64Array, modOut: Uint8Array, starts: readonly Float64Array[], options: PcaOptions, product?: (v: Float64Array, out: Float64Array) => void, warm = false) {
  // Moderated-out columns have no variance; a start without them keeps their loading exactly 0.
  const start = Float64Array.from(starts[0]!, (x, c) => (modOut[c] ? 0 : x + 0.5 * starts[1]![c]!));
  // A cold fit takes a dozen products or more: votes as segments from the first; a warm refit often needs one or two.
  const result = lanczos(product ?? lanczosProduct(matrix, center, modOut, options.helper, warm ? 3 : 1), start, {
    tolerance: options.tolerance,
    maxProducts: options.iterations,
  });
  const comps = result.vectors.map((comp, k) => {
    let d = 0;
    for (let c = 0; c < comp.length; c++) d += comp[c]! * starts[k]![c]!;
    return d < 0 ? comp.map((x) => -x) : comp;
  });
  return { comps, products: [result.products, 0] as [number, number] };
}

function startVector(previous: ArrayLike<number> | undefined, m: number, options: PcaOptions): Float64Array {
  const start = new Float64Array(m);
  let nonZero = false;
  if (previous) {
    for (let c = 0; c < Math.min(m, previous.length); c++) if (previous[c] !== 0) nonZero = true;
  }
  if (previous && nonZero) {
    // Columns only ever append, so a previous component is a prefix; Polis pads new columns with 1.
    start.fill(1);
    start.set(Array.prototype.slice.call(previous, 0, Math.min(m, previous.length)) as number[]);
    return start;
  }
  if (options.coldStart === 'ones') return start.fill(1);
  for (let c = 0; c < m; c++) start[c] = options.random();
  return start;
}

// Where `segmentProduct` still pays: its column-major index costs about 28 ns a vote to build once per fit,
// which 12 products repay only on small matrices (measured, synthetic votes, per product: 10 M votes
// segment 33 ms + 284 ms index against scatter 43 ms; 40 M votes 92 ms + 826 ms against 121 ms); above
// 2^19 rows its random reads of the rows' dot products also miss the cache. Up to these sizes (every
// real conversation in the tests) the segment product keeps results bit for bit; above, the scatter
// product equals it up to rounding.
const segmentRowsLimit = 1 << 19;
const segmentVotesLimit = 1 << 22;

function lanczosProduct(matrix: CsrMatrix, center: Float64Array, modOut: Uint8Array, helper: MathHelper | null | undefined, cellsFrom: number): (v: Float64Array, out: Float64Array) => void {
  const small = matrix.nRows <= segmentRowsLimit && matrix.rowPtr[matrix.nRows]! <= segmentVotesLimit;
  return small ? segmentProduct(matrix, center, modOut) : scatterProduct(matrix, center, modOut, helper, cellsFrom);
}


// Zero imputation (Polis before 2017-10-21): the centre is each column's vote sum times 1/n, over all rows.
function zeroImputedCenter(matrix: CsrMatrix, modOut: Uint8Array): Float64Array {
  const { nCols, rowPtr, colIdx, values } = matrix;
  const center = new Float64Array(nCols);
  const nnz = rowPtr[matrix.nRows]!;
  for (let p = 0; p < nnz; p++) if (!modOut[colIdx[p]!]) center[colIdx[p]!]! += values[p]!;
  const inverse = matrix.nRows > 0 ? 1 / matrix.nRows : 0;
  for (let c = 0; c < nCols; c++) center[c]! *= inverse;
  return center;
}

/**
 * out = XᵀX v for X = S − 1cᵀ, S the zero-filled votes (moderated-out columns 0), c the centre: missing
 * cells centre to −c, so X is dense; Xv = Sv − c·v and XᵀXv = Sᵀ(Xv) − c Σ(Xv) keep the work sparse.
 */
function zeroImputedProduct(matrix: CsrMatrix, center: Float64Array, modOut: Uint8Array): (v: Float64Array, out: Float64Array) => void {
  const { nRows, nCols, rowPtr, colIdx, values } = matrix;
  const kept = Float64Array.from(values, (x, p) => (modOut[colIdx[p]!] ? 0 : x));
  return (v, out) => {
    let cv = 0;
    for (let c = 0; c < nCols; c++) cv += center[c]! * v[c]!;
    out.fill(0);
    let total = 0;
    for (let r = 0; r < nRows; r++) {
      let dot = -cv;
      for (let p = rowPtr[r]!; p < rowPtr[r + 1]!; p++) dot += kept[p]! * v[colIdx[p]!]!;
      total += dot;
      if (dot === 0) continue;
      for (let p = rowPtr[r]!; p < rowPtr[r + 1]!; p++) out[colIdx[p]!]! += dot * kept[p]!;
    }
    for (let c = 0; c < nCols; c++) out[c]! -= total * center[c]!;
  };
}
