import type { Cluster } from '../cluster/cluster.js';

/**
 * Silhouette of a grouping of base clusters, counted per participant: each participant stands at its
 * base cluster's centre, so a base cluster with w members counts w times (Polis counts every base
 * cluster once, whatever its size, §9.2 and §21.2). For base b in group G, with W the member counts:
 * a = Σ_{b'∈G} w_b'·d(b, b') / (W_G − 1), b̂ = min over other groups H of Σ_{b'∈H} w_b'·d(b, b') / W_H,
 * s = (b̂ − a) / max(a, b̂) (0 for a group of one participant, or when a = b̂ = 0); returns Σ w_b·s_b / Σ w_b.
 * Equals the usual silhouette of the participants placed at their base centres. 0 for fewer than 2 groups.
 */
export function weightedSilhouette(base: readonly Cluster[], groups: readonly Cluster[]): number {
  if (groups.length < 2) return 0;
  const byId = new Map(base.map((b) => [b.id, b]));
  const members = groups.map((g) =>
    g.members.map((id) => {
      const b = byId.get(id);
      if (!b) throw new RangeError(`weightedSilhouette: group ${g.id} has member ${id}, which is not a base cluster id`);
      return b;
    }),
  );
  const groupWeight = members.map((list) => list.reduce((sum, b) => sum + b.members.length, 0));
  let total = 0;
  let weight = 0;
  members.forEach((list, own) => {
    for (const b of list) {
      const w = b.members.length;
      weight += w;
      if (groupWeight[own]! <= 1) continue;
      let a = 0;
      let bHat = Infinity;
      members.forEach((other, gi) => {
        let s = 0;
        for (const c of other) {
          const dx = b.center[0] - c.center[0];
          const dy = b.center[1] - c.center[1];
          // sqrt, not Math.hypot: this runs O(points²) times per k and hypot is several times slower.
          s += c.members.length * Math.sqrt(dx * dx + dy * dy);
        }
        if (gi === own) a = s / (groupWeight[own]! - 1);
        else bHat = Math.min(bHat, s / groupWeight[gi]!);
      });
      const scale = Math.max(a, bHat);
      if (scale > 0) total += (w * (bHat - a)) / scale;
    }
  });
  return weight === 0 ? 0 : total / weight;
}
