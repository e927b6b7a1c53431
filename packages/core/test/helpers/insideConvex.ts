type Point = [number, number];

/** Whether (x, y) is inside or on the counter-clockwise convex polygon `poly`, within `eps` of an edge. */
export function insideConvex(poly: readonly Point[], [x, y]: readonly [number, number], eps = 1e-9): boolean {
  for (let i = 0; i < poly.length; i++) {
    const [ax, ay] = poly[i]!;
    const [bx, by] = poly[(i + 1) % poly.length]!;
    const len = Math.hypot(bx - ax, by - ay) || 1;
    if (((bx - ax) * (y - ay) - (by - ay) * (x - ax)) / len < -eps) return false;
  }
  return true;
}
