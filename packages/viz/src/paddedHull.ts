import { polygonCentroid, polygonHull } from 'd3';

type Point = [number, number];

/**
 * Convex hull of `points` grown by `padding` pixels with rounded corners, resampled to
 * `samples` vertices at equal angles around its centroid. The fixed vertex count lets a hull
 * morph smoothly into the next result's hull, and one or two points still get a shape.
 */
export function paddedHull(points: readonly Point[], padding: number, samples = 72): Point[] {
  if (points.length === 0) return [];
  const core = points.length >= 3 ? (polygonHull(points as Point[]) ?? points) : points;
  // Grow the hull: the hull of circles around its corners is the hull padded with round ends.
  const ring: Point[] = [];
  const steps = 16;
  for (const [x, y] of core) {
    for (let k = 0; k < steps; k++) {
      const a = (2 * Math.PI * k) / steps;
      ring.push([x + padding * Math.cos(a), y + padding * Math.sin(a)]);
    }
  }
  const hull = polygonHull(ring) ?? ring;
  const [cx, cy] = polygonCentroid(hull);
  const out: Point[] = [];
  for (let k = 0; k < samples; k++) {
    const a = (2 * Math.PI * k) / samples;
    const dx = Math.cos(a);
    const dy = Math.sin(a);
    out.push(rayHit(hull, cx, cy, dx, dy));
  }
  return out;
}

/** Where the ray from (cx, cy) along (dx, dy) leaves the convex polygon. */
function rayHit(poly: readonly Point[], cx: number, cy: number, dx: number, dy: number): Point {
  let best = 0;
  for (let i = 0; i < poly.length; i++) {
    const [px, py] = poly[i]!;
    const [qx, qy] = poly[(i + 1) % poly.length]!;
    const ex = qx - px;
    const ey = qy - py;
    const denom = dx * ey - dy * ex;
    if (Math.abs(denom) < 1e-12) continue;
    // Solve c + t·d = p + s·e for t (distance along the ray) and s (position on the edge).
    const t = ((px - cx) * ey - (py - cy) * ex) / denom;
    const s = ((px - cx) * dy - (py - cy) * dx) / denom;
    if (t > best && s >= -1e-9 && s <= 1 + 1e-9) best = t;
  }
  return [cx + best * dx, cy + best * dy];
}
