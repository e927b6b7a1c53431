import { cleanStart } from './cleanStart.js';
import type { Cluster } from './cluster.js';
import { firstDistinct } from './firstDistinct.js';
import { lloyd, type LloydResult, type Seeds } from './lloyd.js';

// Not ml-kmeans: it has no weights, no lineage warm start or Polis tie rules, and is slower (5.9 s for 50k points, k = 100, unconverged).

export interface KmeansOptions {
  /** Steps after the first one (Polis `max-iters`), so at most maxIterations + 1 steps. Default 20. */
  maxIterations?: number;
  /** Previous clustering to warm-start from, keeping its ids (Polis `last-clusters`). Default null: cold start. */
  last?: readonly Cluster[] | null;
  /** Weight of each point (Polis: base-cluster sizes); centres become weighted means. Default: unweighted. */
  weights?: Float64Array;
  /** Filled with the number of Lloyd steps taken (for timings and benchmarks). */
  stats?: { steps: number };
}

const defaults = { maxIterations: 20, last: null, weights: undefined } as const;

/**
 * Polis's k-means (§8.1), exactly. A cold start seeds cluster i (id i) with the i-th distinct point; a warm
 * start recentres `last` on the current points and tops it up (§8.2, {@link cleanStart}). Each step assigns
 * every point to its nearest centre, ties to the last cluster in iteration order (list order up to 8
 * clusters, else Clojure hash order of ids), drops empty clusters and moves each centre to its members'
 * (weighted) mean; the loop stops once centres move less than 0.01 or after maxIterations + 1 steps.
 *
 * `points` holds x0, y0, x1, y1, …; `names[i]` is the member name of point i (unique when `last` is given).
 * Returns the clusters of the last step in Polis's order (not sorted by id), members in point order.
 */
export function kmeans(points: Float64Array, names: Int32Array, k: number, options: KmeansOptions = {}): Cluster[] {
  const maxIterations = options.maxIterations ?? defaults.maxIterations;
  const last = options.last ?? defaults.last;
  const weights = options.weights ?? defaults.weights;
  validate(points, names, k, maxIterations, weights, last);
  const n = names.length;
  if (n === 0) return [];
  const seeds = last && last.length > 0 ? cleanStart(points, names, weights ?? null, last, k) : coldSeeds(points, k);
  const result = lloyd(points, weights ?? null, seeds, maxIterations);
  if (options.stats) options.stats.steps = result.steps;

  return clustersOf(result, names);
}

/** The clusters of a Lloyd run in Polis's order, members (names) in point order via a counting sort of the assignment. */
export function clustersOf(result: LloydResult, names: Int32Array): Cluster[] {
  const n = names.length;
  const size = new Int32Array(result.ids.length);
  for (let i = 0; i < n; i++) size[result.assign[i]!]!++;
  const members = Array.from(size, (m) => new Array<number>(m));
  const filled = new Int32Array(result.ids.length);
  for (let i = 0; i < n; i++) {
    const s = result.assign[i]!;
    members[s]![filled[s]!++] = names[i]!;
  }
  return Array.from(result.order, (s) => ({
    id: result.ids[s]!,
    members: members[s]!,
    center: [result.x[s]!, result.y[s]!] as [number, number],
  }));
}

/** Polis's cold start (`init-clusters`): the first k distinct points, ids 0…k−1. */
export function coldSeeds(points: Float64Array, k: number): Seeds {
  const first = firstDistinct(points, k);
  return {
    ids: Array.from(first, (_, i) => i),
    x: Float64Array.from(first, (i) => points[2 * i]!),
    y: Float64Array.from(first, (i) => points[2 * i + 1]!),
  };
}

export function validate(
  points: Float64Array,
  names: Int32Array,
  k: number,
  maxIterations: number,
  weights: Float64Array | undefined,
  last: readonly Cluster[] | null,
): void {
  if (!(points instanceof Float64Array)) throw new TypeError('kmeans: points must be a Float64Array of x0, y0, x1, y1, …');
  if (!(names instanceof Int32Array)) throw new TypeError('kmeans: names must be an Int32Array');
  if (points.length !== 2 * names.length) {
    throw new RangeError(`kmeans: points has ${points.length} numbers, expected 2 × ${names.length} names`);
  }
  for (let j = 0; j < points.length; j++) {
    if (!Number.isFinite(points[j])) throw new RangeError(`kmeans: point ${j >> 1} has a non-finite ${j % 2 ? 'y' : 'x'}: ${points[j]}`);
  }
  if (!Number.isSafeInteger(k) || k < 1) throw new RangeError(`kmeans: k must be a positive integer, got ${k}`);
  if (!Number.isSafeInteger(maxIterations) || maxIterations < 0) {
    throw new RangeError(`kmeans: options.maxIterations must be a non-negative integer, got ${maxIterations}`);
  }
  if (weights !== undefined) {
    if (!(weights instanceof Float64Array) || weights.length !== names.length) {
      throw new RangeError(`kmeans: options.weights must be a Float64Array with one weight per point (${names.length})`);
    }
    for (let i = 0; i < weights.length; i++) {
      if (!(weights[i]! > 0 && Number.isFinite(weights[i]))) throw new RangeError(`kmeans: options.weights[${i}] must be positive and finite, got ${weights[i]}`);
    }
  }
  if (last) {
    const seen = new Set<number>();
    last.forEach((c, i) => {
      if (!Number.isSafeInteger(c?.id)) throw new RangeError(`kmeans: options.last[${i}].id must be an integer, got ${c?.id}`);
      if (seen.has(c.id)) throw new RangeError(`kmeans: options.last has id ${c.id} twice (index ${i})`);
      seen.add(c.id);
      if (!Array.isArray(c.members)) throw new TypeError(`kmeans: options.last[${i}].members must be an array`);
    });
  }
}
