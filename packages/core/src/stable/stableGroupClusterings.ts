import type { Cluster } from '../cluster/cluster.js';
import { hartigan, type HartiganResult } from './hartigan.js';
import { kmeansPlusPlus } from './kmeansPlusPlus.js';
import { weightedLloyd } from './weightedLloyd.js';

export interface StableGroupClusteringsOptions {
  /** Largest k tried (`maxK`); the range is 2…min(maxK, 2 + ⌊bases/12⌋, distinct points), as in Polis. */
  maxK: number;
  /** Weighted k-means++ restarts per k; the lowest weighted within-group sum of squares wins. */
  restarts: number;
  /** Lloyd steps per restart (Hartigan moves follow). */
  maxIterations: number;
  random: () => number;
  /** Group centres (x0, y0, …) of the previous update per k, each tried as one more start. */
  warmStart?: ReadonlyMap<number, Float64Array> | null;
  /** Smallest weight (participants) a group may have; a clustering with a lighter group is not kept. Default 1. */
  minSize?: number;
  /** Base clusters counted by Polis's k range rule (2 + ⌊bases/12⌋). Default: the number of points given. */
  bases?: number;
}

export interface StableGroupClustering {
  /** Groups with ids 0…k−1, largest first (ties: smaller first point id); members are point ids ascending. */
  clusters: Cluster[];
  /** Weighted within-group sum of squares of the clustering kept. */
  objective: number;
  /** Whether the warm start was kept (it did not lose to the best fresh restart). */
  warm: boolean;
  /** Point ids set aside while fitting (members of groups below `minSize`), then given to the nearest group. */
  trimmed: number[];
}

/**
 * Stable mode's candidate groupings: for each k, weighted k-means of the points (weights = member counts,
 * points in id order) from `restarts` k-means++ seeds, each run by Lloyd and then Hartigan moves, keeping
 * the lowest objective among the runs whose k groups all weigh at least `minSize` (every other restart seeds
 * by weight alone instead of k-means++). A group of one far-out participant is a k-means optimum
 * (bg2050-volunteers: 106 + 1), never a group to publish: such members are set aside while fitting
 * (`trimmedFit`) and join their nearest group. A k where no run qualifies is left out. Polis instead runs one warm-started k-means per k whose result depends on the update
 * history (§9.1). Returns k → clustering.
 */
export function stableGroupClusterings(points: readonly Cluster[], options: StableGroupClusteringsOptions): Map<number, StableGroupClustering> {
  const sorted = [...points].sort((a, b) => a.id - b.id);
  const n = sorted.length;
  const xy = new Float64Array(2 * n);
  const weights = new Float64Array(n);
  sorted.forEach((b, i) => {
    xy[2 * i] = b.center[0];
    xy[2 * i + 1] = b.center[1];
    weights[i] = b.members.length;
  });
  const minSize = options.minSize ?? 1;
  const out = new Map<number, StableGroupClustering>();
  const kMax = Math.min(options.maxK, 2 + Math.floor((options.bases ?? n) / 12), n);
  for (let k = 2; k <= kMax; k++) {
    let best: Fit | null = null;
    for (let r = 0; r < options.restarts; r++) {
      // Odd restarts draw seeds by weight alone, so some starts avoid the far-out points entirely.
      const seeds = r % 2 === 0 ? kmeansPlusPlus(xy, weights, k, options.random) : weightedSample(weights, k, options.random);
      if (seeds.length < k) {
        if (r % 2 === 0) break;
        continue;
      }
      const run = trimmedFit(xy, weights, pick(xy, seeds, 0), pick(xy, seeds, 1), k, minSize, options);
      if (run && (best === null || run.objective < best.objective)) best = run;
    }
    let warm = false;
    const previous = options.warmStart?.get(k);
    if (previous && previous.length === 2 * k) {
      const run = trimmedFit(xy, weights, pick(previous, null, 0), pick(previous, null, 1), k, minSize, options);
      if (run && (best === null || run.objective <= best.objective)) (best = run), (warm = true);
    }
    if (best) out.set(k, { clusters: toGroups(sorted, best), objective: best.objective, warm, trimmed: best.trimmed.map((i) => sorted[i]!.id) });
  }
  return out;
}

/** k distinct indices drawn with probability ∝ weight, without replacement (fewer when fewer have weight). */
function weightedSample(weights: Float64Array, k: number, random: () => number): Int32Array {
  const left = Float64Array.from(weights);
  let total = left.reduce((a, b) => a + b, 0);
  const out: number[] = [];
  while (out.length < k && total > 0) {
    const target = random() * total;
    let acc = 0;
    let pick = -1;
    for (let i = 0; i < left.length; i++) {
      if (!(left[i]! > 0)) continue;
      acc += left[i]!;
      pick = i;
      if (acc > target) break;
    }
    out.push(pick);
    total -= left[pick]!;
    left[pick] = 0;
  }
  return Int32Array.from(out);
}

/** A clustering of all points: slots, centres (means of all members), sizes, objective, and the points set aside. */
interface Fit {
  assign: Int32Array;
  x: Float64Array;
  y: Float64Array;
  size: Float64Array;
  objective: number;
  /** Indices of the points left out of the fit (then given to the nearest group). */
  trimmed: number[];
}

// Rounds of setting aside the members of too-small groups before a restart is given up.
const MAX_TRIM_ROUNDS = 10;

/**
 * Lloyd then Hartigan moves from the seeds; while a group weighs less than `minSize`, its members are set
 * aside (weight 0) and its slot reseeded by k-means++ among the rest, and the fit is redone. A far-out
 * participant pulls a centre towards itself until its group is itself alone: Lloyd then has no admissible
 * fixed point near it at all. The points set aside join their nearest group at the end, as in trimmed
 * k-means (Cuesta-Albertos et al. 1997); the objective counts them. null when the rounds run out.
 */
function trimmedFit(
  xy: Float64Array,
  weights: Float64Array,
  seedX: Float64Array,
  seedY: Float64Array,
  k: number,
  minSize: number,
  options: Pick<StableGroupClusteringsOptions, 'maxIterations' | 'random'>,
): Fit | null {
  const n = weights.length;
  const active = Float64Array.from(weights);
  let cx = seedX;
  let cy = seedY;
  for (let round = 0; round <= MAX_TRIM_ROUNDS; round++) {
    const run = hartigan(xy, active, weightedLloyd(xy, active, cx, cy, options.maxIterations).assign, k);
    const small = Array.from({ length: k }, (_, s) => s).filter((s) => run.size[s]! < minSize);
    if (small.length === 0) return settle(xy, weights, active, run, k, minSize);
    for (let i = 0; i < n; i++) if (small.includes(run.assign[i]!)) active[i] = 0;
    // Reseed the emptied slots: k-means++ draws among the points still in, against the kept centres.
    cx = Float64Array.from(run.x);
    cy = Float64Array.from(run.y);
    const d2 = new Float64Array(n);
    for (const s of small) {
      let total = 0;
      for (let i = 0; i < n; i++) {
        let best = Infinity;
        for (let t = 0; t < k; t++) {
          if (small.includes(t) && t >= s) continue;
          const dx = xy[2 * i]! - cx[t]!;
          const dy = xy[2 * i + 1]! - cy[t]!;
          best = Math.min(best, dx * dx + dy * dy);
        }
        d2[i] = active[i]! * (Number.isFinite(best) ? best : 1);
        total += d2[i]!;
      }
      if (!(total > 0)) return null;
      let target = options.random() * total;
      let at = -1;
      for (let i = 0; i < n && target >= 0; i++) if (d2[i]! > 0) (target -= d2[i]!), (at = i);
      cx[s] = xy[2 * at]!;
      cy[s] = xy[2 * at + 1]!;
    }
  }
  return null;
}

// Every point to the nearest of the fitted centres; centres become the means of all members.
function settle(xy: Float64Array, weights: Float64Array, active: Float64Array, run: HartiganResult, k: number, minSize: number): Fit | null {
  const n = weights.length;
  const assign = Int32Array.from(run.assign);
  const trimmed: number[] = [];
  for (let i = 0; i < n; i++) {
    if (active[i]! > 0 || !(weights[i]! > 0)) continue;
    trimmed.push(i);
    let best = Infinity;
    for (let s = 0; s < k; s++) {
      const dx = xy[2 * i]! - run.x[s]!;
      const dy = xy[2 * i + 1]! - run.y[s]!;
      if (dx * dx + dy * dy < best) (best = dx * dx + dy * dy), (assign[i] = s);
    }
  }
  const size = new Float64Array(k);
  const x = new Float64Array(k);
  const y = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    const s = assign[i]!;
    size[s]! += weights[i]!;
    x[s]! += weights[i]! * xy[2 * i]!;
    y[s]! += weights[i]! * xy[2 * i + 1]!;
  }
  if (!size.every((w) => w >= minSize && w > 0)) return null;
  for (let s = 0; s < k; s++) (x[s]! /= size[s]!), (y[s]! /= size[s]!);
  let objective = 0;
  for (let i = 0; i < n; i++) {
    const dx = xy[2 * i]! - x[assign[i]!]!;
    const dy = xy[2 * i + 1]! - y[assign[i]!]!;
    objective += weights[i]! * (dx * dx + dy * dy);
  }
  return { assign, x, y, size, objective, trimmed };
}

function pick(values: Float64Array, indices: Int32Array | null, axis: 0 | 1): Float64Array {
  const count = indices ? indices.length : values.length >> 1;
  return Float64Array.from({ length: count }, (_, i) => values[2 * (indices ? indices[i]! : i) + axis]!);
}

function toGroups(sorted: readonly Cluster[], run: Fit): Cluster[] {
  const k = run.x.length;
  const members: number[][] = Array.from({ length: k }, () => []);
  run.assign.forEach((s, i) => members[s]!.push(sorted[i]!.id));
  const slots = Array.from({ length: k }, (_, s) => s)
    .filter((s) => members[s]!.length > 0)
    .sort((a, b) => run.size[b]! - run.size[a]! || members[a]![0]! - members[b]![0]!);
  return slots.map((s, id) => ({ id, members: members[s]!, center: [run.x[s]!, run.y[s]!] as [number, number] }));
}
