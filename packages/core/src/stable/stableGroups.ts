import type { Cluster } from '../cluster/cluster.js';
import type { ResolvedOptions } from '../options.js';
import type { StableInfo } from '../types.js';
import { chooseStableK } from './chooseStableK.js';
import { stableBaseClusters } from './stableBaseClusters.js';
import { stableGroupClusterings } from './stableGroupClusterings.js';
import { refineGroups } from './refineGroups.js';
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
  /** The groups shown: ids 0…k−1, largest first; members are base ids. */
  groups: Cluster[];
  k: { best: number; chosen: number; silhouettes: Map<number, number> };
  info: StableInfo;
  /** Centres to warm-start the next update from. */
  warm: StableWarmState;
}

// Group k-means runs to a fixed point; this only bounds pathological cycling.
const GROUP_ITERATIONS = 100;

/**
 * Stable mode's base clusters and groups for the clustered participants' `points` (canonical order,
 * named by `rows`): k-means++ restarts at both levels, weighted silhouette per k, the smallest k within
 * the tie band of the best, then the boundaries refined at the participant level. With a single base
 * cluster everyone is one group (k = 1). Warm-start centres are the unsplit base clusters'.
 */
export function stableGroups(points: Float64Array, rows: Int32Array, options: ResolvedOptions, previous: StableWarmState | null): StableGroups {
  const warmStart = options.stableWarmStart ? previous : null;
  const base = stableBaseClusters(points, rows, {
    k: options.baseK,
    restarts: options.stableBaseRestarts,
    maxIterations: options.baseIterations,
    random: stageRandom(options.seed, 'base'),
    warmStart: warmStart?.baseCenters ?? null,
  });
  const clusters = base.clusters;
  const silhouettes = new Map<number, number>();
  const groupObjectives: Record<string, number> = {};
  const groupWarm: number[] = [];
  const groupCenters = new Map<number, Float64Array>();
  let groups: Cluster[] = [];
  let k = { best: 0, chosen: 0 };
  const clusterings =
    clusters.length > 1
      ? stableGroupClusterings(clusters, {
          maxK: options.maxK,
          restarts: options.stableGroupRestarts,
          maxIterations: GROUP_ITERATIONS,
          random: stageRandom(options.seed, 'groups'),
          warmStart: warmStart?.groupCenters ?? null,
        })
      : new Map<number, never>();
  if (clusters.length > 0 && clusterings.size === 0) {
    // One base cluster (or coinciding centres): everyone clustered forms a single group.
    groups = [{ id: 0, members: clusters.map((b) => b.id), center: meanCenter(clusters) }];
    k = { best: 1, chosen: 1 };
  } else if (clusterings.size > 0) {
    for (const [kk, clustering] of clusterings) {
      silhouettes.set(kk, weightedSilhouette(clusters, clustering.clusters));
      groupObjectives[String(kk)] = clustering.objective;
      if (clustering.warm) groupWarm.push(kk);
      groupCenters.set(kk, Float64Array.from(clustering.clusters.flatMap((g) => g.center)));
    }
    k = chooseStableK(silhouettes, options.stableKTieBand);
    groups = clusterings.get(k.chosen)!.clusters;
  }
  const refined = groups.length > 1 ? refineGroups(points, rows, clusters, groups) : { base: clusters, groups };
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
