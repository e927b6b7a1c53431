/** A weighted k-means partition after Hartigan moves. */
export interface HartiganResult {
  assign: Int32Array;
  x: Float64Array;
  y: Float64Array;
  /** Σ weight × squared distance to the assigned centre. */
  objective: number;
  /** Total weight per slot. */
  size: Float64Array;
}

// Sweeps over all points; each sweep that moves nothing ends the search, so this only bounds cycling.
const MAX_SWEEPS = 200;

/**
 * Hartigan & Wong's point moves (https://en.wikipedia.org/wiki/K-means_clustering#Variations): move a point
 * to another cluster whenever that lowers the weighted within-cluster sum of squares, counting the shift of
 * both centres (w·W_b/(W_b + w)·d_b² < w·W_a/(W_a − w)·d_a²), in point order, until no move helps. Every
 * result is also a fixed point of Lloyd's algorithm, but Lloyd stops at many partitions where a move still
 * pays: on vtaiwan.uberx, k = 2, Lloyd from 32 seeds ends in up to 7 distinct optima, Hartigan in 2–4 and
 * the best one is found from every seed. `assign` (slots 0…k−1) is the start and is not modified.
 */
export function hartigan(points: Float64Array, weights: Float64Array, start: Int32Array, k: number): HartiganResult {
  const n = weights.length;
  const assign = Int32Array.from(start);
  const size = new Float64Array(k);
  const sx = new Float64Array(k);
  const sy = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    const s = assign[i]!;
    const w = weights[i]!;
    size[s]! += w;
    sx[s]! += w * points[2 * i]!;
    sy[s]! += w * points[2 * i + 1]!;
  }
  const cx = Float64Array.from(sx, (v, s) => (size[s]! > 0 ? v / size[s]! : 0));
  const cy = Float64Array.from(sy, (v, s) => (size[s]! > 0 ? v / size[s]! : 0));
  for (let sweep = 0; sweep < MAX_SWEEPS; sweep++) {
    let moved = false;
    for (let i = 0; i < n; i++) {
      const w = weights[i]!;
      const a = assign[i]!;
      // A point that is its cluster's whole weight stays: moving it would empty the cluster.
      if (!(w > 0) || size[a]! - w <= 0) continue;
      const px = points[2 * i]!;
      const py = points[2 * i + 1]!;
      const ax = px - cx[a]!;
      const ay = py - cy[a]!;
      const leave = ((w * size[a]!) / (size[a]! - w)) * (ax * ax + ay * ay);
      let to = -1;
      let join = leave;
      for (let b = 0; b < k; b++) {
        if (b === a || !(size[b]! > 0)) continue;
        const bx = px - cx[b]!;
        const by = py - cy[b]!;
        const cost = ((w * size[b]!) / (size[b]! + w)) * (bx * bx + by * by);
        // Strictly better by more than rounding, so equal-cost moves cannot cycle.
        if (cost < join - 1e-12 * (leave + 1e-300)) (join = cost), (to = b);
      }
      if (to < 0) continue;
      size[a]! -= w;
      sx[a]! -= w * px;
      sy[a]! -= w * py;
      size[to]! += w;
      sx[to]! += w * px;
      sy[to]! += w * py;
      cx[a] = sx[a]! / size[a]!;
      cy[a] = sy[a]! / size[a]!;
      cx[to] = sx[to]! / size[to]!;
      cy[to] = sy[to]! / size[to]!;
      assign[i] = to;
      moved = true;
    }
    if (!moved) break;
  }
  // Centres and objective recomputed from scratch, so the running sums' rounding does not leak into results.
  size.fill(0);
  sx.fill(0);
  sy.fill(0);
  for (let i = 0; i < n; i++) {
    const s = assign[i]!;
    const w = weights[i]!;
    size[s]! += w;
    sx[s]! += w * points[2 * i]!;
    sy[s]! += w * points[2 * i + 1]!;
  }
  const x = Float64Array.from(sx, (v, s) => (size[s]! > 0 ? v / size[s]! : 0));
  const y = Float64Array.from(sy, (v, s) => (size[s]! > 0 ? v / size[s]! : 0));
  let objective = 0;
  for (let i = 0; i < n; i++) {
    const s = assign[i]!;
    const dx = points[2 * i]! - x[s]!;
    const dy = points[2 * i + 1]! - y[s]!;
    objective += weights[i]! * (dx * dx + dy * dy);
  }
  return { assign, x, y, objective, size };
}
