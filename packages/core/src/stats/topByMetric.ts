/**
 * The first `count` items of `items` stably sorted by descending `metric(item)` (ties keep list order), without
 * sorting them all: what `sort` then `slice(0, count)` gives, in one pass that keeps a short sorted list.
 * A NaN metric makes the comparator inconsistent, so then it sorts everything as before.
 */
export function topByMetric<T>(items: readonly T[], count: number, metric: (item: T) => number): T[] {
  if (count <= 0) return [];
  const best: T[] = [];
  const bestMetric: number[] = [];
  for (const item of items) {
    const m = metric(item);
    if (m !== m) return sortedByMetric(items, metric).slice(0, count);
    if (best.length === count && !(m > bestMetric[count - 1]!)) continue;
    // After every kept item with a metric at least m: equal metrics stay in list order.
    let at = best.length;
    while (at > 0 && bestMetric[at - 1]! < m) at--;
    best.splice(at, 0, item);
    bestMetric.splice(at, 0, m);
    if (best.length > count) (best.length = count), (bestMetric.length = count);
  }
  return best;
}

// The full stable sort (the reference order, also used when a metric is NaN).
function sortedByMetric<T>(items: readonly T[], metric: (item: T) => number): T[] {
  return items
    .map((item) => ({ item, m: metric(item) }))
    .sort((x, y) => (x.m > y.m ? -1 : x.m < y.m ? 1 : 0))
    .map((x) => x.item);
}
