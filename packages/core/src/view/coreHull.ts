import { convexHull } from './convexHull.js';

type Point = [number, number];

/** Share of its members a group's core keeps by default (participantView, @kuulo/viz's opinion maps): the densest two thirds. */
export const defaultCoreShare = 2 / 3;

function median(values: number[]): number {
  // A typed array sorts numerically without a comparator: several times faster on a million values.
  const v = Float64Array.from(values).sort();
  return v.length % 2 ? v[(v.length - 1) / 2]! : (v[v.length / 2 - 1]! + v[v.length / 2]!) / 2;
}

const bits = new Float64Array(2);
const words = new Uint32Array(bits.buffer);

/** A hash of a point's exact coordinates in [0, 1): picks a sample that does not depend on input order. */
function pointHash(p: Point): number {
  bits[0] = p[0];
  bits[1] = p[1];
  let h = 0x9e3779b9;
  for (let i = 0; i < 4; i++) {
    h = Math.imul(h ^ words[i]!, 0x85ebca6b);
    h ^= h >>> 13;
  }
  h = Math.imul(h ^ (h >>> 16), 0xc2b2ae35);
  return ((h ^ (h >>> 16)) >>> 0) / 4294967296;
}

function cross(o: Point, a: Point, b: Point): number {
  return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
}

/** Indices (into `sorted`, ordered by x then y) of the convex hull's vertices, counter-clockwise: Andrew's monotone chain. */
function hullChain(sorted: readonly Point[]): number[] {
  const chain = (order: number[]): number[] => {
    const out: number[] = [];
    for (const i of order) {
      while (out.length >= 2 && cross(sorted[out[out.length - 2]!]!, sorted[out[out.length - 1]!]!, sorted[i]!) <= 0) out.pop();
      out.push(i);
    }
    // The last point starts the other chain.
    out.pop();
    return out;
  };
  const order = [...sorted.keys()];
  return [...chain(order), ...chain(order.reverse())];
}

function hullVertices(sorted: readonly Point[]): Set<number> {
  return new Set(hullChain(sorted));
}

/**
 * Convex hull peeling: removes the outermost hull layer while at least `keep` points remain, so what is
 * left is the deepest part of the cloud (Tukey-depth-like, following the cloud's shape, not a circle).
 * O(n · layers): the points are sorted once and stay sorted as layers go.
 */
export function peel(points: readonly Point[], keep: number): Point[] {
  let rest = [...points].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  while (rest.length > keep) {
    const layer = hullVertices(rest);
    // A layer of every point (all on one hull) or one that would leave too few: stop here.
    if (layer.size >= rest.length || rest.length - layer.size < keep) break;
    rest = rest.filter((_, i) => !layer.has(i));
  }
  return rest;
}

/**
 * The core of each group on the map, as a convex hull (counter-clockwise, as `convexHull`): among the
 * group's members that lie nearer their own group's median than any other group's median, the outer
 * hull layers are peeled off while at least `share` of all the group's members remain (at least three).
 * Cores built this way never overlap: each lies inside its median's Voronoi cell, which is convex.
 * A group with fewer such members than `share` asks for gets the hull of all of them (it then covers
 * less than `share`). `share` 1 is Polis's drawing: the hull of every member, overlaps and all.
 * Deterministic: the same points give the same hulls, whatever their order. With `only`, just that
 * group's hull is built (the others come back empty); `medianCache` passes the groups' medians in.
 */
export function coreHulls(groups: readonly (readonly Point[])[], share: number, only?: number, medianCache?: (Point | null)[]): Point[][] {
  if (!(share > 0 && share <= 1)) throw new RangeError(`coreHulls: share must be in (0, 1], got ${share}`);
  if (share === 1) return groups.map((g) => convexHull(g));
  const medians = medianCache ?? groups.map((g): Point | null => (g.length === 0 ? null : [median(g.map((p) => p[0])), median(g.map((p) => p[1]))]));
  return groups.map((members, gi) => {
    if (only !== undefined && gi !== only) return [];
    const own = medians[gi];
    if (!own || members.length < 4) return convexHull(members);
    const d2 = (p: Point, m: Point): number => (p[0] - m[0]) ** 2 + (p[1] - m[1]) ** 2;
    const inCell = members.filter((p) => medians.every((m, hi) => hi === gi || m === null || d2(p, own) <= d2(p, m)));
    const keep = Math.max(3, Math.ceil(share * members.length));
    return inCell.length > sampleAbove ? sampledCore(inCell, keep) : convexHull(peel(inCell, keep));
  });
}

/** Above this many members, layers are peeled off an even sample of them (peeling costs O(n · layers)). */
const sampleAbove = 1000;

/** Whether p is inside or on the counter-clockwise convex polygon `hull` (≥ 3 vertices), in O(log n): the wedge from vertex 0 by bisection. */
function insideHull(hull: readonly Point[], p: Point): boolean {
  const n = hull.length;
  const o = hull[0]!;
  if (cross(o, hull[1]!, p) < 0 || cross(o, hull[n - 1]!, p) > 0) return false;
  let [lo, hi] = [1, n - 1];
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (cross(o, hull[mid]!, p) >= 0) lo = mid;
    else hi = mid;
  }
  return cross(hull[lo]!, hull[hi]!, p) >= 0;
}

/**
 * `peel` for many points: the layers come from a sample of about `sampleAbove` of them (picked by a hash
 * of their coordinates, so it does not depend on input order), and the core is the deepest sample
 * layer's hull that still holds `keep` of `points` (all of them counted): the share holds exactly.
 */
function sampledCore(points: readonly Point[], keep: number): Point[] {
  const rate = sampleAbove / points.length;
  let rest = points.filter((p) => pointHash(p) < rate).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const layers: Point[][] = [];
  // A layer holding under half the sample's share of `keep` cannot hold `keep` of all the points.
  const deepest = 0.5 * keep * rate;
  while (rest.length >= 3 && rest.length >= deepest) {
    const chain = hullChain(rest);
    const layer = new Set(chain);
    if (layer.size < 3) break;
    layers.push(chain.map((i) => rest[i]!));
    if (layer.size >= rest.length) break;
    rest = rest.filter((_, i) => !layer.has(i));
  }
  const holds = (hull: readonly Point[]): boolean => {
    let n = 0;
    for (const p of points) if (insideHull(hull, p) && ++n >= keep) return true;
    return false;
  };
  if (layers.length === 0 || !holds(layers[0]!)) return convexHull(points);
  // Layers are nested, so the count falls with depth: the deepest that holds is found by bisection.
  let [lo, hi] = [0, layers.length - 1];
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (holds(layers[mid]!)) lo = mid;
    else hi = mid - 1;
  }
  return layers[lo]!;
}

/**
 * The core hull (see `coreHulls`) of group `id` among `groups` (members' points by group id): the
 * other groups' medians bound it, so it never overlaps their cores.
 */
export function coreHull(groups: ReadonlyMap<number, readonly Point[]>, id: number, share: number): Point[] {
  const ids = [...groups.keys()];
  const self = ids.indexOf(id);
  if (self < 0) throw new RangeError(`coreHull: no group ${id}`);
  // Only the own group is peeled; the others are needed for their medians alone.
  if (share === 1) return convexHull(groups.get(id)!);
  const list = ids.map((g) => groups.get(g)!);
  // participantView asks once per group: the medians are computed once per map of groups.
  let medians = medianCache.get(groups);
  if (!medians) medianCache.set(groups, (medians = list.map((g): Point | null => (g.length === 0 ? null : [median(g.map((p) => p[0])), median(g.map((p) => p[1]))]))));
  return coreHulls(list, share, self, medians)[self]!;
}

const medianCache = new WeakMap<ReadonlyMap<number, readonly Point[]>, (Point | null)[]>();
