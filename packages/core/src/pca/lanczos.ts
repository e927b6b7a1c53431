import { EigenvalueDecomposition, Matrix } from 'ml-matrix';

export interface LanczosOptions {
  /** Stop when both Ritz residuals ‖Ay − θy‖ are below tolerance · θ₁. */
  tolerance: number;
  /** Most products with A in all. */
  maxProducts: number;
  /** Krylov vectors kept before an explicit restart. */
  maxBasis?: number;
}

export interface LanczosResult {
  vectors: [Float64Array, Float64Array];
  values: [number, number];
  products: number;
}

/**
 * The two largest eigenpairs of a symmetric positive semi-definite operator by Lanczos with full
 * reorthogonalisation and explicit restarts from the Ritz vectors. Same answer as power iteration
 * with deflation once converged, in far fewer products (Polis uses power iteration: option).
 * Eigenvalues ≤ 1e-12·θ₁ count as no variance and give a zero vector.
 */
export function lanczos(apply: (v: Float64Array, out: Float64Array) => void, start: Float64Array, options: LanczosOptions): LanczosResult {
  const m = start.length;
  const maxBasis = Math.min(m, options.maxBasis ?? 80);
  let products = 0;
  let v0 = Float64Array.from(start);
  let best: LanczosResult = { vectors: [new Float64Array(m), new Float64Array(m)], values: [0, 0], products: 0 };
  while (products < options.maxProducts) {
    const q: Float64Array[] = [];
    const alpha: number[] = [];
    const beta: number[] = [];
    let norm = Math.sqrt(dot(v0, v0));
    if (norm === 0) break;
    q.push(scale(v0, 1 / norm));
    let converged = false;
    for (let j = 0; j < maxBasis && products < options.maxProducts; j++) {
      const w = new Float64Array(m);
      apply(q[j]!, w);
      products++;
      alpha.push(dot(q[j]!, w));
      // Full reorthogonalisation, twice, keeps the basis orthogonal to machine precision.
      for (let pass = 0; pass < 2; pass++) for (const qi of q) axpy(-dot(qi, w), qi, w);
      norm = Math.sqrt(dot(w, w));
      const ritz = ritzValues(alpha, beta);
      const residuals = ritz.tail.map((s) => Math.abs(norm * s));
      const scaleRef = Math.max(ritz.values[0], Number.MIN_VALUE);
      converged = norm <= 1e-14 * scaleRef || residuals.every((r, i) => r <= options.tolerance * scaleRef || ritz.values[i]! <= 1e-12 * scaleRef);
      if (converged || j + 1 === maxBasis || products >= options.maxProducts) {
        best = { vectors: ritzVectors(ritz.coefficients, q, m), values: ritz.values, products };
        if (converged) break;
      }
      beta.push(norm);
      q.push(scale(w, 1 / norm));
    }
    if (converged) break;
    // Restart from the current Ritz vectors, weighting the second so both directions stay present.
    v0 = Float64Array.from(best.vectors[0]);
    axpy(0.5, best.vectors[1], v0);
  }
  const [v1, v2] = best.vectors;
  const ref = Math.max(best.values[0], Number.MIN_VALUE);
  if (best.values[0] <= 0) v1.fill(0);
  if (best.values[1] <= 1e-12 * ref) v2.fill(0);
  return { ...best, products };
}

// Top-2 eigenvalues of the tridiagonal projection, their eigenvectors' coefficients and last entries.
function ritzValues(alpha: number[], beta: number[]) {
  const j = alpha.length;
  const t = Matrix.zeros(j, j);
  for (let i = 0; i < j; i++) {
    t.set(i, i, alpha[i]!);
    if (i + 1 < j) {
      t.set(i, i + 1, beta[i]!);
      t.set(i + 1, i, beta[i]!);
    }
  }
  const eig = new EigenvalueDecomposition(t, { assumeSymmetric: true });
  const order = eig.realEigenvalues.map((value, index) => ({ value, index })).sort((a, b) => b.value - a.value);
  const s = eig.eigenvectorMatrix;
  const top = order.slice(0, 2);
  return {
    values: [Math.max(0, top[0]?.value ?? 0), Math.max(0, top[1]?.value ?? 0)] as [number, number],
    tail: top.map((e) => s.get(j - 1, e.index)),
    coefficients: top.map((e) => s.getColumn(e.index)),
  };
}

// Ritz vectors Q·s, normalised; a missing second pair gives the zero vector.
function ritzVectors(coefficients: number[][], q: Float64Array[], m: number): [Float64Array, Float64Array] {
  const vectors: [Float64Array, Float64Array] = [new Float64Array(m), new Float64Array(m)];
  coefficients.forEach((s, k) => {
    for (let i = 0; i < s.length; i++) axpy(s[i]!, q[i]!, vectors[k]!);
    const n = Math.sqrt(dot(vectors[k]!, vectors[k]!));
    if (n > 0) for (let c = 0; c < m; c++) vectors[k]![c]! /= n;
  });
  return vectors;
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

function axpy(a: number, x: Float64Array, y: Float64Array): void {
  for (let i = 0; i < x.length; i++) y[i]! += a * x[i]!;
}

function scale(x: Float64Array, a: number): Float64Array {
  return x.map((v) => v * a);
}
