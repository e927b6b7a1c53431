import type { CsrMatrix } from '../matrix/csrMatrix.js';
import { lcg } from '../random/lcg.js';

/** Options of `bridgingScores`; each field states its default. */
export interface BridgingOptions {
  /** L2 weight on the factors, relative to the mean votes per participant / statement (Community Notes' λ). Default 0.03. */
  factorRegularization?: number;
  /** L2 weight on the intercepts as a multiple of the factor weight (Community Notes: 5). Default 5. */
  interceptMultiplier?: number;
  /** Most alternating least-squares sweeps. Default 200. */
  iterations?: number;
  /** Stop once no statement's score (nor μ) moves more than this in a sweep; at 1e-4 scores are within ~5e-4 of the optimum (rank correlation 0.999999). Default 1e-4. */
  tolerance?: number;
  /** Pass votes count as 0, halfway between agree and disagree ('neutral'), or are left out ('skip'). Default 'neutral'. */
  passes?: 'neutral' | 'skip';
  /** Seed of the statement factors' start. Default 0. */
  seed?: number;
  /** Source of uniform [0,1) numbers for the start; overrides `seed`. */
  random?: () => number;
}

const defaults = { factorRegularization: 0.03, interceptMultiplier: 5, iterations: 200, tolerance: 1e-4, passes: 'neutral', seed: 0 } as const;

/** A fitted model v_ij ≈ μ + b_i + c_j + f_i·g_j (public sign, agree = +1). */
export interface Bridging {
  /** Bridging score per statement: its intercept c_j. NaN for skipped columns and columns without votes. */
  score: Float64Array;
  /** g_j: how strongly the statement splits people along the opinion axis f. */
  statementFactor: Float64Array;
  participantIntercept: Float64Array;
  /** f_i: the participant's position on the one-dimensional opinion axis. */
  participantFactor: Float64Array;
  globalIntercept: number;
  /** Sweeps run. */
  sweeps: number;
}

/**
 * A k-free consensus score in the manner of Community Notes' matrix factorisation: fit
 * v_ij ≈ μ + b_i + c_j + f_i·g_j to the observed votes (agree +1, disagree −1) by alternating ridge
 * regressions, each participant's (b_i, f_i) and each statement's (c_j, g_j) in closed form, O(nnz) per
 * sweep. Intercepts are penalised `interceptMultiplier` times harder than factors, so agreement that the
 * opinion axis can explain goes to f_i·g_j and only agreement across it is left in c_j: a statement scores
 * high when people far apart on the map both agree with it, with no number of groups chosen.
 * `matrix` is in Polis's internal sign (agree = −1); columns with `skip[c] = 1` are left out.
 */
export function bridgingScores(matrix: CsrMatrix, skip: Uint8Array, options: BridgingOptions = {}): Bridging {
  const o = { ...defaults, ...definedOnly(options) };
  validate(matrix, skip, o);
  const { nRows, nCols } = matrix;
  const votes = usedVotes(matrix, skip, o.passes === 'skip');
  const { used } = votes;
  let participants = 0;
  let statements = 0;
  for (let r = 0; r < nRows; r++) if (votes.rowPtr[r + 1]! > votes.rowPtr[r]!) participants++;
  for (let j = 0; j < nCols; j++) if (votes.colPtr[j + 1]! > votes.colPtr[j]!) statements++;
  // Community Notes averages the loss over votes and each penalty over its parameters; times the vote count that is ridge weights λ·N/U and λ·N/M.
  const lambda = o.factorRegularization;
  const rowFactorReg = participants ? (lambda * used) / participants : lambda;
  const colFactorReg = statements ? (lambda * used) / statements : lambda;
  const rowInterceptReg = o.interceptMultiplier * rowFactorReg;
  const colInterceptReg = o.interceptMultiplier * colFactorReg;

  const random = o.random ?? lcg(o.seed);
  const b = new Float64Array(nRows);
  const f = new Float64Array(nRows);
  const c = new Float64Array(nCols);
  const g = Float64Array.from({ length: nCols }, () => random() - 0.5);
  const sumF = new Float64Array(nCols);
  let mu = used > 0 ? votes.sum / used : 0;
  let sweeps = 0;
  while (sweeps < o.iterations && used > 0) {
    sweeps++;
    const { rowPtr, colIdx, rowY, colPtr, rowIdx, colY } = votes;
    let interceptSum = 0;
    for (let r = 0; r < nRows; r++) {
      const from = rowPtr[r]!;
      const to = rowPtr[r + 1]!;
      let sg = 0, sgg = 0, sr = 0, srg = 0;
      for (let p = from; p < to; p++) {
        const j = colIdx[p]!;
        const gj = g[j]!;
        const residual = rowY[p]! - mu - c[j]!;
        sg += gj;
        sgg += gj * gj;
        sr += residual;
        srg += residual * gj;
      }
      ridge2(to - from + rowInterceptReg, sg, sgg + rowFactorReg, sr, srg, b, f, r);
      interceptSum += (to - from) * b[r]!;
    }
    let change = 0;
    for (let j = 0; j < nCols; j++) {
      const from = colPtr[j]!;
      const to = colPtr[j + 1]!;
      let sf = 0, sff = 0, sr = 0, srf = 0;
      for (let at = from; at < to; at++) {
        const i = rowIdx[at]!;
        const fi = f[i]!;
        const residual = colY[at]! - mu - b[i]!;
        sf += fi;
        sff += fi * fi;
        sr += residual;
        srf += residual * fi;
      }
      const before = c[j]!;
      ridge2(to - from + colInterceptReg, sf, sff + colFactorReg, sr, srf, c, g, j);
      sumF[j] = sf;
      interceptSum += (to - from) * c[j]!;
      change = Math.max(change, Math.abs(c[j]! - before));
    }
    // The global intercept is not penalised: shift it by the mean residual, Σ(y − μ − b − c − f·g)/N, from the sums above.
    let factorSum = 0;
    for (let j = 0; j < nCols; j++) factorSum += g[j]! * sumF[j]!;
    const shift = (votes.sum - used * mu - interceptSum - factorSum) / used;
    mu += shift;
    if (Math.max(change, Math.abs(shift)) <= o.tolerance) break;
  }
  const score = Float64Array.from(c, (value, j) => (votes.colPtr[j + 1]! > votes.colPtr[j]! ? value : NaN));
  return { score, statementFactor: g, participantIntercept: b, participantFactor: f, globalIntercept: mu, sweeps };
}

/** The votes that enter the fit (public sign), by row and by column, with no gaps to skip in the sweeps. */
function usedVotes(matrix: CsrMatrix, skip: Uint8Array, skipPasses: boolean) {
  const { nRows, nCols, rowPtr: allPtr, colIdx: allCol, values } = matrix;
  const nnz = allPtr[nRows]!;
  const rowPtr = new Int32Array(nRows + 1);
  const colIdx = new Int32Array(nnz);
  const rowY = new Int8Array(nnz);
  let used = 0;
  let sum = 0;
  for (let r = 0; r < nRows; r++) {
    for (let p = allPtr[r]!; p < allPtr[r + 1]!; p++) {
      const j = allCol[p]!;
      const v = values[p]!;
      if (skip[j] || (skipPasses && v === 0)) continue;
      colIdx[used] = j;
      // Polis's internal sign is agree = −1; the model works in the public sign.
      rowY[used] = v === 0 ? 0 : -v;
      sum += rowY[used]!;
      used++;
    }
    rowPtr[r + 1] = used;
  }
  // The same votes column by column (a counting sort), rows ascending within a column.
  const colPtr = new Int32Array(nCols + 1);
  for (let p = 0; p < used; p++) colPtr[colIdx[p]! + 1]!++;
  for (let j = 0; j < nCols; j++) colPtr[j + 1]! += colPtr[j]!;
  const next = colPtr.slice(0, nCols);
  const rowIdx = new Int32Array(used);
  const colY = new Int8Array(used);
  for (let r = 0; r < nRows; r++) {
    for (let p = rowPtr[r]!; p < rowPtr[r + 1]!; p++) {
      const at = next[colIdx[p]!]!++;
      rowIdx[at] = r;
      colY[at] = rowY[p]!;
    }
  }
  return { used, sum, rowPtr, colIdx, rowY, colPtr, rowIdx, colY };
}

/** Solves [[a, h], [h, d]]·[u, w] = [p, q] (positive definite) into u[i], w[i]. */
function ridge2(a: number, h: number, d: number, p: number, q: number, u: Float64Array, w: Float64Array, i: number): void {
  const det = a * d - h * h;
  u[i] = det > 0 ? (d * p - h * q) / det : 0;
  w[i] = det > 0 ? (a * q - h * p) / det : 0;
}

function definedOnly(options: BridgingOptions): BridgingOptions {
  return Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
}

function validate(matrix: CsrMatrix, skip: Uint8Array, o: Required<Omit<BridgingOptions, 'random'>>): void {
  if (skip.length !== matrix.nCols) throw new RangeError(`bridgingScores: skip has ${skip.length} entries but the matrix has ${matrix.nCols} columns`);
  if (!(o.factorRegularization > 0 && Number.isFinite(o.factorRegularization))) {
    throw new RangeError(`bridgingScores: options.factorRegularization must be a positive number, got ${o.factorRegularization}`);
  }
  if (!(o.interceptMultiplier > 0 && Number.isFinite(o.interceptMultiplier))) {
    throw new RangeError(`bridgingScores: options.interceptMultiplier must be a positive number, got ${o.interceptMultiplier}`);
  }
  if (!Number.isInteger(o.iterations) || o.iterations < 1) throw new RangeError(`bridgingScores: options.iterations must be a positive integer, got ${o.iterations}`);
  if (!(o.tolerance >= 0)) throw new RangeError(`bridgingScores: options.tolerance must be ≥ 0, got ${o.tolerance}`);
  if (o.passes !== 'neutral' && o.passes !== 'skip') throw new RangeError(`bridgingScores: options.passes must be neutral or skip, got ${String(o.passes)}`);
  if (!Number.isInteger(o.seed)) throw new RangeError(`bridgingScores: options.seed must be an integer, got ${o.seed}`);
}
