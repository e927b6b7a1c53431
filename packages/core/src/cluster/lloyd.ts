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
}

// Relative bound on |Polis distance − true distance|: the cancelling formula loses up to ~3e-8·scale.
const DISTANCE_SLACK = 1e-7;

/**
 * Polis's k-means loop (§8.1): step, then stop when `sameClustering` or after `maxIterations` + 1 steps.
 * Each step is {@link assignPoints} (Polis's nearest-centre rule, exact, accelerated with bounds), then the
 * (weighted) means. Iteration order, which decides ties, is list order up to 8 clusters and Clojure hash
 * order of the ids above; the clusters come out in that order, empty ones dropped.
 */
export function lloyd(points: Float64Array, weights: Float64Array | null, seeds: Seeds, maxIterations: number): LloydResult {
  const n = points.length >> 1;
  const k = seeds.ids.length;
  const ids = seeds.ids;
  let cx = Float64Array.from(seeds.x);
  let cy = Float64Array.from(seeds.y);
  let nx = new Float64Array(k);
  let ny = new Float64Array(k);
  const c2 = new Float64Array(k);
  const rank = new Int32Array(k);
  const count = new Int32Array(k);
  // Slot k is no cluster: every point changes on the first step.
  const assign = new Int32Array(n).fill(k);
  const changed = new Uint8Array(k + 1);
  const upper = new Float64Array(n);
  const lower = new Float64Array(n);
  let order = Int32Array.from({ length: k }, (_, s) => s);
  let hashOrdered = false;
  let drift: Drift | null = null;
  const index = new CenterIndex(k);

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
      order = Int32Array.from(clojureHashOrder(Array.from(order, (s) => ids[s]!)), (id) => slotOf.get(id)!);
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
    const start = drift ?? { hint: seeds.hint ?? null, grid: anchorGrid(order, cx, cy, box) };
    changed.fill(0);
    assignPoints(points, { cx, cy, c2, rank, slack }, index, start, assign, upper, lower, changed);

    // A cluster that kept exactly its members keeps its centre, to the bit (same sum in the same order).
    clusterMeans(points, weights, assign, k, nx, ny, count, changed);
    for (const s of order) if (!changed[s]) (nx[s] = cx[s]!), (ny[s] = cy[s]!);
    const next = order.filter((s) => count[s]! > 0);
    if (iter <= 0 || sameClustering(order, cx, cy, next, nx, ny)) return { order: next, ids, x: nx, y: ny, assign, steps };

    // How far each centre moved loosens the next step's bounds (Hamerly).
    drift ??= { moved: new Float64Array(k), movedMax: 0 };
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
