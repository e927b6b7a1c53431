/** A label to place: its size and the box (`top`..`bottom`, centred on `x`) it should sit above or below. */
export interface LabelRequest {
  x: number;
  top: number;
  bottom: number;
  width: number;
  height: number;
}

/** A placed label: the centre of its box. */
export interface PlacedLabel {
  x: number;
  y: number;
}

interface Bounds {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/**
 * Places labels greedily, in the given order, at the first free spot among: above the box,
 * below it, then further up or down in label-height steps; clamped inside `bounds`.
 * Deterministic, and good enough for the ≤ 5–6 group labels of an opinion map.
 */
export function placeLabels(requests: readonly LabelRequest[], bounds: Bounds, gap = 4): PlacedLabel[] {
  const placed: { x: number; y: number; w: number; h: number }[] = [];
  const clampX = (x: number, w: number): number => Math.min(Math.max(x, bounds.left + w / 2), bounds.right - w / 2);
  const clampY = (y: number, h: number): number => Math.min(Math.max(y, bounds.top + h / 2), bounds.bottom - h / 2);
  const overlaps = (x: number, y: number, w: number, h: number): boolean =>
    placed.some((p) => Math.abs(p.x - x) < (p.w + w) / 2 + gap && Math.abs(p.y - y) < (p.h + h) / 2 + gap);
  return requests.map((r) => {
    const x = clampX(r.x, r.width);
    const above = r.top - gap - r.height / 2;
    const below = r.bottom + gap + r.height / 2;
    const candidates: number[] = [above, below];
    for (let k = 1; k <= 12; k++) candidates.push(above - k * (r.height + gap), below + k * (r.height + gap));
    // First look for a spot that needs no clamping (clamping may push a label onto its hull).
    let choice = candidates.find((c) => clampY(c, r.height) === c && !overlaps(x, c, r.width, r.height));
    choice ??= candidates.map((c) => clampY(c, r.height)).find((y) => !overlaps(x, y, r.width, r.height));
    const y = choice ?? clampY(above, r.height);
    placed.push({ x, y, w: r.width, h: r.height });
    return { x, y };
  });
}
