import type { ParticipantView, ParticipantViewGroup } from '@kuulo/core';
import { hullGap, labelFontSize, labelPenalty, youMarker, type MapHull, type MapLabel, type MapLayout } from './opinionMapLayout';
import { hullLabel } from './groupText';
import type { Translator } from './i18n';
import { separatedHulls } from './paddedHull';
import { groupLabelLayout } from './groupLabelLayout';
import { round } from './round';
import type { GroupStability } from './uncertaintyIndex';

type Point = [number, number];

/** The participant's own place, in the view's map coordinates (as the server's `you`). */
export interface SummaryYou {
  x: number;
  y: number;
  /** Group id, null when not in a group. */
  group: number | null;
}

/** What the summary layout needs from the chart options, already resolved. */
export interface SummaryLayoutOptions {
  width: number;
  height: number;
  margin: number;
  you: SummaryYou | null;
  groupColor: (group: ParticipantViewGroup) => string;
  /** Bootstrap stability by group id; groups without one are drawn as without a bootstrap. */
  stability: ReadonlyMap<number, GroupStability>;
  /** The chart's language, for group labels and names. */
  t: Translator;
}

/** Pixel positions of the summary map: hulls (dashed when unstable), labels and "You" (no participant dots). */
export interface SummaryLayout {
  hulls: MapHull[];
  labels: MapLabel[];
  you: MapLayout['you'];
}

const hullPadding = 12;

/**
 * Lays out the summary map: one scale for both axes (distances mean the same in every direction),
 * y pointing up, fitted to the view's extent, every hull and "You"; padded hulls and greedy labels.
 */
export function opinionMapSummaryLayout(view: ParticipantView, o: SummaryLayoutOptions): SummaryLayout {
  const groups = [...view.groups].sort((a, b) => a.id - b.id);
  const byId = new Map(groups.map((g) => [g.id, g]));
  const xs = [...view.extent.x, ...groups.flatMap((g) => g.hull.map((p) => p[0])), ...(o.you ? [o.you.x] : [])];
  const ys = [...view.extent.y, ...groups.flatMap((g) => g.hull.map((p) => p[1])), ...(o.you ? [o.you.y] : [])];
  const [x0, x1] = [Math.min(...xs), Math.max(...xs)];
  const [y0, y1] = [Math.min(...ys), Math.max(...ys)];
  const innerW = o.width - 2 * o.margin;
  const innerH = o.height - 2 * o.margin;
  const k = x1 - x0 < 1e-9 && y1 - y0 < 1e-9 ? 1 : Math.min(innerW / Math.max(x1 - x0, 1e-9), innerH / Math.max(y1 - y0, 1e-9));
  const mx = (x0 + x1) / 2;
  const my = (y0 + y1) / 2;
  const X = (x: number): number => round(o.width / 2 + (x - mx) * k);
  const Y = (y: number): number => round(o.height / 2 - (y - my) * k);

  const drawn = groups.filter((g) => g.hull.length > 0);
  // Views stored before cores existed hold full hulls: separatedHulls still keeps their areas apart.
  const areas = separatedHulls(
    drawn.map((g) => g.hull.map(([hx, hy]): Point => [X(hx), Y(hy)])),
    hullPadding,
    hullGap,
  );
  const hulls: MapHull[] = drawn
    .map((g, gi) => {
      const stability = o.stability.get(g.id);
      return {
        key: String(g.id),
        id: g.id,
        color: o.groupColor(g),
        points: areas[gi]!.map(([hx, hy]): Point => [round(hx), round(hy)]),
        ariaLabel: hullLabel(o.t, g, stability),
        unstable: stability?.unstable ?? false,
      };
    });

  const youGroup = o.you && o.you.group !== null ? byId.get(o.you.group) : undefined;
  const you: MapLayout['you'] = o.you ? youMarker({ x: X(o.you.x), y: Y(o.you.y) }, youGroup ? { id: youGroup.id, label: youGroup.label, color: o.groupColor(youGroup) } : null, hulls, o.width, o.t) : null;

  const labels = groupLabelLayout(
    hulls,
    hulls.map((h) => {
      const g = byId.get(h.id)!;
      // On a narrow map the outlines fill it: a label on its own group's centre beats one over a neighbour.
      return { label: g.label, size: g.size, stability: o.stability.get(h.id), inner: { x: X(g.center[0]), y: Y(g.center[1]) } };
    }),
    { width: o.width, height: o.height, fontSize: labelFontSize },
    (box, i) => labelPenalty(box, i, hulls, [], you, 0),
    o.t,
  );
  return { hulls, labels, you };
}
