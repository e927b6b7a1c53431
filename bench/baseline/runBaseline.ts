import { kmeans } from 'ml-kmeans';
import { Matrix } from 'ml-matrix';
import { PCA } from 'ml-pca';
import type { VoteColumns } from '../data/voteColumns.js';

export interface BaselineOptions {
  /** Number of groups to ask k-means for (the planted or Polis count: a generous hint). */
  k: number;
  /** k-means seed. Default 1. */
  seed?: number;
}

export interface BaselineRun {
  /** Wall time per stage in ms: dense matrix + mean imputation, PCA (fit + projection), k-means. */
  stages: { matrix: number; pca: number; kmeans: number };
  total: number;
  /** Participant id per row, in first-appearance order. */
  participant: Int32Array;
  /** Group per row. */
  group: Int32Array;
  iterations: { kmeans: number };
}

/**
 * What a user would write with the design's packages instead of Kuulo: a dense participants ×
 * statements matrix, missing votes replaced by the statement's mean, 2-component PCA with ml-pca
 * (NIPALS, centred), then ml-kmeans (k-means++) on the projections with a given k. Every
 * participant is clustered. A repeated vote on a cell keeps the one that comes last in the input.
 */
export function runBaseline(votes: VoteColumns, options: BaselineOptions): BaselineRun {
  const started = performance.now();
  const rowOf = new Map<number, number>();
  const colOf = new Map<number, number>();
  const row = new Int32Array(votes.vote.length);
  const col = new Int32Array(votes.vote.length);
  for (let k = 0; k < votes.vote.length; k++) {
    const p = votes.participant[k]!;
    const s = votes.statement[k]!;
    let r = rowOf.get(p);
    if (r === undefined) rowOf.set(p, (r = rowOf.size));
    let c = colOf.get(s);
    if (c === undefined) colOf.set(s, (c = colOf.size));
    row[k] = r;
    col[k] = c;
  }
  const n = rowOf.size;
  const m = colOf.size;
  const data = new Matrix(n, m).fill(Number.NaN);
  for (let k = 0; k < votes.vote.length; k++) data.set(row[k]!, col[k]!, votes.vote[k]!);
  const sums = new Float64Array(m);
  const counts = new Float64Array(m);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < m; j++) {
      const v = data.get(i, j);
      if (!Number.isNaN(v)) {
        sums[j]! += v;
        counts[j]! += 1;
      }
    }
  }
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < m; j++) if (Number.isNaN(data.get(i, j))) data.set(i, j, sums[j]! / counts[j]!);
  }
  const afterMatrix = performance.now();

  const pca = new PCA(data, { method: 'NIPALS', nCompNIPALS: 2, center: true, scale: false });
  const points = pca.predict(data, { nComponents: 2 }).to2DArray();
  const afterPca = performance.now();

  const clustering = kmeans(points, Math.min(options.k, n), { seed: options.seed ?? 1, initialization: 'kmeans++' });
  const finished = performance.now();

  const participant = new Int32Array(n);
  for (const [p, r] of rowOf) participant[r] = p;
  return {
    stages: { matrix: afterMatrix - started, pca: afterPca - afterMatrix, kmeans: finished - afterPca },
    total: finished - started,
    participant,
    group: Int32Array.from(clustering.clusters),
    iterations: { kmeans: clustering.iterations },
  };
}
