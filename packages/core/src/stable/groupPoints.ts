import type { Cluster } from '../cluster/cluster.js';

/**
 * The weighted points stable mode clusters into groups: every clustered participant on its own when there
 * are at most `cap` of them, else the participants pooled into the cells of a square grid over their
 * bounding box (the finest of 1024², 512², … with at most `cap` occupied cells), each at its members' mean.
 * Unlike the base clusters (k-means++, so a new seed gives a new set), this depends on the points alone, so
 * groups and silhouettes found on it do not change with the seed. Ids follow the first member (canonical
 * order); members are `rows` entries in point order.
 */
export function groupPoints(points: Float64Array, rows: Int32Array, cap: number): { cells: Cluster[]; pooled: boolean } {
  const n = rows.length;
  if (n <= cap) {
    return { cells: Array.from(rows, (r, i) => ({ id: i, members: [r], center: [points[2 * i]!, points[2 * i + 1]!] as [number, number] })), pooled: false };
  }
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (let i = 0; i < n; i++) {
    minX = Math.min(minX, points[2 * i]!);
    maxX = Math.max(maxX, points[2 * i]!);
    minY = Math.min(minY, points[2 * i + 1]!);
    maxY = Math.max(maxY, points[2 * i + 1]!);
  }
  const span = Math.max(maxX - minX, maxY - minY) || 1;
  for (let side = 1024; ; side >>= 1) {
    const cellOf = new Int32Array(n);
    const index = new Map<number, number>();
    for (let i = 0; i < n; i++) {
      const cx = Math.min(side - 1, Math.floor(((points[2 * i]! - minX) / span) * side));
      const cy = Math.min(side - 1, Math.floor(((points[2 * i + 1]! - minY) / span) * side));
      const key = cx * side + cy;
      let cell = index.get(key);
      if (cell === undefined) index.set(key, (cell = index.size));
      cellOf[i] = cell;
    }
    if (index.size > cap && side > 1) continue;
    const cells: Cluster[] = Array.from({ length: index.size }, (_, id) => ({ id, members: [], center: [0, 0] as [number, number] }));
    for (let i = 0; i < n; i++) {
      const c = cells[cellOf[i]!]!;
      c.members.push(rows[i]!);
      c.center[0] += points[2 * i]!;
      c.center[1] += points[2 * i + 1]!;
    }
    for (const c of cells) (c.center[0] /= c.members.length), (c.center[1] /= c.members.length);
    return { cells, pooled: true };
  }
}
