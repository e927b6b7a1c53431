import type { BaseClustersOptions } from './baseClusters.js';
import { cleanStart } from './cleanStart.js';
import type { CenterIndex } from './centerIndex.js';
import type { Cluster } from './cluster.js';
import { firstDistinct } from './firstDistinct.js';
import { clustersOf, coldSeeds, validate } from './kmeans.js';
import { lloyd, type LloydResult, type LloydWarm, type Seeds } from './lloyd.js';

/**
 * What the base k-means keeps between updates (memory only): the last run's points (rows and positions), each
 * one's slot at the last step and its Hamerly bounds, plus that step's centres and the drift the bounds are
 * relative to. Lets a warm update skip the distance work of every point that did not move and whose bounds still
 * hold. The slots and bounds are the next warm run's own buffers: a steady update (same clusters, rows only
 * joining) moves them in place instead of copying them.
 */
export class BaseMemory {
  /** The clusters this memory describes; a warm start applies only when given exactly these (same object). */
  base: readonly Cluster[] | null = null;
  k = 0;
  /** Points of the last run (the first `count` entries): row, position (x, y interleaved), slot, bounds. */
  count = 0;
  pointRow = new Int32Array(0);
  pointXY = new Float64Array(0);
  pointSlot = new Int32Array(0);
  pointUpper = new Float64Array(0);
  pointLower = new Float64Array(0);
  /** Cluster id of each slot of the last run, and the drift of each slot's centre (and of the farthest) the bounds are relative to. */
  slotId: number[] = [];
  slotMoved: Float64Array | null = null;
  movedMax = 0;
  /** The last step's centre of each cluster id. */
  stepCenter = new Map<number, [number, number]>();
  /** The last run's centre index (its slots are positions in `base`, as the next warm run's). */
  index: CenterIndex | null = null;
}

/**
 * `baseClusters` with a memory: the same clusters, to the bit (same seeds, same exact assignment at every
 * step, same means), but a warm start recentres only the clusters whose members moved and starts the first
 * step from the last run's bounds. Falls back to the plain start whenever the memory does not describe
 * `previous` or the start would merge or split clusters.
 */
export function baseClustersWarm(points: Float64Array, rows: Int32Array, previous: readonly Cluster[] | null, options: BaseClustersOptions, memory: BaseMemory): Cluster[] {
  const { k, maxIterations } = options;
  const n = rows.length;
  const start = previous && previous.length > 0 ? warmStart(points, rows, previous, k, memory) : null;
  let seeds: Seeds;
  if (start) seeds = start.seeds;
  else {
    validate(points, rows, k, maxIterations, undefined, previous);
    if (n === 0) return [];
    seeds = previous && previous.length > 0 ? cleanStart(points, rows, null, previous, k) : coldSeeds(points, k);
  }
  const result = lloyd(points, null, seeds, maxIterations, start?.warm ?? null, options.helper ?? null);
  if (options.stats) options.stats.steps = result.steps;
  const clusters = (start && previous ? clustersReusing(result, rows, previous) : clustersOf(result, rows)).sort((a, b) => a.id - b.id);
  remember(memory, points, rows, result, clusters, k);
  return clusters;
}

/**
 * clustersOf for a warm run whose slots are `previous`'s positions: a cluster no point joined or left keeps
 * its previous member list (the same rows in the same order, so the same array is shared).
 */
function clustersReusing(result: LloydResult, names: Int32Array, previous: readonly Cluster[]): Cluster[] {
  const n = names.length;
  const { assign, count, everChanged: dirty } = result;
  const members = Array.from(count, (m, s) => (dirty[s] ? new Array<number>(m) : previous[s]!.members));
  const filled = new Int32Array(count.length);
  for (let i = 0; i < n; i++) {
    const s = assign[i]!;
    if (dirty[s]) members[s]![filled[s]!++] = names[i]!;
  }
  return Array.from(result.order, (s) => ({
    id: result.ids[s]!,
    members: members[s]!,
    center: [result.x[s]!, result.y[s]!] as [number, number],
  }));
}

/** Polis's warm start (cleanStart) computed from the memory, or null when it does not apply. */
function warmStart(points: Float64Array, rows: Int32Array, previous: readonly Cluster[], k: number, memory: BaseMemory): { seeds: Seeds; warm: LloydWarm } | null {
  if (memory.base !== previous || memory.k !== k) return null;
  const n = rows.length;
  const nSlots = previous.length;
  // Slot of each cluster id (ids are the memory's own, small non-negative integers).
  let maxId = -1;
  for (const c of previous) maxId = Math.max(maxId, c.id);
  if (previous.some((c) => !Number.isSafeInteger(c.id) || c.id < 0) || maxId > 1 << 24) return null;
  const slotOf = new Int32Array(maxId + 2).fill(-1);
  previous.forEach((c, s) => (slotOf[c.id] = s));
  // The drift each slot's bounds are relative to: that of the last run's slot with its id.
  const slotMoved = new Float64Array(nSlots);
  memory.slotId.forEach((id, last) => {
    const s = id >= 0 && id <= maxId ? slotOf[id]! : -1;
    if (s >= 0) slotMoved[s] = memory.slotMoved ? memory.slotMoved[last]! : 0;
  });
  // Every previous member must still be a point (clustered rows stay clustered), else cleanStart drops some.
  let members = 0;
  for (const c of previous) members += c.members.length;
  const moved = new Uint8Array(nSlots);
  // Every cluster's members summed in point order as they are met; only the moved clusters' sums are used.
  const sums = { x: new Float64Array(nSlots), y: new Float64Array(nSlots), count: new Int32Array(nSlots) };
  const sameSlots = memory.slotId.length === nSlots && previous.every((c, s) => memory.slotId[s] === c.id);
  // Nothing is trusted while the buffers are rewritten: a throw or a fallback leaves no half-read memory behind.
  memory.base = null;
  const known = sameSlots && n >= memory.count && n <= memory.pointSlot.length ? readInPlace(points, rows, memory, moved, sums) : readMemory(points, rows, memory, slotOf, moved, sums);
  if (known < 0 || known !== members) return null;
  const { x: sumX, y: sumY, count } = sums;

  // Recentre clusters with moved members: their members summed in point order, times 1/n (as clusterMeans).
  const x = Float64Array.from(previous, (c) => c.center[0]);
  const y = Float64Array.from(previous, (c) => c.center[1]);
  for (let s = 0; s < nSlots; s++) {
    if (!moved[s]) continue;
    const inverse = 1 / count[s]!;
    x[s] = sumX[s]! * inverse;
    y[s] = sumY[s]! * inverse;
  }
  // cleanStart would merge equal centres or split off new clusters: leave those cases to it.
  for (let s = 0; s < nSlots; s++) for (let t = 0; t < s; t++) if (x[s] === x[t] && y[s] === y[t]) return null;
  if (nSlots < Math.min(k, firstDistinct(points, k).length)) return null;

  const fromX = new Float64Array(nSlots);
  const fromY = new Float64Array(nSlots);
  for (let s = 0; s < nSlots; s++) {
    const from = memory.stepCenter.get(previous[s]!.id);
    if (!from) return null;
    fromX[s] = from[0];
    fromY[s] = from[1];
  }
  const warm: LloydWarm = {
    assign: memory.pointSlot.subarray(0, n),
    upper: memory.pointUpper.subarray(0, n),
    lower: memory.pointLower.subarray(0, n),
    fromX,
    fromY,
    index: memory.index,
    moved: slotMoved,
    movedMax: memory.movedMax,
    count,
  };
  return { seeds: { ids: previous.map((c) => c.id), x, y }, warm };
}

/**
 * The steady case of warmStart's pass, when the slots are the last run's and rows only joined: each point's slot
 * and bounds stay in the memory's buffers, shifted up in place past the rows that joined (which get slot nSlots).
 * A point that moved loosens its bounds by how far (triangle inequality) and flags its cluster; every cluster's
 * sums are taken. Returns how many points the memory knew, or −1 when a point is not finite or a row is gone.
 */
function readInPlace(points: Float64Array, rows: Int32Array, memory: BaseMemory, moved: Uint8Array, sums: { x: Float64Array; y: Float64Array; count: Int32Array }): number {
  const n = rows.length;
  const nSlots = moved.length;
  const { count: known, pointRow, pointXY, pointSlot, pointUpper, pointLower } = memory;
  const sumX = sums.x;
  const sumY = sums.y;
  const count = sums.count;
  // Forward: match rows (both ascend), compare positions, loosen moved points' bounds where they are now.
  let j = 0;
  let shiftFrom = n;
  for (let i = 0; i < n; i++) {
    const x = points[2 * i]!;
    const y = points[2 * i + 1]!;
    if (!Number.isFinite(x) || !Number.isFinite(y)) return -1;
    const r = rows[i]!;
    if (j >= known || pointRow[j]! !== r) {
      // A row the last run did not have; one it had and this one lacks means no warm start.
      if (j < known && pointRow[j]! < r) return -1;
      if (shiftFrom === n) shiftFrom = i;
      continue;
    }
    const s = pointSlot[j]!;
    sumX[s]! += x;
    sumY[s]! += y;
    count[s]!++;
    const d = moveOf(x, y, pointXY[2 * j]!, pointXY[2 * j + 1]!);
    if (d >= 0) {
      moved[s] = 1;
      pointUpper[j]! += d;
      pointLower[j]! -= d;
    }
    j++;
  }
  if (j !== known) return -1;
  // Backward from the end, so that no entry is overwritten before it has moved (a point only moves up).
  j = known - 1;
  for (let i = n - 1; i >= shiftFrom; i--) {
    if (j >= 0 && pointRow[j] === rows[i]) {
      pointSlot[i] = pointSlot[j]!;
      pointUpper[i] = pointUpper[j]!;
      pointLower[i] = pointLower[j]!;
      j--;
    } else pointSlot[i] = nSlots;
  }
  return known;
}

/**
 * warmStart's pass over the points in general (slots renumbered, or the buffers too small): each point's slot
 * (nSlots for none) and bounds copied from the memory into new buffers, loosened by how far the point moved, the
 * clusters with moved points, and every cluster's sums. Returns how many points the memory knew, or −1 when a
 * point is not finite.
 */
function readMemory(
  points: Float64Array,
  rows: Int32Array,
  memory: BaseMemory,
  slotOf: Int32Array,
  moved: Uint8Array,
  sums: { x: Float64Array; y: Float64Array; count: Int32Array },
): number {
  const n = rows.length;
  const nSlots = moved.length;
  const maxId = slotOf.length - 2;
  const { count: known, pointRow, pointXY, pointSlot, pointUpper, pointLower, slotId } = memory;
  const size = Math.max(pointSlot.length, Math.ceil(n * 1.5));
  const assign = new Int32Array(size);
  const upper = new Float64Array(size);
  const lower = new Float64Array(size);
  const sumX = sums.x;
  const sumY = sums.y;
  const count = sums.count;
  let found = 0;
  // Rows ascend in both runs: the last run's point of row r, if any, is found by walking its rows alongside.
  let j = 0;
  for (let i = 0; i < n; i++) {
    const r = rows[i]!;
    while (j < known && pointRow[j]! < r) j++;
    const last = j < known && pointRow[j] === r ? pointSlot[j]! : -1;
    const id = last >= 0 ? slotId[last]! : -1;
    const s = id >= 0 && id <= maxId ? slotOf[id]! : -1;
    const x = points[2 * i]!;
    const y = points[2 * i + 1]!;
    if (!Number.isFinite(x) || !Number.isFinite(y)) return -1;
    if (s < 0) {
      assign[i] = nSlots;
      continue;
    }
    found++;
    assign[i] = s;
    sumX[s]! += x;
    sumY[s]! += y;
    count[s]!++;
    // The bounds stay relative to the slot's drift, which warmStart carries over to the slot's new number.
    const d = moveOf(x, y, pointXY[2 * j]!, pointXY[2 * j + 1]!);
    if (d >= 0) moved[s] = 1;
    upper[i] = pointUpper[j]! + (d >= 0 ? d : 0);
    lower[i] = pointLower[j]! - (d >= 0 ? d : 0);
  }
  memory.pointSlot = assign;
  memory.pointUpper = upper;
  memory.pointLower = lower;
  return found;
}

/**
 * How far a point moved from (ox, oy), rounded up, or −1 when it is the same point to the bit (0 and −0 differ: a sum
 * could keep the sign). By the triangle inequality it is at most that much farther from (nearer to) any centre.
 */
function moveOf(x: number, y: number, ox: number, oy: number): number {
  if (x === ox && y === oy && (x !== 0 || 1 / x === 1 / ox) && (y !== 0 || 1 / y === 1 / oy)) return -1;
  const dx = x - ox;
  const dy = y - oy;
  return Math.sqrt(dx * dx + dy * dy) * (1 + 1e-12);
}

// Records the run for the next warm start: its points as they are (block copies), bounds still relative to its drift.
function remember(memory: BaseMemory, points: Float64Array, rows: Int32Array, result: LloydResult, clusters: Cluster[], k: number): void {
  const n = rows.length;
  if (memory.pointRow.length < n) {
    const size = Math.ceil(n * 1.5);
    memory.pointRow = new Int32Array(size);
    memory.pointXY = new Float64Array(2 * size);
  }
  const { assign, upper, lower, drift, ids } = result;
  memory.pointRow.set(rows);
  memory.pointXY.set(points.subarray(0, 2 * n));
  // A warm run worked in the memory's own buffers: nothing to copy.
  if (assign.buffer !== memory.pointSlot.buffer) {
    if (memory.pointSlot.length < n) {
      const size = Math.ceil(n * 1.5);
      memory.pointSlot = new Int32Array(size);
      memory.pointUpper = new Float64Array(size);
      memory.pointLower = new Float64Array(size);
    }
    memory.pointSlot.set(assign.subarray(0, n));
    memory.pointUpper.set(upper.subarray(0, n));
    memory.pointLower.set(lower.subarray(0, n));
  }
  memory.count = n;
  memory.slotId = ids.slice();
  memory.slotMoved = drift ? drift.moved.slice() : null;
  memory.movedMax = drift ? drift.movedMax : 0;
  memory.stepCenter = new Map(Array.from(result.order, (s) => [ids[s]!, [result.stepX[s]!, result.stepY[s]!]]));
  memory.base = clusters;
  memory.index = result.index;
  memory.k = k;
}
