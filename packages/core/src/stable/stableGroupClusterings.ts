import type { Cluster } from '../cluster/cluster.js';
import { kmeansPlusPlus } from './kmeansPlusPlus.js';
import { weightedLloyd, type WeightedClustering } from './weightedLloyd.js';

export interface StableGroupClusteringsOptions {
  /** Largest k tried (`maxK`); the range is 2…min(maxK, 2 + ⌊bases/12⌋, distinct bases), as in Polis. */
  maxK: number;
  /** Weighted k-means++ restarts per k; the lowest weighted within-group sum of squares wins. */
  restarts: number;
  /** Lloyd steps per restart. */
  maxIterations: number;
  random: () => number;
  /** Group centres (x0, y0, …) of the previous update per k, each tried as one more start. */
  warmStart?: ReadonlyMap<number, Float64Array> | null;
}

export interface StableGroupClustering {
  /** Groups with ids 0…k−1, largest first (ties: smaller first base id); members are base ids ascending. */
  clusters: Cluster[];
  /** Weighted within-group sum of squares of the clustering kept. */
  objective: number;
  /** Whether the warm start was kept (it did not lose to the best fresh restart). */
  warm: boolean;
}

/**
 * Stable mode's candidate groupings: for each k, weighted k-means of the base-cluster centres (weights =
 * member counts, bases in id order) from `restarts` k-means++ seeds, keeping the lowest objective among
 * the restarts that end with k non-empty groups. Polis instead runs one warm-started k-means per k whose
 * result depends on the update history (§9.1). Returns k → clustering.
 */
export function stableGroupClusterings(base: readonly Cluster[], options: StableGroupClusteringsOptions): Map<number, StableGroupClustering> {
  const sorted = [...base].sort((a, b) => a.id - b.id);
  const n = sorted.length;
  const points = new Float64Array(2 * n);
  const weights = new Float64Array(n);
  sorted.forEach((b, i) => {
    points[2 * i] = b.center[0];
    points[2 * i + 1] = b.center[1];
    weights[i] = b.members.length;
  });
  const out = new Map<number, StableGroupClustering>();
  const kMax = Math.min(options.maxK, 2 + Math.floor(n / 12), n);
  for (let k = 2; k <= kMax; k++) {
    let best: WeightedClustering | null = null;
    for (let r = 0; r < options.restarts; r++) {
      const seeds = kmeansPlusPlus(points, weights, k, options.random);
      if (seeds.length < k) break;
      const run = weightedLloyd(points, weights, pick(points, seeds, 0), pick(points, seeds, 1), options.maxIterations);
      if (better(run, best, k)) best = run;
    }
    let warm = false;
    const previous = options.warmStart?.get(k);
    if (best && previous && previous.length === 2 * k) {
      const run = weightedLloyd(points, weights, pick(previous, null, 0), pick(previous, null, 1), options.maxIterations);
      if (run.nonEmpty === k && run.objective <= best.objective) (best = run), (warm = true);
    }
    if (best) out.set(k, { clusters: toGroups(sorted, weights, best), objective: best.objective, warm });
  }
  return out;
}

// A run with all k groups beats one that lost a group; otherwise the strictly lower objective wins.
function better(run: WeightedClustering, best: WeightedClustering | null, k: number): boolean {
  if (best === null) return true;
  const full = run.nonEmpty === k;
  const bestFull = best.nonEmpty === k;
  if (full !== bestFull) return full;
  return run.objective < best.objective;
}

function pick(values: Float64Array, indices: Int32Array | null, axis: 0 | 1): Float64Array {
  const count = indices ? indices.length : values.length >> 1;
  return Float64Array.from({ length: count }, (_, i) => values[2 * (indices ? indices[i]! : i) + axis]!);
}

function toGroups(sorted: readonly Cluster[], weights: Float64Array, run: WeightedClustering): Cluster[] {
  const k = run.x.length;
  const members: number[][] = Array.from({ length: k }, () => []);
  const size = new Float64Array(k);
  run.assign.forEach((s, i) => {
    members[s]!.push(sorted[i]!.id);
    size[s]! += weights[i]!;
  });
  const slots = Array.from({ length: k }, (_, s) => s)
    .filter((s) => members[s]!.length > 0)
    .sort((a, b) => size[b]! - size[a]! || members[a]![0]! - members[b]![0]!);
  return slots.map((s, id) => ({ id, members: members[s]!, center: [run.x[s]!, run.y[s]!] as [number, number] }));
}
