import type { Cluster } from '../cluster/cluster.js';
import type { CsrMatrix } from '../matrix/csrMatrix.js';
import type { BucketTallies } from '../stats/bucketTallies.js';
import type { CellChanges } from '../store/changeLog.js';
import { sumTallies } from '../stats/sumTallies.js';
import type { Tallies } from '../stats/tallies.js';

/** Tallies at every level of one update; `buckets` and `allTallies` are live views, valid until the next update. */
export interface TallyLevels {
  groupTallies: Tallies;
  allTallies: Tallies;
  /** Per-bucket tallies: bucket 0 is the rows outside every base cluster, bucket id + 1 base cluster `id`. */
  buckets: Tallies;
  /** Bucket of each base cluster, in `base` order. */
  baseBucket: Int32Array;
  /** Bucket tally indices that changed since the last update, or null when unknown (recounted). */
  touched: Int32Array | null;
}

/**
 * Group, base-cluster and overall tallies from one set of per-base-cluster tallies: bucket 0 holds the
 * rows outside every base cluster and bucket id + 1 base cluster `id` (ids survive warm updates, so
 * `buckets` only touches changed votes and moved rows). Groups are unions of base clusters, so their
 * tallies are sums of buckets; "all" is every bucket, kept by `buckets` itself. `rowBucket`, when given,
 * is a scratch buffer of at least `matrix.nRows` entries (kept by the caller to spare an allocation).
 */
export function tallyLevels(
  buckets: BucketTallies,
  matrix: CsrMatrix,
  base: readonly Cluster[],
  shown: readonly { baseIds: readonly number[] }[],
  changes: CellChanges | null,
  rowBucket: Int32Array = new Int32Array(matrix.nRows),
): TallyLevels {
  let nBuckets = 1;
  for (const b of base) nBuckets = Math.max(nBuckets, b.id + 2);
  const rows = rowBucket.subarray(0, matrix.nRows).fill(0);
  for (const b of base) for (const r of b.members) rows[r] = b.id + 1;
  const t = buckets.update(matrix, rows, nBuckets, changes);
  const baseBucket = Int32Array.from(base, (b) => b.id + 1);
  const bucketGroup = new Int32Array(t.nGroups).fill(-1);
  shown.forEach((g, gi) => g.baseIds.forEach((id) => (bucketGroup[id + 1] = gi)));
  return { groupTallies: sumTallies(t, bucketGroup, shown.length), allTallies: buckets.all, buckets: t, baseBucket, touched: buckets.touched };
}
