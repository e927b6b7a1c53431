import { contrastText } from './contrastText';
import type { Translator } from './i18n';
import { formatShare } from './numberText';
import type { MapHull, MapLabel } from './opinionMapLayout';
import { placeLabels, type LabelBox } from './placeLabels';
import { round } from './round';
import type { GroupStability } from './uncertaintyIndex';
import { textWidth } from './wrapText';

/** What one hull's label says: "A (n)", and "· unstable 0.62" when its group is marked unstable. */
export interface GroupLabelText {
  label: string;
  size: number;
  stability?: GroupStability | undefined;
  /** A spot on the group itself, tried where nothing beside the hull fits (see `placeLabels`). Default none. */
  inner?: { x: number; y: number };
}

/**
 * The group labels of a map, one per hull in hull order, placed beside their hulls inside a
 * `width` × `height` chart (the caption's strip kept free) at the spots `penalty` likes best.
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
      const inner = texts[i]!.inner;
      return { left: Math.min(...xs), right: Math.max(...xs), top: Math.min(...ys), bottom: Math.max(...ys), width: textWidth(words[i]!, size.fontSize) + 12, height, ...(inner && { inner }) };
    }),
    { left: 2, top: 2, right: size.width - 2, bottom: size.height - 18 },
    penalty,
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
