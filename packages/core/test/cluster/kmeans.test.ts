import fc from 'fast-check';
import { kmeans as mlKmeans } from 'ml-kmeans';
import { describe, expect, it } from 'vitest';
import { clojureHashOrder } from '../../src/clojure/hashOrder.js';
import { ratioToDouble } from '../../src/clojure/ratio.js';
import type { Cluster } from '../../src/cluster/cluster.js';
import { kmeans } from '../../src/cluster/kmeans.js';
import { lcg } from '../../src/random/lcg.js';

type Point = [number, number];

const xy = (pts: Point[]): Float64Array => Float64Array.from(pts.flat());
const names = (n: number): Int32Array => Int32Array.from({ length: n }, (_, i) => i);

// ---- A literal reading of Polis's clusters.clj (§8), slow and simple, to check the accelerated code against.

/** vectorz's distance between a matrix row and a centre: |p|² + |c|² − 2p·c, clamped at 0 (§8.3). */
function polisDistance(p: Point, c: Point): number {
  const d2 = p[0] * p[0] + p[1] * p[1] + (c[0] * c[0] + c[1] * c[1]) - 2 * (p[0] * c[0] + p[1] * c[1]);
  return Math.sqrt(d2 < 0 ? 0 : d2);
}
const trueDistance = (p: Point, c: Point): number => Math.sqrt((p[0] - c[0]) ** 2 + (p[1] - c[1]) ** 2);

/** Polis's weighted-mean: rows scaled by w·(n/Σw) (a Clojure ratio), summed in order, times 1/n. */
function weightedMean(rows: Point[], ws: number[] | null): Point {
  const s = ws === null ? 1 : ratioToDouble(rows.length, ws.reduce((a, b) => a + b, 0));
  let x = 0;
  let y = 0;
  rows.forEach((r, i) => {
    x += ws === null ? r[0] : s * (ws[i]! * r[0]);
    y += ws === null ? r[1] : s * (ws[i]! * r[1]);
  });
  return [x * (1 / rows.length), y * (1 / rows.length)];
}

interface Row {
  name: number;
  x: Point;
}

function reference(rows: Row[], k: number, maxIters: number, last: Cluster[] | null, weights: Map<number, number> | null): Cluster[] {
  const ws = (members: number[]): number[] | null => (weights ? members.map((m) => weights.get(m)!) : null);
  const meanOf = (members: number[]): Point => {
    const set = new Set(members);
    const present = rows.filter((r) => set.has(r.name));
    return weightedMean(present.map((r) => r.x), ws(present.map((r) => r.name)));
  };
  const distinct: Point[] = [];
  for (const r of rows) if (!distinct.some((d) => d[0] === r.x[0] && d[1] === r.x[1])) distinct.push(r.x);

  let clusters: Cluster[];
  if (last && last.length > 0) {
    // clean-start-clusters
    const present = new Set(rows.map((r) => r.name));
    let cs: Cluster[] = last.filter((c) => c.members.some((m) => present.has(m))).map((c) => ({ ...c, center: meanOf(c.members) }));
    if (cs.length === 0) cs = [{ id: Math.max(-1, ...last.map((c) => c.id)) + 1, members: rows.map((r) => r.name), center: meanOf(rows.map((r) => r.name)) }];
    const uniq: Cluster[] = [];
    for (const c of cs) {
      const t = uniq.findIndex((u) => u.center[0] === c.center[0] && u.center[1] === c.center[1]);
      if (t < 0) {
        uniq.push(c);
        continue;
      }
      const u = uniq[t]!;
      const a = u.members.length;
      const b = c.members.length;
      const s = ratioToDouble(2, a + b);
      uniq[t] = {
        id: a > b ? u.id : c.id,
        members: [...u.members, ...c.members],
        center: [(s * (a * u.center[0]) + s * (b * c.center[0])) * 0.5, (s * (a * u.center[1]) + s * (b * c.center[1])) * 0.5],
      };
    }
    const possible = Math.min(k, distinct.length);
    cs = uniq;
    for (;;) {
      cs = cs.map((c) => ({ ...c, center: meanOf(c.members) }));
      if (!(possible > cs.length)) break;
      let far = -1;
      let farName = 0;
      for (const r of rows) {
        const d = Math.min(...cs.map((c) => trueDistance(r.x, c.center)));
        if (d >= far) (far = d), (farName = r.name);
      }
      if (!(far > 0)) break;
      const x = rows.find((r) => r.name === farName)!.x;
      cs = cs.map((c) => ({ ...c, members: c.members.filter((m) => m !== farName) }));
      cs.push({ id: Math.max(...cs.map((c) => c.id)) + 1, members: [farName], center: x });
      // Kuulo's documented deviation: a cluster emptied by the split (1-ulp weighted-centre rounding; Polis
      // divides by zero) is dropped and splitting stops.
      const emptied = cs.filter((c) => !c.members.some((m) => present.has(m)));
      if (emptied.length > 0) {
        cs = cs.filter((c) => !emptied.includes(c)).map((c) => ({ ...c, center: meanOf(c.members) }));
        break;
      }
    }
    clusters = cs;
  } else {
    clusters = distinct.slice(0, k).map((x, id) => ({ id, members: [], center: x }));
  }

  for (let iter = maxIters; ; iter--) {
    const order = clusters.length > 8 ? clojureHashOrder(clusters.map((c) => c.id)).map((id) => clusters.find((c) => c.id === id)!) : clusters;
    const members = new Map(order.map((c) => [c.id, [] as Row[]]));
    for (const r of rows) {
      let best = order[0]!;
      let bestD = Infinity;
      for (const c of order) {
        const d = polisDistance(r.x, c.center);
        if (d <= bestD) (best = c), (bestD = d);
      }
      members.get(best.id)!.push(r);
    }
    const next = order
      .filter((c) => members.get(c.id)!.length > 0)
      .map((c) => {
        const ms = members.get(c.id)!;
        return { id: c.id, members: ms.map((r) => r.name), center: weightedMean(ms.map((r) => r.x), ws(ms.map((r) => r.name))) };
      });
    const sorted = (cs: Cluster[]): Point[] => cs.map((c) => c.center).sort((p, q) => p[0] - q[0] || p[1] - q[1]);
    const [a, b] = [sorted(clusters), sorted(next)];
    const same = a.slice(0, Math.min(a.length, b.length)).every((p, i) => trueDistance(p, b[i]!) < 0.01);
    if (iter <= 0 || same) return next;
    clusters = next;
  }
}

// ---- Generated cases: coarse-grid and near-coincident coordinates, so that exact ties and duplicates are common.

const coordinate = fc.oneof(
  fc.integer({ min: -4, max: 4 }).map((v) => v / 2),
  // Far from the origin and 1e-9 apart: Polis's cancelling distance rounds these to exact ties.
  fc.integer({ min: -4, max: 4 }).map((v) => 1e4 + v * 1e-9),
  fc.double({ min: -3, max: 3, noNaN: true, noDefaultInfinity: true }),
);

const scenario = fc
  .record({
    points: fc.array(fc.tuple(coordinate, coordinate), { minLength: 1, maxLength: 40 }),
    k: fc.integer({ min: 1, max: 14 }),
    maxIters: fc.oneof(fc.integer({ min: 0, max: 4 }), fc.constant(20)),
    weighted: fc.boolean(),
    weightSeed: fc.integer({ min: 0, max: 1000 }),
    nameOffset: fc.oneof(fc.constant(0), fc.constant(-50), fc.constant(1_000_000)),
    lastSpec: fc.option(fc.array(fc.tuple(fc.integer({ min: 0, max: 40 }), fc.array(fc.integer({ min: 0, max: 60 }), { maxLength: 8 })), { maxLength: 12 })),
  })
  .map((s) => {
    const n = s.points.length;
    const random = lcg(s.weightSeed);
    // Distinct names in shuffled order, exercising both name lookups (typed table and Map).
    const unique = Array.from({ length: n }, (_, i) => i + s.nameOffset);
    for (let i = n - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [unique[i], unique[j]] = [unique[j]!, unique[i]!];
    }
    const weights = s.weighted ? Array.from({ length: n }, () => 1 + Math.floor(random() * 5)) : null;
    let last: Cluster[] | null = null;
    if (s.lastSpec) {
      // Distinct ids; each name (present or not: names ≥ n are absent) in at most one cluster.
      const used = new Set<number>();
      const ids = new Set<number>();
      last = [];
      for (const [id, ms] of s.lastSpec) {
        if (ids.has(id)) continue;
        ids.add(id);
        const members: number[] = [];
        for (const m of ms) {
          if (used.has(m)) continue;
          used.add(m);
          members.push(m < n ? unique[m]! : 10_000_000 + m);
        }
        if (members.length > 0) last.push({ id, members, center: [0, 0] });
      }
    }
    return { ...s, names: unique, weights, last };
  });

describe('kmeans(points, names, k, options)', () => {
  it('equals a literal reading of Polis clusters.clj on generated cases with many exact ties', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const rows: Row[] = s.points.map((x, i) => ({ name: s.names[i]!, x }));
        const weights = s.weights ? new Map(s.names.map((nm, i) => [nm, s.weights![i]!])) : null;
        const expected = reference(rows, s.k, s.maxIters, s.last, weights);
        const actual = kmeans(xy(s.points), Int32Array.from(s.names), s.k, {
          maxIterations: s.maxIters,
          last: s.last,
          weights: s.weights ? Float64Array.from(s.weights) : undefined,
        });
        expect(actual).toEqual(expected);
      }),
      { numRuns: 400, seed: 42 },
    );
  });

  it('equals the reference on 2000 points on a coarse grid with k = 100, cold and warm', () => {
    const random = lcg(7);
    const pts: Point[] = Array.from({ length: 2000 }, () => [Math.round(random() * 40) / 8 - 2.5, Math.round(random() * 40) / 8 - 2.5]);
    const rows: Row[] = pts.map((x, i) => ({ name: i, x }));
    const cold = kmeans(xy(pts), names(pts.length), 100, { maxIterations: 20 });
    expect(cold).toEqual(reference(rows, 100, 20, null, null));
    // Warm: everyone moves, 200 new points, and every third old cluster loses its members.
    const moved: Point[] = [...pts.map(([x, y]): Point => [x + Math.round(random() * 4 - 2) / 8, y]), ...pts.slice(0, 200)];
    const last = cold.map((c, i) => (i % 3 === 0 ? { ...c, members: c.members.map((m) => m + 100_000) } : c));
    const warm = kmeans(xy(moved), names(moved.length), 100, { maxIterations: 20, last });
    expect(warm).toEqual(reference(moved.map((x, i) => ({ name: i, x })), 100, 20, last, null));
  });

  it('equals the reference with more than 256 clusters (exhaustive search instead of neighbour lists)', () => {
    const random = lcg(5);
    const pts: Point[] = Array.from({ length: 900 }, () => [Math.round(random() * 60) / 4, Math.round(random() * 60) / 4]);
    const rows: Row[] = pts.map((x, i) => ({ name: i, x }));
    expect(kmeans(xy(pts), names(pts.length), 300, { maxIterations: 5 })).toEqual(reference(rows, 300, 5, null, null));
  });

  it('seeds a cold start with the first k distinct points, skipping duplicates', () => {
    const pts: Point[] = [[0, 0], [0, 0], [5, 5], [0, 0], [10, 0], [5, 5]];
    const clusters = kmeans(xy(pts), names(6), 3, { maxIterations: 0 });
    expect(clusters.map((c) => c.id)).toEqual([0, 1, 2]);
    expect(clusters.map((c) => c.members)).toEqual([[0, 1, 3], [2, 5], [4]]);
    // One step only: each centre is the mean of the points assigned against the seeds.
    expect(clusters.map((c) => c.center)).toEqual([[0, 0], [5, 5], [10, 0]]);
  });

  it('gives a point equidistant from two centres to the later cluster (Clojure min-key)', () => {
    // Seeds (0,0) id 0 and (2,0) id 1; the point (1,0) is at distance 1 from both.
    const clusters = kmeans(xy([[0, 0], [2, 0], [1, 0]]), names(3), 2, { maxIterations: 0 });
    expect(clusters).toEqual([
      { id: 0, members: [0], center: [0, 0] },
      { id: 1, members: [1, 2], center: [1.5, 0] },
    ]);
  });

  it('breaks ties by Clojure hash order of the ids when there are more than 8 clusters', () => {
    // Eight seeds (ids 0…7) at squared distance exactly 25 from the origin, a ninth far away (id 8), then the origin.
    const ring: Point[] = [[5, 0], [4, 3], [3, 4], [0, 5], [-3, 4], [-4, 3], [-5, 0], [0, -5]];
    expect(new Set(ring.map((p) => polisDistance([0, 0], p)))).toEqual(new Set([5]));
    // Clojure iterates ids 0…8 as 0 7 1 4 6 3 2 5 8: among the tied 0…7 the last is 5 (insertion order: 7).
    expect(clojureHashOrder([0, 1, 2, 3, 4, 5, 6, 7, 8])).toEqual([0, 7, 1, 4, 6, 3, 2, 5, 8]);
    const nine = kmeans(xy([...ring, [100, 100], [0, 0]]), names(10), 9, { maxIterations: 0 });
    expect(nine.find((c) => c.members.includes(9))!.id).toBe(5);
    expect(nine.map((c) => c.id)).toEqual([0, 7, 1, 4, 6, 3, 2, 5, 8]);
    // With 8 clusters Clojure's map keeps insertion order, so the last seed wins.
    const eight = kmeans(xy([...ring, [0, 0]]), names(9), 8, { maxIterations: 0 });
    expect(eight.find((c) => c.members.includes(8))!.id).toBe(7);
    expect(eight.map((c) => c.id)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });

  it('lets near-coincident points tie at distance 0 and join the later cluster (vectorz cancellation, §8.3)', () => {
    const a: Point = [1, 0];
    const b: Point = [1 + 1e-9, 0];
    // Preconditions, computed: the true distance is 1e-9, but Polis's formula gives exactly 0 both ways.
    expect(trueDistance(a, b)).toBeGreaterThan(0);
    expect([polisDistance(a, b), polisDistance(b, a)]).toEqual([0, 0]);
    const clusters = kmeans(xy([a, b]), names(2), 2, { maxIterations: 0 });
    expect(clusters.map((c) => [c.id, c.members])).toEqual([[1, [0, 1]]]);
  });

  it('weights centres by the given weights, as Polis does for group clustering', () => {
    const clusters = kmeans(xy([[0, 0], [3, 0], [100, 0]]), names(3), 2, { weights: Float64Array.from([1, 2, 1]) });
    expect(clusters[0]!.members).toEqual([0, 1]);
    // (1·0 + 2·3) / 3 = 2, computed as Polis does: each row times w·(2/3), summed, times 1/2.
    expect(clusters[0]!.center[0]).toBeCloseTo(2, 15);
    const s = ratioToDouble(2, 3);
    expect(clusters[0]!.center[0]).toBe((s * (1 * 0) + s * (2 * 3)) * 0.5);
  });

  it('runs at most maxIterations + 1 steps', () => {
    // A chain where each step moves a centre by more than 0.01: stops early only by the iteration cap.
    const pts: Point[] = Array.from({ length: 60 }, (_, i) => [i * i * 0.01, 0]);
    const ref = (iters: number) => reference(pts.map((x, i) => ({ name: i, x })), 2, iters, null, null);
    for (const iters of [0, 1, 2, 3]) expect(kmeans(xy(pts), names(60), 2, { maxIterations: iters })).toEqual(ref(iters));
    expect(ref(0)).not.toEqual(ref(1));
  });

  it('reaches the same partition as ml-kmeans from the same initial centres on well-separated data', () => {
    const random = lcg(3);
    const centres: Point[] = [[-5, -5], [5, -5], [0, 6], [8, 8]];
    const pts: Point[] = Array.from({ length: 400 }, (_, i) => {
      const c = centres[i % 4]!;
      return [c[0] + random() - 0.5, c[1] + random() - 0.5];
    });
    const ours = kmeans(xy(pts), names(pts.length), 4, { maxIterations: 100 });
    const theirs = mlKmeans(pts, 4, { initialization: pts.slice(0, 4), maxIterations: 100 });
    const oursLabel = new Array<number>(pts.length);
    ours.forEach((c) => c.members.forEach((m) => (oursLabel[m] = c.id)));
    expect(oursLabel).toEqual(theirs.clusters);
  });

  it('returns [] for no points and rejects malformed input, naming the problem and value', () => {
    expect(kmeans(new Float64Array(0), new Int32Array(0), 3)).toEqual([]);
    expect(() => kmeans(xy([[0, 0]]), names(2), 1)).toThrow(/points has 2 numbers, expected 2 × 2 names/);
    expect(() => kmeans(xy([[0, NaN]]), names(1), 1)).toThrow(/point 0 has a non-finite y: NaN/);
    expect(() => kmeans(xy([[0, 0]]), names(1), 0)).toThrow(/k must be a positive integer, got 0/);
    expect(() => kmeans(xy([[0, 0]]), names(1), 1, { maxIterations: -1 })).toThrow(/maxIterations must be a non-negative integer, got -1/);
    expect(() => kmeans(xy([[0, 0]]), names(1), 1, { weights: Float64Array.from([0]) })).toThrow(/weights\[0\] must be positive and finite, got 0/);
    const last = [{ id: 1, members: [0], center: [0, 0] as Point }];
    expect(() => kmeans(xy([[0, 0], [1, 1]]), Int32Array.from([4, 4]), 1, { last })).toThrow(/name 4 is at points 0 and 1/);
    expect(() => kmeans(xy([[0, 0]]), names(1), 1, { last: [...last, { id: 1, members: [], center: [0, 0] }] })).toThrow(/id 1 twice/);
    expect(() => kmeans(xy([[0, 0]]), names(1), 1, { last: [...last, { id: 2, members: [0], center: [0, 0] }] })).toThrow(/member 0 appears twice/);
  });
});
