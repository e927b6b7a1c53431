import type { BaseClustersOptions } from './baseClusters.js';
import { cleanStart } from './cleanStart.js';
import type { CenterIndex } from './centerIndex.js';
import type { Cluster } from './cluster.js';
import { firstDistinct } from './firstDistinct.js';
import { clustersOf, coldSeeds, validate } from './kmeans.js';
import { lloyd, type LloydResult, type LloydWarm, type Seeds } from './lloyd.js';

/**
 * What the base k-means keeps between updates (memory only): the last run's points (rows and positions), each
 * one's slot at the last step and its Hamerly bounds against that step's centres, plus those centres. Lets a
 * warm update skip the distance work of every point that did not move and whose bounds still hold. Kept as
 * the run left them (block copies), and matched to the next run's points by row when read.
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
  /** Cluster id of each slot of the last run, and how far each slot's centre (and the farthest) drifted. */
  slotId: number[] = [];
  slotMoved: Float64Array | null = null;
  movedMax = 0;
  /** The last step's centre of each cluster id. */
  stepCenter = new Map<number, [number, number]>();
  /** The last run's centre index (its slots are positions in `base`, as the next warm run's). */
  index: CenterIndex | null = null;
  /** Per-point buffers for the next run (assignment and bounds, and a copy of the starting assignment). */
  assign = new Int32Array(0);
  initial = new Int32Array(0);
  upper = new Float64Array(0);
  lower = new Float64Array(0);
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
  // The assignment the run starts from (lloyd overwrites it), to tell which clusters kept their members.
  let initial: Int32Array | null = null;
  if (start) {
    if (memory.initial.length < n) memory.initial = new Int32Array(memory.assign.length);
    initial = memory.initial.subarray(0, n);
    initial.set(start.warm.assign);
  }
  const result = lloyd(points, null, seeds, maxIterations, start?.warm ?? null, options.helper ?? null);
  if (options.stats) options.stats.steps = result.steps;
  const clusters = (initial && previous ? clustersReusing(result, rows, initial, previous) : clustersOf(result, rows)).sort((a, b) => a.id - b.id);
  remember(memory, points, rows, result, clusters, k);
  return clusters;
}

/**
 * clustersOf for a warm run whose slots are `previous`'s positions: a cluster no point joined or left keeps
 * its previous member list (the same rows in the same order, so the same array is shared).
 */
function clustersReusing(result: LloydResult, names: Int32Array, initial: Int32Array, previous: readonly Cluster[]): Cluster[] {
  const n = names.length;
  const nSlots = result.ids.length;
  const dirty = new Uint8Array(nSlots + 1);
  const { assign } = result;
  // One pass: which slots gained or lost a point, and every slot's size.
  const size = new Int32Array(nSlots);
  for (let i = 0; i < n; i++) {
    const s = assign[i]!;
    size[s]!++;
    if (s !== initial[i]) (dirty[s] = 1), (dirty[initial[i]!] = 1);
  }
  const members = Array.from(size, (m, s) => (dirty[s] ? new Array<number>(m) : previous[s]!.members));
  const filled = new Int32Array(nSlots);
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
  if (memory.assign.length < n) {
    const size = Math.ceil(n * 1.5);
    memory.assign = new Int32Array(size);
    memory.upper = new Float64Array(size);
    memory.lower = new Float64Array(size);
  }
  const assign = memory.assign.subarray(0, n);
  const upper = memory.upper.subarray(0, n);
  const lower = memory.lower.subarray(0, n);
  const moved = new Uint8Array(nSlots);
  // Every cluster's members summed in point order as they are met; only the moved clusters' sums are used.
  const sums = { x: new Float64Array(nSlots), y: new Float64Array(nSlots), count: new Float64Array(nSlots) };
  const known = readMemory(points, rows, memory, slotOf, assign, upper, lower, moved, sums);
  if (known < 0) return null;
  const { x: sumX, y: sumY, count } = sums;
  // Every previous member must still be a point (clustered rows stay clustered), else cleanStart drops some.
  let members = 0;
  for (const c of previous) members += c.members.length;
  if (known !== members) return null;

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
  return { seeds: { ids: previous.map((c) => c.id), x, y }, warm: { assign, upper, lower, fromX, fromY, index: memory.index } };
}

/**
 * warmStart's pass over the points (its own function, so that the JIT keeps this loop optimised whatever happens in
 * the rest): each point's slot (nSlots for none) and bounds from the memory, loosened by how far the point moved,
 * the clusters with moved points, and every cluster's sums. Returns how many points the memory knew, or −1 when a
 * point is not finite.
 */
function readMemory(
  points: Float64Array,
  rows: Int32Array,
  memory: BaseMemory,
  slotOf: Int32Array,
  assign: Int32Array,
  upper: Float64Array,
  lower: Float64Array,
  moved: Uint8Array,
  sums: { x: Float64Array; y: Float64Array; count: Float64Array },
): number {
  const n = rows.length;
  const nSlots = moved.length;
  const maxId = slotOf.length - 2;
  const { count: known, pointRow, pointXY, pointSlot, pointUpper, pointLower, slotId, slotMoved, movedMax } = memory;
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
    // The bounds made absolute (true distances to the last step's centres), as the run left them relative to its drift.
    const u = pointUpper[j]! + (slotMoved ? slotMoved[last]! : 0);
    const l = pointLower[j]! - movedMax;
    const ox = pointXY[2 * j]!;
    const oy = pointXY[2 * j + 1]!;
    // Equal to the bit (written out: this loop runs over every point): 0 and −0 differ, a sum could keep the sign.
    if (x === ox && y === oy && (x !== 0 || 1 / x === 1 / ox) && (y !== 0 || 1 / y === 1 / oy)) {
      upper[i] = u;
      lower[i] = l;
    } else {
      moved[s] = 1;
      // Triangle inequality: a point that moved by d is at most d farther from (at least d nearer to) any centre.
      const dx = x - ox;
      const dy = y - oy;
      const d = Math.sqrt(dx * dx + dy * dy) * (1 + 1e-12);
      upper[i] = u + d;
      lower[i] = l - d;
    }
  }
  return found;
}

// Records the run for the next warm start: its points as they are (block copies), bounds still relative to its drift.
function remember(memory: BaseMemory, points: Float64Array, rows: Int32Array, result: LloydResult, clusters: Cluster[], k: number): void {
  const n = rows.length;
  if (memory.pointRow.length < n) {
    const size = Math.ceil(n * 1.5);
    memory.pointRow = new Int32Array(size);
    memory.pointXY = new Float64Array(2 * size);
    memory.pointSlot = new Int32Array(size);
    memory.pointUpper = new Float64Array(size);
    memory.pointLower = new Float64Array(size);
  }
  const { assign, upper, lower, drift, ids } = result;
  memory.pointRow.set(rows);
  memory.pointXY.set(points.subarray(0, 2 * n));
  memory.pointSlot.set(assign.subarray(0, n));
  memory.pointUpper.set(upper.subarray(0, n));
  memory.pointLower.set(lower.subarray(0, n));
  memory.count = n;
  memory.slotId = ids.slice();
  memory.slotMoved = drift ? drift.moved.slice() : null;
  memory.movedMax = drift ? drift.movedMax : 0;
  memory.stepCenter = new Map(Array.from(result.order, (s) => [ids[s]!, [result.stepX[s]!, result.stepY[s]!]]));
  memory.base = clusters;
  memory.index = result.index;
  memory.k = k;
}
