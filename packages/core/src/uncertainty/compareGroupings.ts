import { matchGroupIds } from '../cluster/matchGroupIds.js';

/** How one resample's groups relate to the reference groups. */
export interface GroupingComparison {
  /** Reference group index → the resample group index paired with it (most shared participants), or −1. */
  pairedWith: Int32Array;
  /** Per reference group: Jaccard similarity of its best-matching resample group, NaN when none of its members was resampled. */
  jaccard: Float64Array;
}

/**
 * Compares a resample's grouping with the reference. `reference[k]` and `resample[k]` are reference
 * participant k's group index (−1 for none); `present[k]` says whether k was in the resample at all.
 * Pairing is one-to-one, maximising shared participants (Hungarian, as `groupIds: 'match'`); Jaccard uses
 * the best match for each reference group restricted to the resampled participants (Hennig 2007, clusterwise
 * stability).
 */
export function compareGroupings(reference: Int32Array, resample: Int32Array, present: Uint8Array, nReference: number, nResample: number): GroupingComparison {
  const n = reference.length;
  const refMembers: number[][] = Array.from({ length: nReference }, () => []);
  const resMembers: number[][] = Array.from({ length: nResample }, () => []);
  const shared = Array.from({ length: nReference }, () => new Int32Array(nResample));
  for (let k = 0; k < n; k++) {
    if (!present[k]) continue;
    const g = reference[k]!;
    const h = resample[k]!;
    if (g >= 0) refMembers[g]!.push(k);
    if (h >= 0) resMembers[h]!.push(k);
    if (g >= 0 && h >= 0) shared[g]![h]!++;
  }
  const jaccard = new Float64Array(nReference).fill(NaN);
  for (let g = 0; g < nReference; g++) {
    if (refMembers[g]!.length === 0) continue;
    let best = 0;
    for (let h = 0; h < nResample; h++) {
      const both = shared[g]![h]!;
      const union = refMembers[g]!.length + resMembers[h]!.length - both;
      if (union > 0) best = Math.max(best, both / union);
    }
    jaccard[g] = best;
  }
  const relabel = matchGroupIds(
    resMembers.map((participants, h) => ({ id: h, participants })),
    refMembers.map((participants, g) => ({ id: g, participants })),
  );
  const pairedWith = new Int32Array(nReference).fill(-1);
  for (let h = 0; h < nResample; h++) {
    const g = relabel.get(h)!;
    // Unpaired resample groups get fresh ids, which may collide with reference indices: check the overlap.
    if (g < nReference && shared[g]![h]! > 0) pairedWith[g] = h;
  }
  return { pairedWith, jaccard };
}
