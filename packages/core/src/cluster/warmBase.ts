import type { BaseClustersOptions } from './baseClusters.js';
import { cleanStart } from './cleanStart.js';
import type { Cluster } from './cluster.js';
import { firstDistinct } from './firstDistinct.js';
import { clustersOf, coldSeeds, validate } from './kmeans.js';
import { lloyd, type LloydResult, type LloydWarm, type Seeds } from './lloyd.js';

/**
 * What the base k-means keeps between updates (memory only): each row's cluster at the last step, its
 * Hamerly bounds against that step's centres (true distances) and its position then, plus those centres.
 * Lets a warm update skip the distance work of every point that did not move and whose bounds still hold.
 */
export class BaseMemory {
  /** The clusters this memory describes; a warm start applies only when given exactly these (same object). */
  base: readonly Cluster[] | null = null;
  k = 0;
  rows = 0;
  rowCluster = new Int32Array(0);
  rowUpper = new Float64Array(0);
  rowLower = new Float64Array(0);
  rowX = new Float64Array(0);
  rowY = new Float64Array(0);
  /** The last step's centre of each cluster id. */
  stepCenter = new Map<number, [number, number]>();
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
  const result = lloyd(points, null, seeds, maxIterations, start?.warm ?? null);
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
  for (let i = 0; i < n; i++) if (assign[i] !== initial[i]) (dirty[assign[i]!] = 1), (dirty[initial[i]!] = 1);
  const size = new Int32Array(nSlots);
  for (let i = 0; i < n; i++) if (dirty[assign[i]!]) size[assign[i]!]!++;
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

// Positions equal to the bit (0 and −0 differ: a sum could keep the sign).
function same(a: number, b: number): boolean {
  return a === b && (a !== 0 || 1 / a === 1 / b);
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
  let known = 0;
  for (let i = 0; i < n; i++) {
    const r = rows[i]!;
    const id = r < memory.rows ? memory.rowCluster[r]! : -1;
    const s = id >= 0 && id <= maxId ? slotOf[id]! : -1;
    const x = points[2 * i]!;
    const y = points[2 * i + 1]!;
    if (!Number.isFinite(x) || !Number.isFinite(y)) return null;
    if (s < 0) {
      assign[i] = nSlots;
      continue;
    }
    known++;
    assign[i] = s;
    if (same(x, memory.rowX[r]!) && same(y, memory.rowY[r]!)) {
      upper[i] = memory.rowUpper[r]!;
      lower[i] = memory.rowLower[r]!;
    } else {
      moved[s] = 1;
      upper[i] = Infinity;
      lower[i] = -Infinity;
    }
  }
  // Every previous member must still be a point (clustered rows stay clustered), else cleanStart drops some.
  let members = 0;
  for (const c of previous) members += c.members.length;
  if (known !== members) return null;

  // Recentre clusters with moved members: their members summed in point order, times 1/n (as clusterMeans).
  const x = Float64Array.from(previous, (c) => c.center[0]);
  const y = Float64Array.from(previous, (c) => c.center[1]);
  const sumX = new Float64Array(nSlots);
  const sumY = new Float64Array(nSlots);
  const count = new Float64Array(nSlots);
  for (let i = 0; i < n; i++) {
    const s = assign[i]!;
    if (s === nSlots || !moved[s]) continue;
    sumX[s]! += points[2 * i]!;
    sumY[s]! += points[2 * i + 1]!;
    count[s]!++;
  }
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
  return { seeds: { ids: previous.map((c) => c.id), x, y }, warm: { assign, upper, lower, fromX, fromY } };
}

// Records the run for the next warm start: bounds made absolute (true distances to the last step's centres).
function remember(memory: BaseMemory, points: Float64Array, rows: Int32Array, result: LloydResult, clusters: Cluster[], k: number): void {
  const n = rows.length;
  const nRows = n > 0 ? rows[n - 1]! + 1 : 0;
  if (memory.rowCluster.length < nRows) {
    const size = Math.ceil(nRows * 1.5);
    memory.rowCluster = new Int32Array(size);
    memory.rowUpper = new Float64Array(size);
    memory.rowLower = new Float64Array(size);
    memory.rowX = new Float64Array(size);
    memory.rowY = new Float64Array(size);
  }
  memory.rowCluster.fill(-1, 0, nRows);
  const { assign, upper, lower, drift, ids } = result;
  const movedMax = drift ? drift.movedMax : 0;
  for (let i = 0; i < n; i++) {
    const r = rows[i]!;
    const s = assign[i]!;
    memory.rowCluster[r] = ids[s]!;
    memory.rowUpper[r] = upper[i]! + (drift ? drift.moved[s]! : 0);
    memory.rowLower[r] = lower[i]! - movedMax;
    memory.rowX[r] = points[2 * i]!;
    memory.rowY[r] = points[2 * i + 1]!;
  }
  memory.rows = nRows;
  memory.stepCenter = new Map(Array.from(result.order, (s) => [ids[s]!, [result.stepX[s]!, result.stepY[s]!]]));
  memory.base = clusters;
  memory.k = k;
}
