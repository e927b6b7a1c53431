// Polis's convergence tolerance on centre movement (`same-clustering?`).
const THRESHOLD = 0.01;

/**
 * Polis's convergence test (§8.1): sort both lists of centres lexicographically, pair them up to the
 * shorter length, and report whether every pair is closer than 0.01. Centres are read at the given slots.
 */
export function sameClustering(
  slotsA: ArrayLike<number>,
  xA: Float64Array,
  yA: Float64Array,
  slotsB: ArrayLike<number>,
  xB: Float64Array,
  yB: Float64Array,
): boolean {
  const a = sortedCenters(slotsA, xA, yA);
  const b = sortedCenters(slotsB, xB, yB);
  const m = Math.min(a.length, b.length) >> 1;
  for (let i = 0; i < m; i++) {
    const dx = a[2 * i]! - b[2 * i]!;
    const dy = a[2 * i + 1]! - b[2 * i + 1]!;
    if (!(Math.sqrt(dx * dx + dy * dy) < THRESHOLD)) return false;
  }
  return true;
}

function sortedCenters(slots: ArrayLike<number>, x: Float64Array, y: Float64Array): Float64Array {
  const list = Array.from(slots).sort((p, q) => x[p]! - x[q]! || y[p]! - y[q]!);
  const out = new Float64Array(2 * list.length);
  list.forEach((s, i) => {
    out[2 * i] = x[s]!;
    out[2 * i + 1] = y[s]!;
  });
  return out;
}
