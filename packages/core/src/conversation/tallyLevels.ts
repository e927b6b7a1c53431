import type { Cluster } from '../cluster/cluster.js';
import type { CsrMatrix } from '../matrix/csrMatrix.js';
import type { BucketTallies } from '../stats/bucketTallies.js';
import type { CellChanges } from '../store/changeLog.js';
import { sumTallies } from '../stats/sumTallies.js';
import type { Tallies } from '../stats/tallies.js';

/**
 * Group, base-cluster and overall tallies from one set of per-base-cluster tallies: bucket 0 holds the
 * rows outside every base cluster and bucket id + 1 base cluster `id` (ids survive warm updates, so
 * `buckets` only touches changed votes and moved rows). Groups are unions of base clusters and
 * "all" is every bucket, so those levels are sums of buckets.
 */
export function tallyLevels(
  buckets: BucketTallies,
  matrix: CsrMatrix,
  base: readonly Cluster[],
  shown: readonly { baseIds: readonly number[] }[],
  changes: CellChanges | null,
): { groupTallies: Tallies; baseTallies: Tallies; allTallies: Tallies } {
  let nBuckets = 1;
  for (const b of base) nBuckets = Math.max(nBuckets, b.id + 2);
  const rowBucket = new Int32Array(matrix.nRows);
  for (const b of base) for (const r of b.members) rowBucket[r] = b.id + 1;
  const t = buckets.update(matrix, rowBucket, nBuckets, changes);
  const { nCols } = t;
  const baseTallies: Tallies = { nGroups: base.length, nCols, agree: new Int32Array(base.length * nCols), disagree: new Int32Array(base.length * nCols), seen: new Int32Array(base.length * nCols) };
  base.forEach((b, bi) => {
    const from = (b.id + 1) * nCols;
    baseTallies.agree.set(t.agree.subarray(from, from + nCols), bi * nCols);
    baseTallies.disagree.set(t.disagree.subarray(from, from + nCols), bi * nCols);
    baseTallies.seen.set(t.seen.subarray(from, from + nCols), bi * nCols);
  });
  const bucketGroup = new Int32Array(t.nGroups).fill(-1);
  shown.forEach((g, gi) => g.baseIds.forEach((id) => (bucketGroup[id + 1] = gi)));
  return { groupTallies: sumTallies(t, bucketGroup, shown.length), baseTallies, allTallies: sumTallies(t, new Int32Array(t.nGroups), 1) };
}
