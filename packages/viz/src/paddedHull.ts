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
export function rayHit(poly: readonly Point[], cx: number, cy: number, dx: number, dy: number): Point {
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

/** The core hull's outline grown by `padding`: the hull of circles around its vertices. */
function grow(points: readonly Point[], padding: number): Point[] {
  const ring: Point[] = [];
  const steps = 16;
  for (const [x, y] of points) {
    for (let k = 0; k < steps; k++) {
      const a = (2 * Math.PI * k) / steps;
      ring.push([x + padding * Math.cos(a), y + padding * Math.sin(a)]);
    }
  }
  return polygonHull(ring) ?? ring;
}

/** The closest point to p on segment ab. */
export function nearestOnSegment(p: Point, a: Point, b: Point): Point {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const len = dx * dx + dy * dy;
  const t = len > 0 ? Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len)) : 0;
  return [a[0] + t * dx, a[1] + t * dy];
}

function edges(poly: readonly Point[]): [Point, Point][] {
  if (poly.length === 1) return [[poly[0]!, poly[0]!]];
  return poly.map((p, i) => [p, poly[(i + 1) % poly.length]!]);
}

/** Whether two convex polygons (or points, or segments) share any area or touch. */
function overlaps(a: readonly Point[], b: readonly Point[]): boolean {
  const side = (p: Point, q: Point, r: Point): number => (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0]);
  for (const [p, q] of edges(a)) {
    for (const [r, s] of edges(b)) {
      const d1 = side(p, q, r);
      const d2 = side(p, q, s);
      const d3 = side(r, s, p);
      const d4 = side(r, s, q);
      if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))) return true;
    }
  }
  return (b.length >= 3 && a.some((p) => insideConvex(b, p))) || (a.length >= 3 && b.some((p) => insideConvex(a, p)));
}

/** Whether p is inside or on the convex polygon `poly` (either orientation). */
export function insideConvex(poly: readonly Point[], p: Point): boolean {
  let sign = 0;
  for (let i = 0; i < poly.length; i++) {
    const [ax, ay] = poly[i]!;
    const [bx, by] = poly[(i + 1) % poly.length]!;
    const c = (bx - ax) * (p[1] - ay) - (by - ay) * (p[0] - ax);
    if (Math.abs(c) < 1e-9) continue;
    if (sign === 0) sign = Math.sign(c);
    else if (Math.sign(c) !== sign) return false;
  }
  return true;
}

/** The closest pair of points of two disjoint convex polygons (points and segments too). */
function closestPair(a: readonly Point[], b: readonly Point[]): [Point, Point] {
  let best: [Point, Point] = [a[0]!, b[0]!];
  let bestD = Infinity;
  const consider = (p: Point, q: Point): void => {
    const d = Math.hypot(p[0] - q[0], p[1] - q[1]);
    if (d < bestD) (bestD = d), (best = [p, q]);
  };
  for (const p of a) for (const [r, s] of edges(b)) consider(p, nearestOnSegment(p, r, s));
  for (const q of b) for (const [r, s] of edges(a)) consider(nearestOnSegment(q, r, s), q);
  return best;
}

/** `poly` (convex) cut to the side of the line where n·x ≤ c. */
function clipHalfPlane(poly: readonly Point[], n: Point, c: number): Point[] {
  const out: Point[] = [];
  for (let i = 0; i < poly.length; i++) {
    const p = poly[i]!;
    const q = poly[(i + 1) % poly.length]!;
    const sp = n[0] * p[0] + n[1] * p[1] - c;
    const sq = n[0] * q[0] + n[1] * q[1] - c;
    if (sp <= 0) out.push(p);
    if ((sp < 0 && sq > 0) || (sp > 0 && sq < 0)) {
      const t = sp / (sp - sq);
      out.push([p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1])]);
    }
  }
  return out;
}

const mean = (poly: readonly Point[]): Point => [poly.reduce((s, p) => s + p[0], 0) / poly.length, poly.reduce((s, p) => s + p[1], 0) / poly.length];

/**
 * Each core (a convex hull, or one or two points) grown by `padding` with rounded corners, then cut
 * where it would come nearer another group's core than halfway (less `gap`), so the drawn areas never
 * overlap and a strip of up to `gap` pixels parts them; the cores themselves are never cut. Cores that
 * already overlap (Polis's full hulls) are cut at the line halfway between their centres. Resampled to
 * `samples` vertices at equal angles (as `paddedHull`), so updates morph.
 */
export function separatedHulls(cores: readonly (readonly Point[])[], padding: number, gap: number, samples = 72): Point[][] {
  return cores.map((core, i) => {
    if (core.length === 0) return [];
    let area = grow(core, padding);
    cores.forEach((other, j) => {
      if (j === i || other.length === 0) return;
      let n: Point;
      let c: number;
      if (overlaps(core, other)) {
        const [a, b] = [mean(core), mean(other)];
        const d = Math.hypot(b[0] - a[0], b[1] - a[1]);
        if (d === 0) return;
        n = [(b[0] - a[0]) / d, (b[1] - a[1]) / d];
        c = n[0] * (a[0] + b[0]) / 2 + n[1] * (a[1] + b[1]) / 2;
      } else {
        const [p, q] = closestPair(core, other);
        const d = Math.hypot(q[0] - p[0], q[1] - p[1]);
        n = [(q[0] - p[0]) / d, (q[1] - p[1]) / d];
        // Halfway, less half the gap (never past this core's own edge).
        c = n[0] * p[0] + n[1] * p[1] + d / 2 - Math.min(gap, d) / 2;
      }
      area = clipHalfPlane(area, n, c);
    });
    const [cx, cy] = polygonCentroid(area.length >= 3 ? area : grow(core, padding));
    const out: Point[] = [];
    for (let k = 0; k < samples; k++) {
      const a = (2 * Math.PI * k) / samples;
      out.push(rayHit(area, cx, cy, Math.cos(a), Math.sin(a)));
    }
    return out;
  });
}

/** Distance from p to the convex polygon `poly` (0 inside), and the polygon's nearest point. */
export function distanceToConvex(poly: readonly Point[], p: Point): { distance: number; nearest: Point } {
  if (poly.length >= 3 && insideConvex(poly, p)) return { distance: 0, nearest: p };
  let best = { distance: Infinity, nearest: p };
  for (const [a, b] of edges(poly)) {
    const q = nearestOnSegment(p, a, b);
    const d = Math.hypot(q[0] - p[0], q[1] - p[1]);
    if (d < best.distance) best = { distance: d, nearest: q };
  }
  return best;
}
