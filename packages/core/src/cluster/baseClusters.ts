import type { MathHelper } from '../helper/mathHelper.js';
import type { Cluster } from './cluster.js';
import { kmeans } from './kmeans.js';

export interface BaseClustersOptions {
  /** Number of base clusters (Polis `base-k`; Kuulo's default is 100, set by the caller). */
  k: number;
  /** Steps after the first (Polis `base-iters`, 100). */
  maxIterations: number;
  /** Filled with the number of Lloyd steps taken. */
  stats?: { steps: number };
  /** A second thread for half of each cold assignment step (the same result without). */
  helper?: MathHelper | null;
}

/**
 * Polis's base clustering (§8): unweighted k-means of the clustered participants' projections, warm-started
 * from the previous base clusters so that ids are lineage ids. `rows[i]` names point i (a participant row).
 * Returns the clusters sorted by id, as Polis stores them.
 */
export function baseClusters(points: Float64Array, rows: Int32Array, previous: readonly Cluster[] | null, options: BaseClustersOptions): Cluster[] {
  return kmeans(points, rows, options.k, { maxIterations: options.maxIterations, last: previous, stats: options.stats }).sort((a, b) => a.id - b.id);
}
