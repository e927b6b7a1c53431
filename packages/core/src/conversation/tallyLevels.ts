import type { MathHelper } from '../helper/mathHelper.js';
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
  /** Counts of each `touched` cell before (agree, disagree, seen, interleaved), or null with `touched`. */
  touchedBefore: Int32Array | null;
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
  memory: GroupSumsMemory | null = null,
  helper: MathHelper | null = null,
): TallyLevels {
  let nBuckets = 1;
  for (const b of base) nBuckets = Math.max(nBuckets, b.id + 2);
  const rows = rowBucket.subarray(0, matrix.nRows).fill(0);
  for (const b of base) {
    const members = b.members;
    for (let i = 0; i < members.length; i++) rows[members[i]!] = b.id + 1;
  }
  const t = buckets.update(matrix, rows, nBuckets, changes, helper);
  const baseBucket = Int32Array.from(base, (b) => b.id + 1);
  const bucketGroup = new Int32Array(t.nGroups).fill(-1);
  shown.forEach((g, gi) => g.baseIds.forEach((id) => (bucketGroup[id + 1] = gi)));
  const groupTallies = memory ? groupSums(buckets, t, bucketGroup, shown.length, memory) : sumTallies(t, bucketGroup, shown.length);
  return { groupTallies, allTallies: buckets.all, buckets: t, baseBucket, touched: buckets.touched, touchedBefore: buckets.touchedBefore };
}

/** The group tallies of the last update and what they were summed from, for `tallyLevels` to update them (memory only). */
export class GroupSumsMemory {
  /** `BucketTallies.version` after the update they were summed at. */
  version = -1;
  bucketGroup = new Int32Array(0);
  tallies: Tallies | null = null;
}

/**
 * sumTallies, updated from the last update's sums when the buckets changed incrementally since and map to the
 * same groups: each touched cell adds its change to its group's cell (integer counts, so exactly the same sums).
 */
function groupSums(buckets: BucketTallies, t: Tallies, bucketGroup: Int32Array, nGroups: number, memory: GroupSumsMemory): Tallies {
  const previous = memory.tallies;
  const touched = buckets.touched;
  const before = buckets.touchedBefore;
  let out: Tallies;
  const { nCols } = t;
  if (previous && touched && before && memory.version === buckets.version - 1 && previous.nGroups === nGroups && previous.nCols <= nCols && sameInts(memory.bucketGroup, bucketGroup)) {
    // The previous sums in the current layout (statements added since have no counts there yet).
    out = { nGroups, nCols, agree: new Int32Array(nGroups * nCols), disagree: new Int32Array(nGroups * nCols), seen: new Int32Array(nGroups * nCols) };
    for (let g = 0; g < nGroups; g++) {
      const from = g * previous.nCols;
      out.agree.set(previous.agree.subarray(from, from + previous.nCols), g * nCols);
      out.disagree.set(previous.disagree.subarray(from, from + previous.nCols), g * nCols);
      out.seen.set(previous.seen.subarray(from, from + previous.nCols), g * nCols);
    }
    for (let i = 0; i < touched.length; i++) {
      const at = touched[i]!;
      const b = Math.floor(at / nCols);
      const g = bucketGroup[b]!;
      if (g < 0) continue;
      const to = g * nCols + (at - b * nCols);
      out.agree[to]! += t.agree[at]! - before[3 * i]!;
      out.disagree[to]! += t.disagree[at]! - before[3 * i + 1]!;
      out.seen[to]! += t.seen[at]! - before[3 * i + 2]!;
    }
  } else out = sumTallies(t, bucketGroup, nGroups);
  memory.version = buckets.version;
  memory.bucketGroup = bucketGroup.slice();
  memory.tallies = out;
  return out;
}

function sameInts(a: Int32Array, b: Int32Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
