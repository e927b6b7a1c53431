/** A weighted k-means clustering of a small point set. */
export interface WeightedClustering {
  /** Cluster slot of every point. */
  assign: Int32Array;
  x: Float64Array;
  y: Float64Array;
  /** Σ weight × squared distance to the assigned centre. */
  objective: number;
  /** Clusters that kept at least one point. */
  nonEmpty: number;
}

/**
 * Lloyd's algorithm with weights, run to a fixed point (no tolerance): assign each point to the nearest
 * centre (ties to the lower slot), move each centre to its members' weighted mean, stop when no point
 * changes cluster or after `maxIterations` steps. An emptied cluster keeps its centre and no members.
 * Exhaustive O(n·k) steps: meant for the ~100 base-cluster centres, not for participants.
 */
export function weightedLloyd(points: Float64Array, weights: Float64Array, seedX: Float64Array, seedY: Float64Array, maxIterations: number): WeightedClustering {
  const n = weights.length;
  const k = seedX.length;
  const x = Float64Array.from(seedX);
  const y = Float64Array.from(seedY);
  const assign = new Int32Array(n).fill(-1);
  const sumW = new Float64Array(k);
  const sumX = new Float64Array(k);
  const sumY = new Float64Array(k);
  for (let step = 0; step < maxIterations; step++) {
    let changed = false;
    for (let i = 0; i < n; i++) {
      const s = nearest(points[2 * i]!, points[2 * i + 1]!, x, y);
      if (s !== assign[i]) (assign[i] = s), (changed = true);
    }
    if (!changed) break;
    sumW.fill(0);
    sumX.fill(0);
    sumY.fill(0);
    for (let i = 0; i < n; i++) {
      const s = assign[i]!;
      const w = weights[i]!;
      sumW[s]! += w;
      sumX[s]! += w * points[2 * i]!;
      sumY[s]! += w * points[2 * i + 1]!;
    }
    for (let s = 0; s < k; s++) if (sumW[s]! > 0) (x[s] = sumX[s]! / sumW[s]!), (y[s] = sumY[s]! / sumW[s]!);
  }
  let objective = 0;
  const used = new Uint8Array(k);
  for (let i = 0; i < n; i++) {
    const s = assign[i]!;
    used[s] = 1;
    const dx = points[2 * i]! - x[s]!;
    const dy = points[2 * i + 1]! - y[s]!;
    objective += weights[i]! * (dx * dx + dy * dy);
  }
  let nonEmpty = 0;
  for (let s = 0; s < k; s++) nonEmpty += used[s]!;
  return { assign, x, y, objective, nonEmpty };
}

function nearest(px: number, py: number, x: Float64Array, y: Float64Array): number {
  let best = 0;
  let bestD = Infinity;
  for (let s = 0; s < x.length; s++) {
    const dx = px - x[s]!;
    const dy = py - y[s]!;
    const d = dx * dx + dy * dy;
    if (d < bestD) (bestD = d), (best = s);
  }
  return best;
}
