import type { Cluster } from './cluster.js';

/**
 * Polis's silhouette of a group clustering (§9.2), computed on base-cluster centres, each counted once
 * whatever its size: for each base cluster b in a group, in base-id order, s(b) = (b̂ − a) / max(a, b̂) with
 * a the mean distance to the other members of its group and b̂ the smallest mean distance to another
 * group; s(b) = 0 when b is alone in its group. Returns the plain mean of s(b). Distances are computed as
 * sqrt(dx² + dy²); Polis's vectorz may round differently in the last bits, which only matters on exact ties.
 *
 * Where Polis fails we return 0 instead: a single group with several members makes b̂ undefined and
 * Polis throws (the update fails and is retried later); a = b̂ = 0 gives NaN in Polis and 0 here. No
 * groups at all also gives 0.
 */
export function silhouette(base: readonly Cluster[], groups: readonly Cluster[]): number {
  const position = new Map<number, [number, number]>();
  for (const b of base) position.set(b.id, b.center);
  const groupOf = new Map<number, number>();
  const members = groups.map((g, gi) => {
    if (g.members.length === 0) throw new RangeError(`silhouette: group ${g.id} has no members`);
    return [...g.members].sort((p, q) => p - q).map((id) => {
      const center = position.get(id);
      if (center === undefined) throw new RangeError(`silhouette: group ${g.id} has member ${id}, which is not a base cluster id`);
      if (groupOf.has(id)) throw new RangeError(`silhouette: base cluster ${id} is in two groups (${groups[groupOf.get(id)!]!.id} and ${g.id})`);
      groupOf.set(id, gi);
      return center;
    });
  });
  if (groups.length < 2) return 0;

  // Each group's member centres as x0, y0, x1, y1, … (flat, so the k²-distance loop below allocates nothing).
  const flat = members.map((centers) => {
    const xy = new Float64Array(2 * centers.length);
    centers.forEach(([u, v], i) => ((xy[2 * i] = u), (xy[2 * i + 1] = v)));
    return xy;
  });
  let sum = 0;
  let count = 0;
  const clustered = [...groupOf.keys()].sort((p, q) => p - q);
  for (const id of clustered) {
    const [x, y] = position.get(id)!;
    const own = groupOf.get(id)!;
    count++;
    if (members[own]!.length === 1) continue;
    let a = 0;
    let bHat = Infinity;
    for (let gi = 0; gi < flat.length; gi++) {
      // Mean over the other members; b's own distance (0) is left out of its group's sum and count.
      const xy = flat[gi]!;
      const size = xy.length >> 1;
      let s = 0;
      for (let i = 0; i < xy.length; i += 2) {
        const u = xy[i]!;
        const v = xy[i + 1]!;
        s += Math.sqrt((x - u) * (x - u) + (y - v) * (y - v));
      }
      if (gi === own) a = s * (1 / (size - 1));
      else bHat = Math.min(bHat, s * (1 / size));
    }
    const scale = Math.max(a, bHat);
    if (scale > 0) sum += (bHat - a) / scale;
  }
  return count === 0 ? 0 : sum * (1 / count);
}
