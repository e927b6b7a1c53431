type Point = [number, number];

function median(values: number[]): number {
  const v = [...values].sort((a, b) => a - b);
  return v.length % 2 ? v[(v.length - 1) / 2]! : (v[v.length / 2 - 1]! + v[v.length / 2]!) / 2;
}

/**
 * The `share` of `points` nearest their coordinate-wise median (at least three, ties by input order).
 * Group outlines now use `coreHulls` instead, which follows the group's shape and keeps cores apart.
 */
export function nearestMedian(points: readonly Point[], share: number): Point[] {
  if (share >= 1 || points.length < 4) return [...points];
  const mx = median(points.map((p) => p[0]));
  const my = median(points.map((p) => p[1]));
  const keep = Math.max(3, Math.ceil(share * points.length));
  return points
    .map((p, i) => ({ p, i, d: Math.hypot(p[0] - mx, p[1] - my) }))
    .sort((a, b) => a.d - b.d || a.i - b.i)
    .slice(0, keep)
    .map((e) => e.p);
}
