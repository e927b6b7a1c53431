import { float64s, int32s, isShared, sharedCopy, type MathHelper } from '../helper/mathHelper.js';
import { clojureHashOrder } from '../clojure/hashOrder.js';
import { assignPoints, type Drift } from './assignPoints.js';
import { anchorGrid, CenterIndex } from './centerIndex.js';
import { clusterMeans } from './clusterMeans.js';
import { sameClustering } from './sameClustering.js';

/** Starting clusters of a k-means run, in Polis's list order. */
export interface Seeds {
  ids: number[];
  x: Float64Array;
  y: Float64Array;
  /** Optional seed index (position in `ids`) each point probably belongs to, −1 for unknown. */
  hint?: Int32Array;
}

/** The clusters of the last step: `order` lists the surviving slots in Polis's output order. */
export interface LloydResult {
  order: Int32Array;
  ids: number[];
  x: Float64Array;
  y: Float64Array;
  /** Slot of every point. */
  assign: Int32Array;
  /** Number of assignment steps run. */
  steps: number;
  /** The last step's centres (those `assign` was chosen against; `x`/`y` are the means after it). */
  stepX: Float64Array;
  stepY: Float64Array;
  /** Hamerly bounds of every point against the last step's centres, relative to `drift` (see assignPoints). */
  upper: Float64Array;
  lower: Float64Array;
  drift: Drift | null;
  /** The centre index of the last step (a later warm run may continue from it). */
  index: CenterIndex;
  /** Points per slot after the last step. */
  count: Int32Array;
  /** Per slot (and the slot count, for none): whether any step moved a point into or out of it. */
  everChanged: Uint8Array;
}

/**
 * A warm start from a previous run's assignment and bounds, which lets points whose bounds still hold skip
 * the first step's distance computations (the step's outcome is the same: the assignment is exact).
 */
export interface LloydWarm {
  /** Per point: its slot before this run, or the slot count for none. Used as the assignment buffer. */
  assign: Int32Array;
  /** Per point: true distance to its slot's `from` centre at most `upper`, to every other at least `lower` (±∞: unknown). Used as buffers. */
  upper: Float64Array;
  lower: Float64Array;
  /** Per slot: the centre the bounds were measured against. */
  fromX: Float64Array;
  fromY: Float64Array;
  /** The previous run's centre index, reused when it fits (see `CenterIndex.fits`). */
  index?: CenterIndex | null;
  /** Per slot: the drift the bounds are relative to (as a run leaves them), and its largest-move sum. */
  moved: Float64Array;
  movedMax: number;
  /** Per slot: how many points `assign` puts in it. */
  count: Int32Array;
}

// clojureHashOrder of the ids, remembered for the last ids seen: warm runs ask again for the same ones.
let lastIds: number[] = [];
let lastOrder: number[] = [];
function hashOrderOf(ids: number[]): number[] {
  if (ids.length !== lastIds.length || ids.some((id, i) => id !== lastIds[i])) {
    lastOrder = clojureHashOrder(ids);
    lastIds = ids;
  }
  return lastOrder;
}

// Relative bound on |Polis distance − true distance|: the cancelling formula loses up to ~3e-8·scale.
const DISTANCE_SLACK = 1e-7;

/**
 * Polis's k-means loop (§8.1): step, then stop when `sameClustering` or after `maxIterations` + 1 steps.
 * Each step is {@link assignPoints} (Polis's nearest-centre rule, exact, accelerated with bounds), then the
 * (weighted) means. Iteration order, which decides ties, is list order up to 8 clusters and Clojure hash
 * order of the ids above; the clusters come out in that order, empty ones dropped.
 */
export function lloyd(input: Float64Array, weights: Float64Array | null, seeds: Seeds, maxIterations: number, warm: LloydWarm | null = null, helper: MathHelper | null = null): LloydResult {
  const n = input.length >> 1;
  // A cold run with a helper thread keeps the points and per-point state in shared memory, so the helper can take half of each step.
  const shared = helper !== null && warm === null;
  const points = shared && !isShared(input) ? sharedCopy(input) : input;
  const k = seeds.ids.length;
  const ids = seeds.ids;
  // Per-step arrays the helper reads live in shared memory too: a fresh shared copy of each per step cost ~0.3 ms (80 KB of neighbour distances at 100 slots).
  let cx = float64s(k, shared);
  let cy = float64s(k, shared);
  cx.set(seeds.x);
  cy.set(seeds.y);
  let nx = float64s(k, shared);
  let ny = float64s(k, shared);
  const c2 = float64s(k, shared);
  const rank = int32s(k, shared);
  const count = new Int32Array(k);
  // Slot k is no cluster: every point changes on the first step (on a warm start, only those without a slot).
  const assign = warm ? warm.assign : int32s(n, shared).fill(k);
  const changed = new Uint8Array(k + 1);
  const everChanged = new Uint8Array(k + 1);
  const upper = warm ? warm.upper : float64s(n, shared);
  const lower = warm ? warm.lower : float64s(n, shared);
  let order = Int32Array.from({ length: k }, (_, s) => s);
  let hashOrdered = false;
  let drift: Drift | null = null;
  if (warm) {
    // The bounds hold against the `from` centres: loosen them by how far each seed is from its one.
    drift = { moved: new Float64Array(k), movedMax: 0 };
    let seedMax = 0;
    for (let s = 0; s < k; s++) {
      const dx = cx[s]! - warm.fromX[s]!;
      const dy = cy[s]! - warm.fromY[s]!;
      const d = Math.sqrt(dx * dx + dy * dy) * (1 + 1e-12);
      drift.moved[s] = warm.moved[s]! + d;
      if (d > seedMax) seedMax = d;
    }
    drift.movedMax = warm.movedMax + seedMax;
    // Clusters the first step leaves unchanged keep these counts (the means only recount changed ones).
    count.set(warm.count);
  }
  const index = warm?.index?.fits(k) ? warm.index : new CenterIndex(k, shared);

  let p2Max = 0;
  const box = [Infinity, Infinity, -Infinity, -Infinity];
  for (let i = 0; i < n; i++) {
    const px = points[2 * i]!;
    const py = points[2 * i + 1]!;
    const p2 = px * px + py * py;
    if (p2 > p2Max) p2Max = p2;
    if (px < box[0]!) box[0] = px;
    if (py < box[1]!) box[1] = py;
    if (px > box[2]!) box[2] = px;
    if (py > box[3]!) box[3] = py;
  }

  for (let iter = maxIterations, steps = 1; ; iter--, steps++) {
    // Clojure's map of clusters keeps insertion order up to 8 entries, then iterates in hash order.
    if (order.length > 8 && !hashOrdered) {
      const slotOf = new Map(Array.from(order, (s) => [ids[s]!, s] as const));
      order = Int32Array.from(hashOrderOf(Array.from(order, (s) => ids[s]!)), (id) => slotOf.get(id)!);
      hashOrdered = true;
    }
    let c2Max = 0;
    order.forEach((s, r) => {
      rank[s] = r;
      c2[s] = cx[s]! * cx[s]! + cy[s]! * cy[s]!;
      if (c2[s]! > c2Max) c2Max = c2[s]!;
    });
    const slack = DISTANCE_SLACK * Math.sqrt(p2Max + c2Max);
    index.update(order, cx, cy);
    const start = drift === null ? { hint: seeds.hint ?? null, grid: anchorGrid(order, cx, cy, box) } : warm && steps === 1 ? { ...drift, grid: anchorGrid(order, cx, cy, box) } : drift;
    changed.fill(0);
    assignPoints(points, { cx, cy, c2, rank, slack }, index, start, assign, upper, lower, changed, shared ? helper : null);
    for (let s = 0; s <= k; s++) everChanged[s]! |= changed[s]!;

    // A cluster that kept exactly its members keeps its centre, to the bit (same sum in the same order).
    clusterMeans(points, weights, assign, k, nx, ny, count, changed);
    for (const s of order) if (!changed[s]) (nx[s] = cx[s]!), (ny[s] = cy[s]!);
    const next = order.filter((s) => count[s]! > 0);
    if (iter <= 0 || sameClustering(order, cx, cy, next, nx, ny)) return { order: next, ids, x: nx, y: ny, assign, steps, stepX: cx, stepY: cy, upper, lower, drift, index, count, everChanged };

    // How far each centre moved loosens the next step's bounds (Hamerly).
    drift ??= { moved: float64s(k, shared), movedMax: 0 };
    let stepMax = 0;
    for (const s of next) {
      const dx = nx[s]! - cx[s]!;
      const dy = ny[s]! - cy[s]!;
      const d = Math.sqrt(dx * dx + dy * dy) * (1 + 1e-12);
      drift.moved[s]! += d;
      if (d > stepMax) stepMax = d;
    }
    drift.movedMax += stepMax;
    [cx, nx] = [nx, cx];
    [cy, ny] = [ny, cy];
    order = next;
  }
}
