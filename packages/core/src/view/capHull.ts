type Point = [number, number];

/**
 * A convex polygon of at most `maxPoints` vertices that contains the convex polygon `hull`
 * (counter-clockwise): while there are too many vertices, the edge whose removal adds the least area
 * goes, its two neighbouring edges extended until they meet. Everything `hull` contained stays inside.
 */
export function capHull(hull: readonly Point[], maxPoints: number): Point[] {
  if (!Number.isInteger(maxPoints) || maxPoints < 3) throw new RangeError(`capHull: maxPoints must be an integer ≥ 3, got ${maxPoints}`);
  const poly = hull.map((p): Point => [p[0], p[1]]);
  while (poly.length > maxPoints) {
    const n = poly.length;
    let best = -1;
    let bestArea = Infinity;
    let bestPoint: Point = [0, 0];
    for (let i = 0; i < n; i++) {
      const meet = extendedCorner(poly[(i - 1 + n) % n]!, poly[i]!, poly[(i + 1) % n]!, poly[(i + 2) % n]!);
      if (meet === null) continue;
      const [a, b] = [poly[i]!, poly[(i + 1) % n]!];
      const area = Math.abs((b[0] - a[0]) * (meet[1] - a[1]) - (b[1] - a[1]) * (meet[0] - a[0])) / 2;
      if (area < bestArea) (best = i), (bestArea = area), (bestPoint = meet);
    }
    // No edge can go (only when the turns are sharp, which needs few vertices): keep the polygon.
    if (best < 0) break;
    if (best === n - 1) {
      poly.splice(n - 1, 1);
      poly.splice(0, 1, bestPoint);
    } else poly.splice(best, 2, bestPoint);
  }
  return poly;
}

/**
 * Where the line p→a (extended past a) meets the line d→b (extended past b), or null when the lines
 * are parallel or would meet on the wrong side (the two turns add up to half a turn or more).
 */
function extendedCorner(p: Point, a: Point, b: Point, d: Point): Point | null {
  const ux = a[0] - p[0];
  const uy = a[1] - p[1];
  const vx = b[0] - d[0];
  const vy = b[1] - d[1];
  const denom = ux * vy - uy * vx;
  if (Math.abs(denom) < 1e-15) return null;
  // Solve a + t·u = b + s·v; both t and s must be positive (beyond a and beyond b).
  const t = ((b[0] - a[0]) * vy - (b[1] - a[1]) * vx) / denom;
  const s = ((b[0] - a[0]) * uy - (b[1] - a[1]) * ux) / denom;
  if (!(t > 0 && s > 0)) return null;
  return [a[0] + t * ux, a[1] + t * uy];
}
