import type { CsrMatrix } from '../matrix/csrMatrix.js';
import { centeredValues, covarianceProduct } from './covarianceProduct.js';

export interface PowerIterationOptions {
  /** Steps after the first product (Polis: 100, i.e. up to 101 products). */
  iterations: number;
  /** Stop when the unit vector moves less than this (max-norm); 0 keeps only Polis's exact-equality stop. */
  tolerance: number;
  /** Earlier unit components to project out (Polis deflates X by each earlier component). */
  deflate: readonly Float64Array[];
  /** out = XᵀX v for another X than the mean-imputed one (zero imputation); default the sparse product. */
  product?: (v: Float64Array, out: Float64Array) => void;
}

export interface PowerIterationResult {
  component: Float64Array;
  /** Products of Xᵀ X used. */
  products: number;
}

/**
 * Dominant eigenvector of XᵀX by power iteration from `start`, Polis-style: w = XᵀXv, v = w/‖w‖,
 * stop when ‖w‖ repeats exactly (Polis) or v moves less than `tolerance` (Kuulo; option), or after
 * `iterations + 1` products. Deflation by earlier components is applied implicitly, (I − ppᵀ) on
 * both sides, which equals Polis's explicit X − (Xp)pᵀ without densifying X.
 */
export function powerIteration(
  matrix: CsrMatrix,
  center: Float64Array,
  skip: Uint8Array,
  start: Float64Array,
  options: PowerIterationOptions,
): PowerIterationResult {
  const m = matrix.nCols;
  let v = Float64Array.from(start);
  let w = new Float64Array(m);
  const product = options.product ?? sparseProduct(matrix, center, skip);
  let lastNorm = 0;
  let products = 0;
  for (let t = options.iterations; ; t--) {
    for (const p of options.deflate) removeComponent(v, p);
    product(v, w);
    for (const p of options.deflate) removeComponent(w, p);
    products++;
    let sumSq = 0;
    for (let c = 0; c < m; c++) sumSq += w[c]! * w[c]!;
    const norm = Math.sqrt(sumSq);
    let moved = 0;
    if (norm > 0) {
      for (let c = 0; c < m; c++) {
        const next = w[c]! / norm;
        moved = Math.max(moved, Math.abs(next - v[c]!));
        w[c] = next;
      }
    } else {
      w.fill(0);
    }
    [v, w] = [w, v];
    if (t <= 0 || norm === lastNorm || (options.tolerance > 0 && moved < options.tolerance)) break;
    lastNorm = norm;
  }
  return { component: v, products };
}

function removeComponent(x: Float64Array, p: Float64Array): void {
  let dot = 0;
  for (let c = 0; c < x.length; c++) dot += x[c]! * p[c]!;
  if (dot === 0) return;
  for (let c = 0; c < x.length; c++) x[c]! -= dot * p[c]!;
}

function sparseProduct(matrix: CsrMatrix, center: Float64Array, skip: Uint8Array): (v: Float64Array, out: Float64Array) => void {
  const rows = new Float64Array(matrix.nRows);
  const centered = centeredValues(matrix, center, skip);
  return (v, out) => covarianceProduct(matrix, centered, v, out, rows);
}
