/**
 * Adjusted Rand index of two labellings of the same items (Hubert & Arabie 1985,
 * https://en.wikipedia.org/wiki/Rand_index#Adjusted_Rand_index): 1 for the same partition,
 * about 0 for independent ones, negative when worse than chance.
 *
 * Labels are integers; a negative label (−1), `null` or `undefined` marks an unclustered item, and
 * only items labelled in both `a` and `b` are compared. Label values themselves carry no meaning,
 * so relabelling either side does not change the index. When both partitions are trivial (all one
 * group, or all singletons) or fewer than two items are compared, the index is 1, as in scikit-learn.
 */
export function adjustedRandIndex(a: ArrayLike<number | null | undefined>, b: ArrayLike<number | null | undefined>): number {
  if (a.length !== b.length) {
    throw new RangeError(`adjustedRandIndex: labellings differ in length, a has ${a.length} and b has ${b.length}`);
  }
  // Dense ids per distinct label, then a sparse contingency table keyed by the pair of ids.
  const idsA = new Map<number, number>();
  const idsB = new Map<number, number>();
  const rowA: number[] = [];
  const rowB: number[] = [];
  for (let i = 0; i < a.length; i++) {
    const la = label(a[i], 'a', i);
    const lb = label(b[i], 'b', i);
    if (la < 0 || lb < 0) continue;
    let ia = idsA.get(la);
    if (ia === undefined) idsA.set(la, (ia = idsA.size));
    let ib = idsB.get(lb);
    if (ib === undefined) idsB.set(lb, (ib = idsB.size));
    rowA.push(ia);
    rowB.push(ib);
  }
  const n = rowA.length;
  if (n < 2) return 1;

  const sizeA = new Float64Array(idsA.size);
  const sizeB = new Float64Array(idsB.size);
  const cells = new Map<number, number>();
  const width = idsB.size;
  for (let k = 0; k < n; k++) {
    const ia = rowA[k]!;
    const ib = rowB[k]!;
    sizeA[ia]! += 1;
    sizeB[ib]! += 1;
    const key = ia * width + ib;
    cells.set(key, (cells.get(key) ?? 0) + 1);
  }

  let sumCells = 0;
  for (const count of cells.values()) sumCells += pairs(count);
  let sumA = 0;
  for (const count of sizeA) sumA += pairs(count);
  let sumB = 0;
  for (const count of sizeB) sumB += pairs(count);

  const expected = (sumA * sumB) / pairs(n);
  const maximum = (sumA + sumB) / 2;
  // Only two trivial partitions that coincide make the denominator vanish.
  if (maximum === expected) return 1;
  return (sumCells - expected) / (maximum - expected);
}

/** Number of unordered pairs among `count` items. */
function pairs(count: number): number {
  return (count * (count - 1)) / 2;
}

/** A label as an integer, −1 for unclustered; throws on anything else, naming the side and index. */
function label(value: number | null | undefined, side: 'a' | 'b', index: number): number {
  if (value === null || value === undefined) return -1;
  if (!Number.isInteger(value)) {
    throw new TypeError(`adjustedRandIndex: labels must be integers or null, got ${String(value)} at ${side}[${index}]`);
  }
  return value < 0 ? -1 : value;
}
