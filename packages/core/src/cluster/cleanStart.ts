import { ratioToDouble } from '../clojure/ratio.js';
import type { Cluster } from './cluster.js';
import { clusterMeans } from './clusterMeans.js';
import { firstDistinct } from './firstDistinct.js';
import type { Seeds } from './lloyd.js';
import { nameIndex } from './nameIndex.js';

/**
 * Polis's warm start (`clean-start-clusters`, §8.2), which keeps cluster ids as lineage ids:
 * 1. recentre each previous cluster on the current positions of its members still among the points,
 *    dropping clusters with none left (all dropped: one cluster of everything, id max + 1);
 * 2. merge clusters whose centres are exactly equal (the larger one's id, the later one's on a tie);
 * 3. while there are fewer clusters than min(k, distinct points), split off the point farthest from its
 *    nearest centre (the last such point on a tie) as a new cluster with id max + 1, until that distance is 0.
 *
 * Member counts include members no longer among the points, as in Polis. Deviation: if a split leaves a
 * cluster with no member among the points (possible only through 1-ulp rounding of a weighted centre),
 * that cluster is dropped and the splitting stops, where Polis would divide by zero.
 */
export function cleanStart(points: Float64Array, names: Int32Array, weights: Float64Array | null, last: readonly Cluster[], k: number): Seeds {
  const n = points.length >> 1;
  const index = nameIndex(names);
  const owner = new Int32Array(n).fill(-1);
  const ids: number[] = [];
  const total: number[] = [];
  for (let c = 0; c < last.length; c++) {
    const cluster = last[c]!;
    const members = cluster.members;
    const slot = ids.length;
    let present = 0;
    for (let m = 0; m < members.length; m++) {
      const name = members[m]!;
      const i = index(name);
      if (i < 0) continue;
      if (owner[i] !== -1) throw new RangeError(`kmeans: member ${name} appears twice in options.last (cluster ${ids[owner[i]!] ?? cluster.id} and cluster ${cluster.id} at index ${c})`);
      owner[i] = slot;
      present++;
    }
    // Dropped: no member left among the points (nothing was written to owner).
    if (present === 0) continue;
    ids.push(cluster.id);
    total.push(members.length);
  }
  if (ids.length === 0) {
    ids.push(Math.max(-1, ...last.map((c) => c.id)) + 1);
    total.push(n);
    owner.fill(0);
  }

  const capacity = Math.max(ids.length, Math.min(k, n)) + 1;
  let cx: Float64Array = new Float64Array(capacity);
  let cy: Float64Array = new Float64Array(capacity);
  let count: Int32Array = new Int32Array(capacity);
  clusterMeans(points, weights, owner, ids.length, cx, cy, count);

  // Merge exactly coincident centres into the first one seen (§8.2 step 2).
  const kept: number[] = [];
  const into = Int32Array.from(ids, (_, s) => s);
  for (let s = 0; s < ids.length; s++) {
    const t = kept.find((q) => cx[q] === cx[s] && cy[q] === cy[s]);
    if (t === undefined) {
      kept.push(s);
      continue;
    }
    const a = total[t]!;
    const b = total[s]!;
    ids[t] = a > b ? ids[t]! : ids[s]!;
    // Polis's count-weighted mean of the two centres, needed bit-exact for the next equality test.
    const scale = ratioToDouble(2, a + b);
    cx[t] = (scale * (a * cx[t]!) + scale * (b * cx[s]!)) * 0.5;
    cy[t] = (scale * (a * cy[t]!) + scale * (b * cy[s]!)) * 0.5;
    total[t] = a + b;
    into[s] = t;
  }
  const list = kept.map((_, r) => r);
  const listIds = kept.map((s) => ids[s]!);
  const listTotal = kept.map((s) => total[s]!);
  if (kept.length < ids.length) {
    const renumber = new Int32Array(ids.length).fill(-1);
    kept.forEach((s, r) => (renumber[s] = r));
    for (let i = 0; i < n; i++) if (owner[i]! >= 0) owner[i] = renumber[into[owner[i]!]!]!;
    clusterMeans(points, weights, owner, list.length, cx, cy, count);
  }
  const target = Math.min(k, firstDistinct(points, k).length);
  if (list.length < target) {
    ({ cx, cy, count } = splitDistal(points, weights, owner, list, listIds, listTotal, target, { cx, cy, count }));
  }
  // Each point's cluster, as a hint for the first assignment step.
  const position = new Int32Array(listIds.length).fill(-1);
  list.forEach((s, r) => (position[s] = r));
  const hint = new Int32Array(n);
  for (let i = 0; i < n; i++) hint[i] = owner[i]! >= 0 ? position[owner[i]!]! : -1;
  return {
    ids: list.map((s) => listIds[s]!),
    x: Float64Array.from(list, (s) => cx[s]!),
    y: Float64Array.from(list, (s) => cy[s]!),
    hint,
  };
}

interface Centers {
  cx: Float64Array;
  cy: Float64Array;
  count: Int32Array;
}

/** Step 3 of §8.2. Mutates `list` (live slots in list order), `ids`, `total` and `owner`. */
function splitDistal(
  points: Float64Array,
  weights: Float64Array | null,
  owner: Int32Array,
  list: number[],
  ids: number[],
  total: number[],
  target: number,
  centers: Centers,
): Centers {
  const n = owner.length;
  let { cx, cy, count } = centers;
  // Distance of each point to its nearest centre (true distance, as Polis's `most-distal`), kept up to date.
  const nearest = new Float64Array(n);
  const near = new Int32Array(n);
  const refresh = (i: number): void => {
    const px = points[2 * i]!;
    const py = points[2 * i + 1]!;
    let best = Infinity;
    let slot = -1;
    for (const s of list) {
      const dx = px - cx[s]!;
      const dy = py - cy[s]!;
      const d = Math.sqrt(dx * dx + dy * dy);
      if (d < best) (best = d), (slot = s);
    }
    nearest[i] = best;
    near[i] = slot;
  };
  const offer = (i: number, s: number): void => {
    const dx = points[2 * i]! - cx[s]!;
    const dy = points[2 * i + 1]! - cy[s]!;
    const d = Math.sqrt(dx * dx + dy * dy);
    if (d < nearest[i]!) (nearest[i] = d), (near[i] = s);
  };
  for (let i = 0; i < n; i++) refresh(i);

  while (list.length < target) {
    let q = -1;
    let far = -1;
    for (let i = 0; i < n; i++) if (nearest[i]! >= far) (far = nearest[i]!), (q = i);
    if (!(far > 0)) break;
    const from = owner[q]!;
    const slot = ids.length;
    if (slot >= cx.length) ({ cx, cy, count } = grow({ cx, cy, count }));
    ids.push(Math.max(...list.map((s) => ids[s]!)) + 1);
    total.push(1);
    list.push(slot);
    owner[q] = slot;
    if (from >= 0) total[from]!--;
    clusterMeans(points, weights, owner, ids.length, cx, cy, count);
    if (from >= 0 && count[from] === 0) {
      list.splice(list.indexOf(from), 1);
      break;
    }
    for (let i = 0; i < n; i++) {
      if (from >= 0 && near[i] === from) refresh(i);
      else {
        if (from >= 0) offer(i, from);
        offer(i, slot);
      }
    }
  }
  return { cx, cy, count };
}

function grow({ cx, cy, count }: Centers): Centers {
  const size = 2 * cx.length + 1;
  const x = new Float64Array(size);
  const y = new Float64Array(size);
  const c = new Int32Array(size);
  x.set(cx);
  y.set(cy);
  c.set(count);
  return { cx: x, cy: y, count: c };
}
