import type { Cluster } from '../cluster/cluster.js';
import type { ResolvedOptions } from '../options.js';
import type { StableInfo } from '../types.js';
import { chooseStableK } from './chooseStableK.js';
import { stableBaseClusters } from './stableBaseClusters.js';
import { stableGroupClusterings } from './stableGroupClusterings.js';
import { groupPoints } from './groupPoints.js';
import { polishParticipants, refineGroups } from './refineGroups.js';
import { stageRandom } from './stageRandom.js';
import { weightedSilhouette } from './weightedSilhouette.js';

/** Centres of the previous update, for `stableWarmStart`. */
export interface StableWarmState {
  /** Base centres x0, y0, x1, … */
  baseCenters: Float64Array | null;
  /** Group centres per k. */
  groupCenters: Map<number, Float64Array>;
}

export interface StableGroups {
  /** Base clusters after splitting those that straddle a group boundary (see `refineGroups`). */
  base: Cluster[];
  /** The groups shown: ids 0…k−1, largest first, none below `stableMinGroupSize`; members are base ids. */
  groups: Cluster[];
  k: { best: number; chosen: number; silhouettes: Map<number, number> };
  info: StableInfo;
  /** Centres to warm-start the next update from. */
  warm: StableWarmState;
}

// Group k-means runs to a fixed point; this only bounds pathological cycling.
const GROUP_ITERATIONS = 100;

// Participants clustered one by one up to this many; above, pooled into grid cells (`groupPoints`).
// The silhouette costs O(points²) per k: 2,000 points take about 20 ms.
const GROUP_POINTS = 2000;

/**
 * Stable mode's base clusters and groups for the clustered participants' `points` (canonical order,
 * named by `rows`). The base clusters (k-means++ restarts) are only the output's fine clusters: the groups
 * come from a point set that does not depend on the seed (the participants, or grid cells in large
 * conversations), clustered per k by weighted k-means++ restarts polished by Hartigan moves, every group at
 * least `stableMinGroupSize` participants; then the silhouette of each k on the same points and the
 * smallest k within the tie band of the best. Grouping the seed-dependent base clusters instead made
 * the groups, their silhouettes and so k change with the seed (4 of the 8 fixture conversations, issue #14). With no
 * admissible k ≥ 2 everyone forms one group (k = 1); with fewer participants than the minimum, none.
 * Warm-start centres are the unsplit base clusters' and the pooled groups'.
 */
export function stableGroups(points: Float64Array, rows: Int32Array, options: ResolvedOptions, previous: StableWarmState | null): StableGroups {
  const warmStart = options.stableWarmStart ? previous : null;
  const minSize = options.stableMinGroupSize;
  const base = stableBaseClusters(points, rows, {
    k: options.baseK,
    restarts: options.stableBaseRestarts,
    maxIterations: options.baseIterations,
    random: stageRandom(options.seed, 'base'),
    warmStart: warmStart?.baseCenters ?? null,
  });
  const clusters = base.clusters;
  const { cells, pooled } = groupPoints(points, rows, GROUP_POINTS);
  const silhouettes = new Map<number, number>();
  const groupObjectives: Record<string, number> = {};
  const groupWarm: number[] = [];
  const groupCenters = new Map<number, Float64Array>();
  let cellGroups: Cluster[] = [];
  let k = { best: 0, chosen: 0 };
  const clusterings =
    clusters.length > 1
      ? stableGroupClusterings(cells, {
          maxK: options.maxK,
          restarts: options.stableGroupRestarts,
          maxIterations: GROUP_ITERATIONS,
          random: stageRandom(options.seed, 'groups'),
          warmStart: warmStart?.groupCenters ?? null,
          minSize,
          bases: clusters.length,
        })
      : new Map<number, never>();
  if (clusterings.size > 0) {
    for (const [kk, clustering] of clusterings) {
      silhouettes.set(kk, weightedSilhouette(cells, clustering.clusters));
      groupObjectives[String(kk)] = clustering.objective;
      if (clustering.warm) groupWarm.push(kk);
      groupCenters.set(kk, Float64Array.from(clustering.clusters.flatMap((g) => g.center)));
    }
    k = chooseStableK(silhouettes, options.stableKTieBand);
    cellGroups = clusterings.get(k.chosen)!.clusters;
  } else if (rows.length >= minSize && rows.length > 0) {
    // One base cluster, coinciding points, or no k ≥ 2 with every group large enough: one group.
    cellGroups = [{ id: 0, members: cells.map((c) => c.id), center: meanCenter(cells) }];
    k = { best: 1, chosen: 1 };
  }
  // Slot of every point: the group of its cell, moved to single participants when cells pooled several.
  const pointOf = new Map<number, number>();
  rows.forEach((r, i) => pointOf.set(r, i));
  const cellById = new Map(cells.map((c) => [c.id, c]));
  let assign: Int32Array = new Int32Array(rows.length).fill(-1);
  cellGroups.forEach((g, s) => g.members.forEach((id) => cellById.get(id)!.members.forEach((r) => (assign[pointOf.get(r)!] = s))));
  if (pooled && cellGroups.length > 1) {
    const aside = new Uint8Array(rows.length);
    for (const id of clusterings.get(k.chosen)?.trimmed ?? []) for (const r of cellById.get(id)!.members) aside[pointOf.get(r)!] = 1;
    assign = polishParticipants(points, assign, cellGroups.length, minSize, aside);
  }
  const refined = cellGroups.length > 0 ? refineGroups(points, rows, clusters, assign, cellGroups.length) : { base: clusters, groups: [] };
  return {
    base: refined.base,
    groups: refined.groups,
    k: { ...k, silhouettes },
    info: {
      baseRestarts: base.restartObjectives,
      baseObjective: base.objective,
      baseWarm: base.warm,
      groupObjectives,
      groupWarm,
      silhouette: 'participants',
      kTieBand: options.stableKTieBand,
    },
    warm: { baseCenters: clusters.length > 0 ? Float64Array.from(clusters.flatMap((b) => b.center)) : null, groupCenters },
  };
}

function meanCenter(clusters: readonly Cluster[]): [number, number] {
  let x = 0;
  let y = 0;
  let w = 0;
  for (const b of clusters) (x += b.members.length * b.center[0]), (y += b.members.length * b.center[1]), (w += b.members.length);
  return [x / w, y / w];
}
