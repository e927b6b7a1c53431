type Point = [number, number];

/** z of (a − o) × (b − o): positive when o → a → b turns counter-clockwise. */
function cross(o: Point, a: Point, b: Point): number {
  return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
}

/**
 * Convex hull of `points`, counter-clockwise (x right, y up) from the lowest-leftmost point, without
 * collinear vertices or a repeated first point. Fewer than three distinct points come back as they are
 * (one point, or the two ends of a segment). Andrew's monotone chain, O(n log n):
 * https://en.wikibooks.org/wiki/Algorithm_Implementation/Geometry/Convex_hull/Monotone_chain
 */
export function convexHull(points: readonly Point[]): Point[] {
  const sorted = [...points].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const unique = sorted.filter((p, i) => i === 0 || p[0] !== sorted[i - 1]![0] || p[1] !== sorted[i - 1]![1]);
  if (unique.length < 3) return unique.map((p) => [p[0], p[1]]);
  const chain = (ordered: readonly Point[]): Point[] => {
    const out: Point[] = [];
    for (const p of ordered) {
      while (out.length >= 2 && cross(out[out.length - 2]!, out[out.length - 1]!, p) <= 0) out.pop();
      out.push(p);
    }
    // The last point starts the other chain.
    out.pop();
    return out;
  };
  const hull = [...chain(unique), ...chain([...unique].reverse())];
  // All points on one line: the hull degenerates to the segment's two ends.
  return (hull.length < 3 ? [unique[0]!, unique[unique.length - 1]!] : hull).map((p) => [p[0], p[1]]);
}
