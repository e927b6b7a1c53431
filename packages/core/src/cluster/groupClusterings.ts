import type { Cluster } from './cluster.js';
import { kmeans } from './kmeans.js';

export interface GroupClusteringsOptions {
  /** Largest k tried (Polis `max-k`, 5). */
  maxK: number;
  /** Steps after the first. Polis configures 100 but its k-means ignores the key, so 20 applies (§9.1). */
  maxIterations: number;
}

/**
 * Polis's candidate group clusterings (§9.1): for every k in 2…min(maxK, 2 + ⌊nBase/12⌋), a k-means of the
 * base-cluster centres (in base-id order, named by base id, weighted by member count), each k warm-started
 * from its own previous clustering. Returns k → clusters sorted by id; members are base ids in base-id order.
 */
export function groupClusterings(
  base: readonly Cluster[],
  previous: ReadonlyMap<number, readonly Cluster[]> | null,
  options: GroupClusteringsOptions,
): Map<number, Cluster[]> {
  const { maxK, maxIterations } = options;
  if (!Number.isSafeInteger(maxK) || maxK < 2) throw new RangeError(`groupClusterings: options.maxK must be an integer ≥ 2, got ${maxK}`);
  const sorted = [...base].sort((a, b) => a.id - b.id);
  const n = sorted.length;
  const points = new Float64Array(2 * n);
  const names = new Int32Array(n);
  const weights = new Float64Array(n);
  sorted.forEach((b, i) => {
    points[2 * i] = b.center[0];
    points[2 * i + 1] = b.center[1];
    if (!Number.isInteger(b.id) || b.id !== (b.id | 0)) throw new RangeError(`groupClusterings: base cluster id must be a 32-bit integer, got ${b.id} (index ${i})`);
    names[i] = b.id;
    if (b.members.length === 0) throw new RangeError(`groupClusterings: base cluster ${b.id} has no members`);
    weights[i] = b.members.length;
  });
  const out = new Map<number, Cluster[]>();
  const kMax = Math.min(maxK, 2 + Math.floor(n / 12));
  for (let k = 2; k <= kMax; k++) {
    const clusters = kmeans(points, names, k, { maxIterations, last: previous?.get(k) ?? null, weights });
    out.set(k, clusters.sort((a, b) => a.id - b.id));
  }
  return out;
}
