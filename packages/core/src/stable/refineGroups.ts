import type { Cluster } from '../cluster/cluster.js';
import { hartigan } from './hartigan.js';
import { weightedLloyd } from './weightedLloyd.js';

/** Groups as unions of base clusters, with the base clusters split where a group boundary crosses them. */
export interface RefinedGroups {
  /** Ids 0…B′−1: each old base cluster's parts in group order, so ids still follow the canonical order. */
  base: Cluster[];
  /** Ids 0…k−1 largest first (ties: smaller first base id); members are base ids ascending. */
  groups: Cluster[];
}

// Lloyd steps at the participant level; from the pooled groups' centres it settles in a few.
const MAX_STEPS = 100;

/**
 * The participant-level groups (`assign[i]` = slot 0…k−1 of point i, named by `rows[i]`) expressed in
 * Polis's output shape: base clusters whose members sit in several groups are split, so every group is a
 * union of base clusters (there can be a few more base clusters than `baseK`). Centres are member means.
 */
export function refineGroups(points: Float64Array, rows: Int32Array, base: readonly Cluster[], assign: Int32Array, k: number): RefinedGroups {
  const pointOf = new Map<number, number>();
  rows.forEach((r, i) => pointOf.set(r, i));
  const splitBase: Cluster[] = [];
  const groupBases: number[][] = Array.from({ length: k }, () => []);
  const groupSize = new Float64Array(k);
  const groupX = new Float64Array(k);
  const groupY = new Float64Array(k);
  for (const b of base) {
    const parts: number[][] = Array.from({ length: k }, () => []);
    for (const r of b.members) parts[assign[pointOf.get(r)!]!]!.push(r);
    parts.forEach((members, s) => {
      if (members.length === 0) return;
      let x = 0;
      let y = 0;
      for (const r of members) (x += points[2 * pointOf.get(r)!]!), (y += points[2 * pointOf.get(r)! + 1]!);
      groupBases[s]!.push(splitBase.length);
      groupSize[s]! += members.length;
      groupX[s]! += x;
      groupY[s]! += y;
      splitBase.push({ id: splitBase.length, members, center: [x / members.length, y / members.length] });
    });
  }
  const slots = Array.from({ length: k }, (_, s) => s)
    .filter((s) => groupBases[s]!.length > 0)
    .sort((a, b) => groupSize[b]! - groupSize[a]! || groupBases[a]![0]! - groupBases[b]![0]!);
  return {
    base: splitBase,
    groups: slots.map((s, id) => ({ id, members: groupBases[s]!, center: [groupX[s]! / groupSize[s]!, groupY[s]! / groupSize[s]!] as [number, number] })),
  };
}

/**
 * Moves group boundaries found on pooled points (grid cells, `groupPoints`) to single participants: Lloyd
 * from the groups' centres, then Hartigan moves. A cell of many people otherwise changes group as a block
 * when a few votes move it. Participants with `aside[i]` set (set aside as outliers while the groups were
 * fitted) do not pull the centres and join the nearest group at the end. Returns `start` when the polished
 * partition would leave a group below `minSize`.
 */
export function polishParticipants(points: Float64Array, start: Int32Array, k: number, minSize: number, aside?: Uint8Array): Int32Array {
  const n = start.length;
  const weights = Float64Array.from({ length: n }, (_, i) => (aside?.[i] ? 0 : 1));
  const size = new Float64Array(k);
  const x = new Float64Array(k);
  const y = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    const s = start[i]!;
    size[s]! += weights[i]!;
    x[s]! += weights[i]! * points[2 * i]!;
    y[s]! += weights[i]! * points[2 * i + 1]!;
  }
  for (let s = 0; s < k; s++) if (size[s]! > 0) (x[s]! /= size[s]!), (y[s]! /= size[s]!);
  const run = hartigan(points, weights, weightedLloyd(points, weights, x, y, MAX_STEPS).assign, k);
  const assign = run.assign;
  const count = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    if (weights[i] === 0) {
      let best = Infinity;
      for (let s = 0; s < k; s++) {
        const dx = points[2 * i]! - run.x[s]!;
        const dy = points[2 * i + 1]! - run.y[s]!;
        if (dx * dx + dy * dy < best) (best = dx * dx + dy * dy), (assign[i] = s);
      }
    }
    count[assign[i]!]!++;
  }
  return count.every((c) => c >= minSize) ? assign : start;
}
