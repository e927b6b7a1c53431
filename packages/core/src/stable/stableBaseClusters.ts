import type { Cluster } from '../cluster/cluster.js';
import { firstDistinct } from '../cluster/firstDistinct.js';
import { lloyd, type LloydResult } from '../cluster/lloyd.js';
import { kmeansPlusPlus } from './kmeansPlusPlus.js';

export interface StableBaseClustersOptions {
  /** Number of base clusters (`baseK`). */
  k: number;
  /** k-means++ restarts; the lowest within-cluster sum of squares wins (ties: the earlier restart). */
  restarts: number;
  /** Lloyd steps after the first (`baseIterations`). */
  maxIterations: number;
  random: () => number;
  /** Centres x0, y0, x1, … of the previous update, tried as one more start when given. */
  warmStart?: Float64Array | null;
}

export interface StableBaseClusters {
  /** Ids 0…B−1 in order of each cluster's first member; members are `rows` entries in point order. */
  clusters: Cluster[];
  /** Within-cluster sum of squared distances of the clustering kept. */
  objective: number;
  /** Objective of every fresh restart, in order (empty when the points were grouped exactly). */
  restartObjectives: number[];
  /** Whether the warm start was kept (it did not lose to the best fresh restart). */
  warm: boolean;
}

/**
 * Stable mode's base clustering: `points` (x0, y0, …, canonical participant order) named by `rows`.
 * With at most k distinct points each distinct position is one cluster, as in Polis. Otherwise k-means++
 * seeds and Polis's Lloyd loop, `restarts` times, keeping the lowest within-cluster sum of squares; the
 * result then depends on the points, their order and the generator only.
 */
export function stableBaseClusters(points: Float64Array, rows: Int32Array, options: StableBaseClustersOptions): StableBaseClusters {
  const n = rows.length;
  if (n === 0) return { clusters: [], objective: 0, restartObjectives: [], warm: false };
  const { k, restarts, maxIterations, random } = options;
  const distinct = firstDistinct(points, k + 1);
  if (distinct.length <= k) return { clusters: byPosition(points, rows, distinct), objective: 0, restartObjectives: [], warm: false };

  let best: LloydResult | null = null;
  let bestObjective = Infinity;
  const restartObjectives: number[] = [];
  for (let r = 0; r < restarts; r++) {
    const seeds = kmeansPlusPlus(points, null, k, random);
    const run = lloyd(points, null, seedsAt(points, seeds), maxIterations);
    const objective = withinSumOfSquares(points, run);
    restartObjectives.push(objective);
    if (objective < bestObjective) (best = run), (bestObjective = objective);
  }
  let warm = false;
  if (options.warmStart && options.warmStart.length >= 2) {
    const centres = options.warmStart;
    const run = lloyd(points, null, { ids: Array.from({ length: centres.length >> 1 }, (_, i) => i), x: evens(centres), y: odds(centres) }, maxIterations);
    const objective = withinSumOfSquares(points, run);
    if (objective <= bestObjective) (best = run), (bestObjective = objective), (warm = true);
  }
  return { clusters: toClusters(rows, best!), objective: bestObjective, restartObjectives, warm };
}

function seedsAt(points: Float64Array, indices: Int32Array) {
  return {
    ids: Array.from(indices, (_, i) => i),
    x: Float64Array.from(indices, (i) => points[2 * i]!),
    y: Float64Array.from(indices, (i) => points[2 * i + 1]!),
  };
}

/** Σ squared distance of each point to its cluster's centre. */
export function withinSumOfSquares(points: Float64Array, run: Pick<LloydResult, 'assign' | 'x' | 'y'>): number {
  let sum = 0;
  for (let i = 0; i < run.assign.length; i++) {
    const s = run.assign[i]!;
    const dx = points[2 * i]! - run.x[s]!;
    const dy = points[2 * i + 1]! - run.y[s]!;
    sum += dx * dx + dy * dy;
  }
  return sum;
}

// Members in point order; ids by first member, so they follow the canonical participant order.
function toClusters(rows: Int32Array, run: LloydResult): Cluster[] {
  const slots = run.x.length;
  const members: number[][] = Array.from({ length: slots }, () => []);
  const first: number[] = [];
  for (let i = 0; i < rows.length; i++) {
    const s = run.assign[i]!;
    if (members[s]!.length === 0) first.push(s);
    members[s]!.push(rows[i]!);
  }
  return first.map((s, id) => ({ id, members: members[s]!, center: [run.x[s]!, run.y[s]!] as [number, number] }));
}

// One cluster per distinct position, ids in order of first appearance; centre is the position itself.
function byPosition(points: Float64Array, rows: Int32Array, distinct: Int32Array): Cluster[] {
  const index = new Map<string, number>();
  const clusters: Cluster[] = Array.from(distinct, (i, id) => {
    index.set(key(points, i), id);
    return { id, members: [], center: [points[2 * i]!, points[2 * i + 1]!] as [number, number] };
  });
  for (let i = 0; i < rows.length; i++) clusters[index.get(key(points, i))!]!.members.push(rows[i]!);
  return clusters;
}

// + 0 folds −0 into 0, as firstDistinct's equality does.
function key(points: Float64Array, i: number): string {
  return `${points[2 * i]! + 0},${points[2 * i + 1]! + 0}`;
}

function evens(a: Float64Array): Float64Array {
  return Float64Array.from({ length: a.length >> 1 }, (_, i) => a[2 * i]!);
}

function odds(a: Float64Array): Float64Array {
  return Float64Array.from({ length: a.length >> 1 }, (_, i) => a[2 * i + 1]!);
}
