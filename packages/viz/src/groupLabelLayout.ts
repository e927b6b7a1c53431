import { contrastText } from './contrastText';
import type { Translator } from './i18n';
import { formatShare } from './numberText';
import type { MapHull, MapLabel } from './opinionMapLayout';
import { distanceToConvex, insideConvex, rayHit } from './paddedHull';
import { placeLabels, type LabelBox } from './placeLabels';
import { round } from './round';
import type { GroupStability } from './uncertaintyIndex';
import { textWidth } from './wrapText';

/** What one hull's label says: "A (n)", and "· unstable 0.62" when its group is marked unstable. */
export interface GroupLabelText {
  label: string;
  size: number;
  stability?: GroupStability | undefined;
  /** One more spot to try on the group itself. Default none (the area's centre is always tried, and is the last resort). */
  inner?: { x: number; y: number };
}

/**
 * The group labels of a map, one per hull in hull order, placed beside their hulls inside a
 * `width` × `height` chart (the caption's strip kept free) at the spots `penalty` likes best. A label
 * never covers another group's area and its centre is always nearer its own area than any other
 * (`labelReadsAsOwn`), so it cannot be read as another group's; with no such spot free it goes on its
 * own area's centre. Spots tried: around the area's bounds, just outside its rim in 16 directions, its centre.
 */
export function groupLabelLayout(
  hulls: readonly MapHull[],
  texts: readonly GroupLabelText[],
  size: { width: number; height: number; fontSize: number },
  penalty: (box: LabelBox, index: number) => number,
  t: Translator,
): MapLabel[] {
  const height = size.fontSize + 8;
  const words = texts.map((g) =>
    t.t('chart.map.label', { label: g.label, size: g.size, unstable: g.stability?.unstable ? 'yes' : 'no', stability: g.stability ? formatShare(t, g.stability.stability) : '' }),
  );
  const placed = placeLabels(
    hulls.map((h, i) => {
      const xs = h.points.map((p) => p[0]);
      const ys = h.points.map((p) => p[1]);
      const width = textWidth(words[i]!, size.fontSize) + 12;
      const [cx, cy] = h.points.length > 0 ? [xs.reduce((a, b) => a + b, 0) / xs.length, ys.reduce((a, b) => a + b, 0) / ys.length] : [0, 0];
      const spots: [number, number][] = [];
      // Just outside the rim, so the label sits at its own area whatever the area's shape.
      for (let k = 0; k < 16 && h.points.length >= 3; k++) {
        const [dx, dy] = [Math.cos((k * Math.PI) / 8), Math.sin((k * Math.PI) / 8)];
        const [rx, ry] = rayHit(h.points, cx, cy, dx, dy);
        const out = Math.abs(dx) * (width / 2) + Math.abs(dy) * (height / 2) + 3;
        spots.push([rx + dx * out, ry + dy * out]);
      }
      const inner = texts[i]!.inner;
      if (inner) spots.push([inner.x, inner.y]);
      return { left: Math.min(...xs), right: Math.max(...xs), top: Math.min(...ys), bottom: Math.max(...ys), width, height, inner: { x: cx, y: cy }, spots };
    }),
    { left: 2, top: 2, right: size.width - 2, bottom: size.height - 18 },
    penalty,
    4,
    (box, i) => labelReadsAsOwn(box, i, hulls),
  );
  return hulls.map((h, i) => ({
    key: h.key,
    text: words[i]!,
    x: round(placed[i]!.x),
    y: round(placed[i]!.y),
    width: round(placed[i]!.width),
    height,
    color: h.color,
    textColor: contrastText(h.color),
  }));
}

/**
 * Whether a label box at `box` reads as hull `index`'s: it covers no other group's area (9 points of
 * the box, and the other area's vertices), and its centre is nearer its own area than any other.
 */
export function labelReadsAsOwn(box: LabelBox, index: number, hulls: readonly MapHull[]): boolean {
  const x0 = box.x - box.width / 2;
  const x1 = box.x + box.width / 2;
  const y0 = box.y - box.height / 2;
  const y1 = box.y + box.height / 2;
  const own = hulls[index]!.points;
  const ownDistance = own.length > 0 ? distanceToConvex(own, [box.x, box.y]).distance : 0;
  return hulls.every((h, j) => {
    if (j === index || h.points.length === 0) return true;
    if (h.points.length >= 3) {
      for (const x of [x0, box.x, x1]) for (const y of [y0, box.y, y1]) if (insideConvex(h.points, [x, y])) return false;
    }
    if (h.points.some(([x, y]) => x > x0 && x < x1 && y > y0 && y < y1)) return false;
    return distanceToConvex(h.points, [box.x, box.y]).distance > ownDistance;
  });
}
