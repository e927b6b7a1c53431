/**
 * Indices of the first `limit` distinct points (exact equality of x and y, so 0 and −0 are equal), in
 * point order. Polis seeds a cold k-means with these (`init-clusters`) and caps a warm start's cluster
 * count by how many there are. Stops scanning as soon as `limit` are found.
 */
export function firstDistinct(points: Float64Array, limit: number): Int32Array {
  const n = points.length >> 1;
  const cap = Math.min(limit, n);
  // Open-addressing set of point indices keyed by the bits of (x, y), at most half full.
  let size = 16;
  while (size < 2 * cap) size *= 2;
  const table = new Int32Array(size).fill(-1);
  const mask = size - 1;
  const found: number[] = [];
  const cell = new Float64Array(2);
  const bits = new Int32Array(cell.buffer);
  for (let i = 0; i < n && found.length < cap; i++) {
    const x = points[2 * i]!;
    const y = points[2 * i + 1]!;
    // + 0 turns −0 into 0, so that equal values share a hash.
    cell[0] = x + 0;
    cell[1] = y + 0;
    let h = Math.imul(bits[0]! ^ Math.imul(bits[1]!, 0x9e3779b1), 0x85ebca6b) ^ Math.imul(bits[2]! ^ Math.imul(bits[3]!, 0x9e3779b1), 0xc2b2ae35);
    h ^= h >>> 15;
    let slot = h & mask;
    for (;;) {
      const j = table[slot]!;
      if (j < 0) {
        table[slot] = i;
        found.push(i);
        break;
      }
      if (points[2 * j] === x && points[2 * j + 1] === y) break;
      slot = (slot + 1) & mask;
    }
  }
  return Int32Array.from(found);
}
