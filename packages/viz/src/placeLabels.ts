/** A label to place beside a box (its hull's bounds): label size and the box it belongs to. */
export interface LabelRequest {
  width: number;
  height: number;
  left: number;
  right: number;
  top: number;
  bottom: number;
  /** A spot inside the box's own shape (e.g. its group's centre), tried too: where nothing outside fits. Default none. */
  inner?: { x: number; y: number };
  /** More label centres to try (e.g. just outside the rim of the label's own shape). Default none. */
  spots?: readonly [number, number][];
}

/** A label box, by its centre and size. */
export interface LabelBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

interface Bounds {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/**
 * Places labels one by one, in order, at the cheapest of a fixed set of spots around their box
 * (above, below, beside, shifted, further out, plus the request's own `spots`). A spot that leaves
 * `bounds`, touches a label already placed or is not `allowed` is ruled out; the rest cost
 * `penalty(box, index)` (e.g. dots or other groups it covers) plus a small cost for distance. Where
 * no spot is left, the label goes on its `inner` spot (else above its box), clamped into the bounds.
 * Deterministic; meant for a handful of group labels.
 */
export function placeLabels(
  requests: readonly LabelRequest[],
  bounds: Bounds,
  penalty: (box: LabelBox, index: number) => number = () => 0,
  gap = 4,
  allowed: (box: LabelBox, index: number) => boolean = () => true,
): LabelBox[] {
  const placed: LabelBox[] = [];
  const touches = (b: LabelBox): boolean =>
    placed.some((p) => Math.abs(p.x - b.x) < (p.width + b.width) / 2 + gap && Math.abs(p.y - b.y) < (p.height + b.height) / 2 + gap);
  const inside = (b: LabelBox): boolean =>
    b.x - b.width / 2 >= bounds.left && b.x + b.width / 2 <= bounds.right && b.y - b.height / 2 >= bounds.top && b.y + b.height / 2 <= bounds.bottom;
  return requests.map((r, index) => {
    const { width: w, height: h } = r;
    const cx = (r.left + r.right) / 2;
    const cy = (r.top + r.bottom) / 2;
    const above = r.top - gap - h / 2;
    const below = r.bottom + gap + h / 2;
    const spots: [number, number][] = [];
    for (let k = 0; k <= 6; k++) {
      const dy = k * (h + gap);
      for (const dx of [0, -w / 2, w / 2, -w, w]) spots.push([cx + dx, above - dy], [cx + dx, below + dy]);
    }
    for (const dy of [0, -h - gap, h + gap]) spots.push([r.left - gap - w / 2, cy + dy], [r.right + gap + w / 2, cy + dy]);
    if (r.inner) spots.push([r.inner.x, r.inner.y]);
    if (r.spots) spots.push(...r.spots);
    let best: LabelBox | undefined;
    let bestCost = Infinity;
    for (const [x, y] of spots) {
      const box = { x, y, width: w, height: h };
      if (!inside(box) || touches(box) || !allowed(box, index)) continue;
      const cost = penalty(box, index) + Math.min(Math.hypot(x - cx, y - above), Math.hypot(x - cx, y - below)) / 40;
      if (cost < bestCost) (best = box), (bestCost = cost);
    }
    // Nowhere free: clamp the inner spot (else the one above) into the bounds and accept the overlap.
    best ??= {
      x: Math.min(Math.max(r.inner?.x ?? cx, bounds.left + w / 2), bounds.right - w / 2),
      y: Math.min(Math.max(r.inner?.y ?? above, bounds.top + h / 2), bounds.bottom - h / 2),
      width: w,
      height: h,
    };
    placed.push(best);
    return best;
  });
}
