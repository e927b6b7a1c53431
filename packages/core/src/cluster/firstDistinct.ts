/**
 * Indices of the first `limit` distinct points (exact equality of x and y, so 0 and −0 are equal), in
 * point order. Polis seeds a cold k-means with these (`init-clusters`) and caps a warm start's cluster
 * count by how many there are. Stops scanning as soon as `limit` are found.
 */
export function firstDistinct(points: Float64Array, limit: number): Int32Array {
  const n = points.length >> 1;
  const found: number[] = [];
  // x → the y values seen with it (a number while there is one, the common case).
  const seen = new Map<number, number | number[]>();
  for (let i = 0; i < n && found.length < limit; i++) {
    const x = points[2 * i]!;
    const y = points[2 * i + 1]!;
    const ys = seen.get(x);
    if (ys === undefined) seen.set(x, y);
    else if (typeof ys === 'number') {
      if (ys === y) continue;
      seen.set(x, [ys, y]);
    } else {
      if (ys.includes(y)) continue;
      ys.push(y);
    }
    found.push(i);
  }
  return Int32Array.from(found);
}
