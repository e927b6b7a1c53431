import { dispatch, isShared, sharedCopy, type AssignPointsTask, type MathHelper } from '../helper/mathHelper.js';
import type { AnchorGrid, CenterIndex } from './centerIndex.js';

/**
 * Total distance each centre has moved since the bounds were first set, and the sum of the per-step
 * largest moves. Bounds are stored relative to these, so a point whose bounds still hold costs no write.
 */
export interface Drift {
  moved: Float64Array;
  movedMax: number;
  /** Where points without a cluster yet (assign = the slot count) start their search (a warm start's new points). */
  grid?: AnchorGrid;
}

/** What the first step starts a point's search from: its probable cluster (hint, −1 for none), else the grid. */
export interface Start {
  hint: Int32Array | null;
  grid: AnchorGrid;
}

/** Live centres of one step: positions, |c|², iteration rank, and the error allowance of the distance formula. */
export interface StepCenters {
  cx: Float64Array;
  cy: Float64Array;
  c2: Float64Array;
  rank: Int32Array;
  /** Bound on |Polis distance − true distance| for every point and centre. */
  slack: number;
}

// Relative gap between squared distances beyond which their square roots surely order the same way.
const BELOW = 1 - 1e-12;
const ABOVE = 1 + 1e-12;

/**
 * One k-means assignment step with Polis's rule: each point goes to the centre at the smallest distance
 * sqrt(max(0, (|p|² + |c|²) − 2p·c)) (vectorz on a matrix row, §8.3), ties to the highest `rank` (the last
 * cluster in Clojure's iteration order). Exact, but not exhaustive:
 * - after the first step (`start` is a Drift), a point keeps its cluster when Hamerly's bounds (`upper`:
 *   true distance to its centre; `lower`: to any other; both stored relative to the drift) prove it nearer
 *   by more than twice the formula's error;
 * - on the first step, a point nearer to its hinted centre than half the gap to the next centre keeps it;
 * - otherwise centres are visited by distance from the point's current (hinted, or grid) centre a,
 *   stopping once |c − a| > |p − a| + reach, beyond which no centre can be nearest or tie.
 * Writes `assign`, `upper` and `lower` for every point, and flags in `changed` every slot that gained or
 * lost a point (on the first step `assign` must hold an invalid slot, e.g. the slot count, so all change).
 */
export function assignPoints(
  points: Float64Array,
  centers: StepCenters,
  index: CenterIndex,
  start: Drift | Start,
  assign: Int32Array,
  upper: Float64Array,
  lower: Float64Array,
  changed: Uint8Array,
  helper?: MathHelper | null,
): void {
  const n = assign.length;
  if (helper == null || n < 2 || ![points, assign, upper, lower].every(isShared)) return assignRange(points, centers, index, start, assign, upper, lower, changed, 0, n);
  // Points are independent: a helper takes the second half, with its own `changed` flags, OR-ed in after.
  const mid = n >>> 1;
  const check = 'moved' in start;
  const grid = check ? (start.grid ?? null) : start.grid;
  const hint = check ? null : start.hint;
  const task: AssignPointsTask = {
    kind: 'assignPoints',
    points,
    assign,
    upper,
    lower,
    from: mid,
    to: n,
    cx: inShared(centers.cx),
    cy: inShared(centers.cy),
    c2: inShared(centers.c2),
    rank: inShared(centers.rank),
    slack: centers.slack,
    alive: index.alive,
    stride: index.stride,
    neighbors: inShared(index.neighbors),
    neighborDistance: inShared(index.neighborDistance),
    half: inShared(index.half),
    moved: check ? inShared(start.moved) : null,
    movedMax: check ? start.movedMax : 0,
    grid: grid ? { ...grid, anchor: inShared(grid.anchor) } : null,
    hint: hint ? inShared(hint) : null,
    changed: new Uint8Array(new SharedArrayBuffer(changed.length)),
  };
  const wait = dispatch(helper, task, () => assignPointsTask(task));
  assignRange(points, centers, index, start, assign, upper, lower, changed, 0, mid);
  wait();
  for (let s = 0; s < changed.length; s++) if (task.changed[s]) changed[s] = 1;
}

// The array itself when the helper can read it already (a cold lloyd run allocates its per-step arrays shared), else a shared copy.
function inShared<T extends Float64Array | Int32Array | Uint8Array>(array: T): T {
  return isShared(array) ? array : sharedCopy(array);
}

/** Runs an `AssignPointsTask` (a helper's share of one assignment step). */
export function assignPointsTask(t: AssignPointsTask): void {
  const start: Drift | Start = t.moved ? { moved: t.moved, movedMax: t.movedMax, ...(t.grid ? { grid: t.grid } : {}) } : { hint: t.hint, grid: t.grid! };
  const index = { alive: t.alive, stride: t.stride, neighbors: t.neighbors, neighborDistance: t.neighborDistance, half: t.half };
  assignRange(t.points, { cx: t.cx, cy: t.cy, c2: t.c2, rank: t.rank, slack: t.slack }, index, start, t.assign, t.upper, t.lower, t.changed, t.from, t.to);
}

// assignPoints for points [from, to).
function assignRange(
  points: Float64Array,
  centers: StepCenters,
  index: Pick<CenterIndex, 'alive' | 'stride' | 'neighbors' | 'neighborDistance' | 'half'>,
  start: Drift | Start,
  assign: Int32Array,
  upper: Float64Array,
  lower: Float64Array,
  changed: Uint8Array,
  from: number,
  to: number,
): void {
  const { cx, cy, c2, rank, slack } = centers;
  const { alive, stride, neighbors, neighborDistance, half } = index;
  const check = 'moved' in start;
  const grid = check ? (start.grid ?? null) : start.grid;
  const hint = check ? null : start.hint;
  const { x0, y0, scaleX, scaleY, size, anchor } = grid ?? { x0: 0, y0: 0, scaleX: 0, scaleY: 0, size: 1, anchor: new Int32Array(1) };
  const margin = 3 * slack;
  const moved = check ? start.moved : cx;
  const movedMax = check ? start.movedMax : 0;
  const last = size - 1;
  const nSlots = cx.length;
  for (let i = from; i < to; i++) {
    let a: number;
    let ta: number;
    let px: number;
    let py: number;
    if (check && assign[i]! < nSlots) {
      a = assign[i]!;
      let u = upper[i]! + moved[a]!;
      const l = lower[i]! - movedMax;
      let bound = 2 * half[a]! - u;
      if (l > bound) bound = l;
      if (u + margin < bound) continue;
      px = points[2 * i]!;
      py = points[2 * i + 1]!;
      const dx = px - cx[a]!;
      const dy = py - cy[a]!;
      u = Math.sqrt(dx * dx + dy * dy);
      bound = 2 * half[a]! - u;
      if (l > bound) bound = l;
      if (u + margin < bound) {
        upper[i] = u - moved[a]!;
        continue;
      }
      ta = u;
    } else if (!check && hint !== null && hint[i]! >= 0) {
      px = points[2 * i]!;
      py = points[2 * i + 1]!;
      a = hint[i]!;
      const dx = px - cx[a]!;
      const dy = py - cy[a]!;
      ta = Math.sqrt(dx * dx + dy * dy);
      // Within half the gap to the nearest other centre: no other centre can be as near.
      const bound = 2 * half[a]! - ta;
      if (ta + margin < bound) {
        if (a !== assign[i]) (changed[assign[i]!] = 1), (changed[a] = 1), (assign[i] = a);
        upper[i] = ta;
        lower[i] = bound;
        continue;
      }
    } else {
      px = points[2 * i]!;
      py = points[2 * i + 1]!;
      let gx = Math.floor((px - x0) * scaleX);
      let gy = Math.floor((py - y0) * scaleY);
      gx = gx >= 0 ? (gx > last ? last : gx) : 0;
      gy = gy >= 0 ? (gy > last ? last : gy) : 0;
      a = anchor[gy * size + gx]!;
      const dx = px - cx[a]!;
      const dy = py - cy[a]!;
      ta = Math.sqrt(dx * dx + dy * dy);
    }

    const p2 = px * px + py * py;
    const row = a * stride;
    let best = -1;
    let bestRank = -1;
    let bestD2 = Infinity;
    let bestT = Infinity;
    let t1 = Infinity;
    let t1Slot = -1;
    let t2 = Infinity;
    let reach = Infinity;
    for (let r = 0; r < alive; r++) {
      if (neighborDistance[row + r]! > ta + reach) break;
      const j = neighbors[row + r]!;
      const cxj = cx[j]!;
      const cyj = cy[j]!;
      let d2 = p2 + c2[j]! - 2 * (px * cxj + py * cyj);
      if (d2 < 0) d2 = 0;
      let better = d2 < bestD2 * BELOW;
      if (!better && d2 <= bestD2 * ABOVE) {
        // Close call: compare the square roots themselves, as Polis does, ties to the higher rank.
        const d = Math.sqrt(d2);
        const bestD = Math.sqrt(bestD2);
        better = d < bestD || (d === bestD && rank[j]! > bestRank);
      }
      const dx = px - cxj;
      const dy = py - cyj;
      const tt = dx * dx + dy * dy;
      if (better) {
        best = j;
        bestRank = rank[j]!;
        bestD2 = d2;
        bestT = tt;
      }
      if (tt < t2) {
        if (tt < t1) {
          t2 = t1;
          t1 = tt;
          t1Slot = j;
        } else t2 = tt;
        const r2 = Math.sqrt(t2);
        const r1 = Math.sqrt(t1) + 2 * slack;
        reach = (r2 > r1 ? r2 : r1) + slack;
      }
    }
    if (best !== assign[i]) (changed[assign[i]!] = 1), (changed[best] = 1), (assign[i] = best);
    upper[i] = Math.sqrt(bestT) - (check ? moved[best]! : 0);
    lower[i] = Math.sqrt(best === t1Slot ? t2 : t1) + movedMax;
  }
}
