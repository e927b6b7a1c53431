import { ratioToDouble } from '../clojure/ratio.js';

/**
 * Each cluster's centre the way Polis's `weighted-mean` computes it, so that centres match to the bit:
 * members are summed in point order and the sum is multiplied by 1/n (core.matrix `mean`). With weights,
 * every point is first scaled by w·(n/Σw), where n/Σw is a Clojure ratio of integers (16-digit rounding).
 *
 * `owner[i]` is the slot of point i, or −1 for none. Writes `centerX/centerY/count` for every slot below
 * `nSlots` (only those flagged in `only`, when given); a slot without points gets count 0 and its centre
 * left untouched.
 */
export function clusterMeans(
  points: Float64Array,
  weights: Float64Array | null,
  owner: Int32Array,
  nSlots: number,
  centerX: Float64Array,
  centerY: Float64Array,
  count: Int32Array,
  only: Uint8Array | null = null,
): void {
  const n = owner.length;
  const sumX = new Float64Array(nSlots);
  const sumY = new Float64Array(nSlots);
  // Slots left out: mark them so the passes below skip their points.
  const skip = new Uint8Array(nSlots + 1);
  for (let s = 0; s < nSlots; s++) {
    if (only !== null && !only[s]) skip[s] = 1;
    else count[s] = 0;
  }
  if (weights === null) {
    unweightedSums(points, owner, skip, nSlots, sumX, sumY, count);
  } else {
    const sumW = new Float64Array(nSlots);
    for (let i = 0; i < n; i++) {
      const s = owner[i]!;
      if (s < 0 || skip[s]) continue;
      sumW[s]! += weights[i]!;
      count[s]!++;
    }
    const scale = new Float64Array(nSlots);
    for (let s = 0; s < nSlots; s++) if (count[s]! > 0 && !skip[s]) scale[s] = weightScale(count[s]!, sumW[s]!);
    for (let i = 0; i < n; i++) {
      const s = owner[i]!;
      if (s < 0 || skip[s]) continue;
      const w = weights[i]!;
      sumX[s]! += scale[s]! * (w * points[2 * i]!);
      sumY[s]! += scale[s]! * (w * points[2 * i + 1]!);
    }
  }
  for (let s = 0; s < nSlots; s++) {
    const c = count[s]!;
    if (c === 0 || skip[s]) continue;
    const inverse = 1 / c;
    centerX[s] = sumX[s]! * inverse;
    centerY[s] = sumY[s]! * inverse;
  }
}

/** n/Σw as Clojure computes it: an exact ratio when the weights are integers (Polis's member counts), else a double. */
export function weightScale(n: number, sumW: number): number {
  return Number.isSafeInteger(sumW) ? ratioToDouble(n, sumW) : n / sumW;
}

// Branch-free sums (the skip test mispredicts when about half the slots change): points with no slot or a
// skipped one add into a scratch slot nSlots. Each kept slot still sums its points in point order.
function unweightedSums(points: Float64Array, owner: Int32Array, skip: Uint8Array, nSlots: number, sumX: Float64Array, sumY: Float64Array, count: Int32Array): void {
  const target = new Int32Array(nSlots + 1);
  target[0] = nSlots;
  for (let s = 0; s < nSlots; s++) target[s + 1] = skip[s] ? nSlots : s;
  // x, y and count of each slot side by side, one cache line apart at most.
  const acc = new Float64Array(3 * (nSlots + 1));
  for (let i = 0; i < owner.length; i++) {
    const t = 3 * target[owner[i]! + 1]!;
    acc[t]! += points[2 * i]!;
    acc[t + 1]! += points[2 * i + 1]!;
    acc[t + 2]! += 1;
  }
  for (let s = 0; s < nSlots; s++) {
    if (skip[s]) continue;
    sumX[s] = acc[3 * s]!;
    sumY[s] = acc[3 * s + 1]!;
    count[s] = acc[3 * s + 2]!;
  }
}
