import { float64s, int32s } from '../helper/mathHelper.js';
// Sorted neighbour lists cost k² memory and time per step; beyond this many centres scan exhaustively.
const MAX_SORTED = 256;

/** A coarse grid over the points giving each cell a nearby centre, to start a point's search. */
export interface AnchorGrid {
  x0: number;
  y0: number;
  /** Cells per unit length. */
  scaleX: number;
  scaleY: number;
  size: number;
  /** Slot of the centre nearest to each cell's middle, row-major. */
  anchor: Int32Array;
}

/**
 * Lookup structures over the live centres of a k-means step, for the exact search of `assignPoints`:
 * for each centre the others sorted by distance from it (a point near centre a only needs the centres
 * within |p − a| + reach of a), and half the distance to the nearest other centre (Hamerly's s(a)).
 * Kept across steps: centres move little, so re-sorting last step's order by insertion is nearly linear.
 */
export class CenterIndex {
  /** Live slots. */
  alive = 0;
  /** Row stride of `neighbors`/`neighborDistance`: the slot count, or 0 for one shared unsorted row. */
  readonly stride: number;
  /** neighbors[a·stride + r]: the r-th nearest live slot to slot a (a itself first). */
  readonly neighbors: Int32Array;
  /** Distance from slot a to neighbors[a·stride + r]; all 0 in the shared row (no pruning). */
  readonly neighborDistance: Float64Array;
  /** Half the distance from each slot to its nearest other live centre (0 when unknown). */
  readonly half: Float64Array;
  private rows = false;

  /** `shared`: in shared memory, so a helper thread reads the lists in place. */
  constructor(slots: number, shared = false) {
    this.stride = slots <= MAX_SORTED ? slots : 0;
    this.neighbors = int32s(Math.max(1, this.stride) * slots, shared);
    this.neighborDistance = float64s(Math.max(1, this.stride) * slots, shared);
    this.half = float64s(slots, shared);
  }

  /**
   * Whether a run over `slots` slots, all live at its first step, can start from this index: its rows then
   * hold every slot already, and re-sorting them for the new centres is nearly linear.
   */
  fits(slots: number): boolean {
    return this.half.length === slots && this.alive === slots;
  }

  /** Refreshes the lists for the live `order` slots with centres (cx, cy). */
  update(order: Int32Array, cx: Float64Array, cy: Float64Array): void {
    const { stride, neighbors, neighborDistance, half } = this;
    const before = this.alive;
    const alive = order.length;
    this.alive = alive;
    if (stride === 0) {
      neighbors.set(order);
      return;
    }
    const live = new Uint8Array(this.half.length);
    for (const s of order) live[s] = 1;
    for (const a of order) {
      const row = a * stride;
      if (!this.rows) {
        // First build: a stable sort by squared distance (later steps re-sort a nearly sorted row).
        sortByDistance(order, cx, cy, a, neighbors, row, neighborDistance);
      } else if (before !== alive) {
        // Drop dead slots, keeping last step's (nearly sorted) order.
        let w = row;
        for (let r = row; r < row + before; r++) if (live[neighbors[r]!]) neighbors[w++] = neighbors[r]!;
      }
      for (let r = row; r < row + alive; r++) {
        const j = neighbors[r]!;
        const dx = cx[a]! - cx[j]!;
        const dy = cy[a]! - cy[j]!;
        neighborDistance[r] = Math.sqrt(dx * dx + dy * dy);
      }
      insertionSort(neighbors, neighborDistance, row, row + alive, a);
      half[a] = alive > 1 ? 0.5 * neighborDistance[row + 1]! * (1 - 1e-12) : Infinity;
    }
    this.rows = true;
  }
}

/**
 * Writes `order` into slots[from…] sorted by squared distance from slot a, ties in `order` order (a stable
 * insertion sort, cheaper than a comparator sort for rows of ≤ 256). `scratch` holds the keys meanwhile.
 */
function sortByDistance(order: Int32Array, cx: Float64Array, cy: Float64Array, a: number, slots: Int32Array, from: number, scratch: Float64Array): void {
  for (let r = 0; r < order.length; r++) {
    const j = order[r]!;
    const d = (cx[a]! - cx[j]!) ** 2 + (cy[a]! - cy[j]!) ** 2;
    let q = from + r - 1;
    while (q >= from && scratch[q]! > d) {
      slots[q + 1] = slots[q]!;
      scratch[q + 1] = scratch[q]!;
      q--;
    }
    slots[q + 1] = j;
    scratch[q + 1] = d;
  }
}

/** Sorts row [from, to) by distance, the row's own slot first on a tie at 0. */
function insertionSort(slots: Int32Array, distance: Float64Array, from: number, to: number, self: number): void {
  for (let r = from + 1; r < to; r++) {
    const s = slots[r]!;
    const d = distance[r]!;
    let q = r - 1;
    while (q >= from && (distance[q]! > d || (distance[q] === d && s === self))) {
      slots[q + 1] = slots[q]!;
      distance[q + 1] = distance[q]!;
      q--;
    }
    slots[q + 1] = s;
    distance[q + 1] = d;
  }
}

/** The anchor grid for the live `order` slots; `box` bounds the points (x0, y0, x1, y1). */
export function anchorGrid(order: Int32Array, cx: Float64Array, cy: Float64Array, box: readonly number[]): AnchorGrid {
  const [x0, y0, x1, y1] = box as [number, number, number, number];
  const size = Math.max(1, Math.min(64, Math.ceil(2 * Math.sqrt(order.length))));
  // A zero or subnormal extent would give an infinite scale: use a single column or row then.
  const scaleX = Number.isFinite(size / (x1 - x0)) && x1 > x0 ? size / (x1 - x0) : 0;
  const scaleY = Number.isFinite(size / (y1 - y0)) && y1 > y0 ? size / (y1 - y0) : 0;
  const anchor = new Int32Array(size * size);
  for (let gy = 0; gy < size; gy++) {
    const y = scaleY > 0 ? y0 + (gy + 0.5) / scaleY : y0;
    for (let gx = 0; gx < size; gx++) {
      const x = scaleX > 0 ? x0 + (gx + 0.5) / scaleX : x0;
      let best = order[0]!;
      let bestDistance = Infinity;
      for (const s of order) {
        const d = (x - cx[s]!) * (x - cx[s]!) + (y - cy[s]!) * (y - cy[s]!);
        if (d < bestDistance) (bestDistance = d), (best = s);
      }
      anchor[gy * size + gx] = best;
    }
  }
  return { x0, y0, scaleX, scaleY, size, anchor };
}
