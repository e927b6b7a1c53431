import type { Tallies } from './tallies.js';

/**
 * Tallies of unions of buckets: bucket b is added to group `bucketGroup[b]` (−1 leaves it out).
 * Groups are unions of base clusters, so one tally pass over base clusters gives every level.
 */
export function sumTallies(buckets: Tallies, bucketGroup: Int32Array, nGroups: number): Tallies {
  if (bucketGroup.length !== buckets.nGroups) {
    throw new RangeError(`sumTallies: bucketGroup has ${bucketGroup.length} entries but there are ${buckets.nGroups} buckets`);
  }
  const { nCols } = buckets;
  const agree = new Int32Array(nGroups * nCols);
  const disagree = new Int32Array(nGroups * nCols);
  const seen = new Int32Array(nGroups * nCols);
  for (let b = 0; b < buckets.nGroups; b++) {
    const g = bucketGroup[b]!;
    if (g === -1) continue;
    if (!Number.isInteger(g) || g < 0 || g >= nGroups) throw new RangeError(`sumTallies: bucketGroup[${b}] must be −1 or a group index below ${nGroups}, got ${g}`);
    const from = b * nCols;
    const to = g * nCols;
    for (let c = 0; c < nCols; c++) {
      agree[to + c]! += buckets.agree[from + c]!;
      disagree[to + c]! += buckets.disagree[from + c]!;
      seen[to + c]! += buckets.seen[from + c]!;
    }
  }
  return { nGroups, nCols, agree, disagree, seen };
}
