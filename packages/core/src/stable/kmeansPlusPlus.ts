/**
 * k-means++ seeding (Arthur & Vassilvitskii 2007, https://en.wikipedia.org/wiki/K-means%2B%2B): the first
 * centre is a point drawn with probability ∝ weight, each next one with probability ∝ weight × squared
 * distance to the nearest centre so far. `points` holds x0, y0, x1, y1, …; `weights` null means all 1.
 * Returns the indices of the chosen points, fewer than k when fewer than k points are distinct.
 * O(n·k); the draws come from `random`, and points are scanned in index order, so the same points in the
 * same order with the same generator give the same seeds.
 */
export function kmeansPlusPlus(points: Float64Array, weights: Float64Array | null, k: number, random: () => number): Int32Array {
  const n = points.length >> 1;
  const chosen: number[] = [];
  if (n === 0 || k < 1) return new Int32Array(0);
  const d2 = new Float64Array(n).fill(Infinity);
  let next = drawWeighted(n, (i) => (weights ? weights[i]! : 1), random);
  while (chosen.length < k) {
    chosen.push(next);
    const cx = points[2 * next]!;
    const cy = points[2 * next + 1]!;
    let total = 0;
    for (let i = 0; i < n; i++) {
      const dx = points[2 * i]! - cx;
      const dy = points[2 * i + 1]! - cy;
      const d = dx * dx + dy * dy;
      if (d < d2[i]!) d2[i] = d;
      total += (weights ? weights[i]! : 1) * d2[i]!;
    }
    // Every point coincides with a centre: no more distinct points to seed with.
    if (!(total > 0) || chosen.length === k) break;
    next = drawWeighted(n, (i) => (weights ? weights[i]! : 1) * d2[i]!, random, total);
  }
  return Int32Array.from(chosen);
}

/** Index i drawn with probability mass(i) / total (total computed when not given); never a zero-mass index. */
function drawWeighted(n: number, mass: (i: number) => number, random: () => number, total?: number): number {
  let sum = total;
  if (sum === undefined) {
    sum = 0;
    for (let i = 0; i < n; i++) sum += mass(i);
  }
  const target = random() * sum;
  let acc = 0;
  let last = -1;
  for (let i = 0; i < n; i++) {
    const m = mass(i);
    if (m <= 0) continue;
    acc += m;
    last = i;
    if (acc > target) return i;
  }
  // Rounding left the target at the very end: the last point with mass.
  return last;
}
