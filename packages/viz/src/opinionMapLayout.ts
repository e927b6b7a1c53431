import { quantileSorted } from 'd3';
import { coreHulls, defaultCoreShare, type GroupResult, type KuuloResult, type ParticipantId, type StatementId } from '@kuulo/core';
import { hullLabel } from './groupText';
import type { Translator } from './i18n';
import { membershipOpacity } from './membershipOpacity';
import { distanceToConvex, insideConvex, separatedHulls } from './paddedHull';
import { ungroupedColor } from './palette';
import { groupLabelLayout } from './groupLabelLayout';
import type { LabelBox } from './placeLabels';
import { round } from './round';
import { textWidth } from './wrapText';
import type { UncertaintyIndex } from './uncertaintyIndex';

type Point = [number, number];

/** What the opinion map layout needs from the chart options, already resolved. */
export interface MapLayoutOptions {
  width: number;
  height: number;
  margin: number;
  you: ParticipantId | undefined;
  statements: ReadonlySet<StatementId>;
  statementLabel: (id: StatementId) => string;
  densityThreshold: number;
  dotRadius: number | undefined;
  showUngrouped: boolean;
  groupColor: (group: GroupResult) => string;
  /** Share of each group's members its core area keeps (core's `coreHulls`); undefined: `defaultCoreShare`. */
  hullCoverage: number | undefined;
  /** The result's bootstrap uncertainty to show, or null. */
  uncertainty: UncertaintyIndex | null;
  /** Opacity of a dot whose membership confidence is 0. */
  minOpacity: number;
  /** The chart's language, for group labels and names. */
  t: Translator;
}

/** `opacity` is set only with uncertainty: it follows the participant's membership confidence. */
export interface MapDot { key: string; x: number; y: number; r: number; color: string; grouped: boolean; opacity?: number }
/** `unstable`: the group's bootstrap stability is below the threshold, drawn dashed. */
export interface MapHull { key: string; id: number; color: string; points: Point[]; ariaLabel: string; unstable: boolean }
export interface MapLabel { key: string; text: string; x: number; y: number; width: number; height: number; color: string; textColor: string }
export interface MapStatement { key: string; id: StatementId; x: number; y: number; text: string }
/** `weights` (one per point, with uncertainty) make confident members count more in the shading. */
export interface MapDensity { key: string; color: string; points: Point[]; weights?: number[] }

/**
 * "You": the participant's place, marked in their group's colour with a text naming the group, on the
 * side where the text covers no other group's area; `leader` (the nearest point of their own group's
 * area) when the place is outside that area, so the mark cannot be read as a neighbour's.
 */
export interface MapYou {
  x: number;
  y: number;
  groupLabel: string | null;
  color: string | null;
  text: string;
  side: 'left' | 'right';
  leader: Point | null;
}

/** Pixel positions of everything on the opinion map, computed without touching the DOM. */
export interface MapLayout {
  density: boolean;
  dots: MapDot[];
  densityGroups: MapDensity[];
  hulls: MapHull[];
  labels: MapLabel[];
  you: MapYou | null;
  statements: MapStatement[];
  /** Pixel bandwidth for density contours. */
  bandwidth: number;
  /** Participants who are not in a group. */
  ungrouped: number;
}

export const labelFontSize = 13;

const hullPadding = 10;
/** Pixels left between two groups' areas (where their cores are that far apart). */
export const hullGap = 6;

/**
 * Lays out an opinion map: participants at their projection with one scale for both axes (so
 * distances mean the same in every direction), y pointing up, padded hulls and greedy labels.
 */
export function opinionMapLayout(result: KuuloResult, o: MapLayoutOptions): MapLayout {
  const n = result.participants.length;
  const px = result.participantProjection.x;
  const py = result.participantProjection.y;
  const groups = [...result.groups].sort((a, b) => a.id - b.id);
  const byId = new Map(groups.map((g) => [g.id, g]));
  const shown = result.statements
    .map((id, j) => ({ id, j }))
    .filter(({ id }) => o.statements.has(id) && !result.modOut.includes(id) && !result.meta.includes(id));

  const density = n > o.densityThreshold;
  // With thousands of participants a few outliers would squeeze the crowd into a corner, so the
  // density view frames the central 99 % (outliers fall in the margin or off the chart).
  const trim = density ? 0.005 : 0;
  const visible = [...Array(n).keys()].filter((i) => o.showUngrouped || result.participantGroup[i] !== null);
  const radii = visible.map((i) => Math.hypot(px[i]!, py[i]!)).sort((a, b) => a - b);
  const pr = quantileSorted(radii, 1 - trim) ?? 0;

  // Statement projections live on a different scale (one fake vote, √m scaling): shrink them so
  // the farthest statement sits as far out as the farthest participant.
  const [sx, sy] = result.pca.statementProjection;
  let sr = 0;
  for (const { j } of shown) sr = Math.max(sr, Math.hypot(sx[j]!, sy[j]!));
  const sScale = sr > 0 && pr > 0 ? pr / sr : 1;

  // One scale for both axes, centred on the data's bounding box.
  const xs = [...visible.map((i) => px[i]!), ...shown.map(({ j }) => sx[j]! * sScale)].sort((a, b) => a - b);
  const ys = [...visible.map((i) => py[i]!), ...shown.map(({ j }) => sy[j]! * sScale)].sort((a, b) => a - b);
  const x0 = quantileSorted(xs, trim) ?? -1;
  const x1 = quantileSorted(xs, 1 - trim) ?? 1;
  const y0 = quantileSorted(ys, trim) ?? -1;
  const y1 = quantileSorted(ys, 1 - trim) ?? 1;
  const spanX = Math.max(x1 - x0, 1e-9);
  const spanY = Math.max(y1 - y0, 1e-9);
  const innerW = o.width - 2 * o.margin;
  const innerH = o.height - 2 * o.margin;
  const k = x1 - x0 < 1e-9 && y1 - y0 < 1e-9 ? 1 : Math.min(innerW / spanX, innerH / spanY);
  const mx = (x0 + x1) / 2;
  const my = (y0 + y1) / 2;
  const X = (x: number): number => round(o.width / 2 + (x - mx) * k);
  const Y = (y: number): number => round(o.height / 2 - (y - my) * k);

  const r = o.dotRadius ?? Math.min(4.5, Math.max(2, 4.5 * Math.sqrt(200 / Math.max(n, 1))));
  const dots: MapDot[] = [];
  const members = new Map<number, Point[]>(groups.map((g) => [g.id, []]));
  const weights = new Map<number, number[]>(groups.map((g) => [g.id, []]));
  const ungroupedPoints: Point[] = [];
  let you: { x: number; y: number; group: GroupResult | null } | null = null;
  // Ungrouped first so grouped dots paint on top of them.
  const order = [...Array(n).keys()].sort((a, b) => Number(result.participantGroup[a] !== null) - Number(result.participantGroup[b] !== null) || a - b);
  for (const i of order) {
    const gid = result.participantGroup[i] ?? null;
    const x = X(px[i]!);
    const y = Y(py[i]!);
    const id = result.participants[i]!;
    if (o.you !== undefined && id === o.you) you = { x, y, group: gid === null ? null : byId.get(gid)! };
    if (gid === null) {
      if (!o.showUngrouped) continue;
      ungroupedPoints.push([x, y]);
      dots.push({ key: String(id), x, y, r: round(r * 0.75), color: ungroupedColor, grouped: false });
    } else {
      members.get(gid)!.push([x, y]);
      const confidence = o.uncertainty?.confidence(i) ?? null;
      const opacity = confidence === null ? undefined : round(membershipOpacity(confidence, o.minOpacity));
      weights.get(gid)!.push(opacity ?? 1);
      dots.push({ key: String(id), x, y, r: round(r), color: o.groupColor(byId.get(gid)!), grouped: true, ...(opacity !== undefined && { opacity }) });
    }
  }

  // Each group's core (the densest share of its members), padded and kept apart from the others' cores.
  const drawn = groups.filter((g) => members.get(g.id)!.length > 0);
  const areas = separatedHulls(coreHulls(drawn.map((g) => members.get(g.id)!), o.hullCoverage ?? defaultCoreShare), hullPadding + r, hullGap);
  const hulls: MapHull[] = drawn
    .map((g, gi) => {
      const stability = o.uncertainty?.group(g.id);
      return {
        key: String(g.id),
        id: g.id,
        color: o.groupColor(g),
        points: areas[gi]!.map(([hx, hy]) => [round(hx), round(hy)] as Point),
        ariaLabel: hullLabel(o.t, g, stability),
        unstable: stability?.unstable ?? false,
      };
    });

  const youMark = you && youMarker(you, you.group && { id: you.group.id, label: you.group.label, color: o.groupColor(you.group) }, hulls, o.width, o.t);
  const labels = groupLabelLayout(
    hulls,
    hulls.map((h) => ({ ...byId.get(h.id)!, stability: o.uncertainty?.group(h.id) })),
    { width: o.width, height: o.height, fontSize: labelFontSize },
    (box, i) => labelPenalty(box, i, hulls, dots, youMark, density ? 0.1 : 1),
    o.t,
  );

  const statements: MapStatement[] = shown.map(({ id, j }) => ({
    key: String(id),
    id,
    x: X(sx[j]! * sScale),
    y: Y(sy[j]! * sScale),
    text: o.statementLabel(id),
  }));

  const densityGroups: MapDensity[] = density
    ? [
        ...(ungroupedPoints.length > 0 ? [{ key: 'ungrouped', color: ungroupedColor, points: ungroupedPoints }] : []),
        ...groups
          .filter((g) => members.get(g.id)!.length > 0)
          .map((g) => ({ key: String(g.id), color: o.groupColor(g), points: members.get(g.id)!, ...(o.uncertainty && { weights: weights.get(g.id)! }) })),
      ]
    : [];
  return {
    density,
    dots: density ? [] : dots,
    densityGroups,
    hulls,
    labels,
    you: youMark,
    statements,
    bandwidth: round(Math.max(6, Math.min(innerW, innerH) / 40)),
    ungrouped: result.participantGroup.filter((g) => g === null).length,
  };
}

/** Font size of the "You" text. */
export const youFontSize = 13;

/** Lays out "You" (see `MapYou`) at pixel (x, y) for a participant of `group` (null: not in a group). */
export function youMarker(at: { x: number; y: number }, group: { id: number; label: string; color: string } | null, hulls: readonly MapHull[], width: number, t: Translator): MapYou {
  const text = t.t('chart.you.label', { inGroup: group ? 'yes' : 'no', label: group?.label ?? '' });
  const w = textWidth(text, youFontSize) + 4;
  const own = group ? hulls.find((h) => h.id === group.id) : undefined;
  const near = own && own.points.length > 0 ? distanceToConvex(own.points, [at.x, at.y]) : null;
  // Beyond the ring (radius 9): draw a line to the own area.
  const leader = near && near.distance > 9 ? ([round(near.nearest[0]), round(near.nearest[1])] as Point) : null;
  const covers = (x0: number): boolean =>
    hulls.some((h) => h !== own && h.points.length >= 3 && [x0, x0 + w / 2, x0 + w].some((x) => [at.y - 7, at.y, at.y + 7].some((y) => insideConvex(h.points, [x, y]))));
  const fitsRight = at.x + 13 + w <= width;
  const fitsLeft = at.x - 13 - w >= 0;
  const side = fitsRight && (!covers(at.x + 13) || !fitsLeft || covers(at.x - 13 - w)) ? 'right' : fitsLeft ? 'left' : 'right';
  return { x: at.x, y: at.y, groupLabel: group?.label ?? null, color: group?.color ?? null, text, side, leader };
}

/** Ray-casting point-in-polygon test. */
function insidePolygon(poly: readonly Point[], x: number, y: number): boolean {
  let inside = false;
  for (let i = 0, j = poly.length - 1; i < poly.length; j = i++) {
    const [xi, yi] = poly[i]!;
    const [xj, yj] = poly[j]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/**
 * What a label at `box` would hide: the "You" marker (worst), participant dots (weighted less when
 * only density is drawn), and other groups' hulls (sampled at 9 points), where it would look like theirs.
 */
export function labelPenalty(box: LabelBox, index: number, hulls: readonly MapHull[], dots: readonly MapDot[], you: MapLayout['you'], dotWeight: number): number {
  const x0 = box.x - box.width / 2 - 2;
  const x1 = box.x + box.width / 2 + 2;
  const y0 = box.y - box.height / 2 - 2;
  const y1 = box.y + box.height / 2 + 2;
  const covers = (x: number, y: number, r: number): boolean => x + r > x0 && x - r < x1 && y + r > y0 && y - r < y1;
  let cost = you && covers(you.x, you.y, 40) ? 100 : 0;
  if (you) {
    // Nor the text naming "You"'s group.
    const w = textWidth(you.text, youFontSize) + 4;
    const tx = you.side === 'right' ? you.x + 13 : you.x - 13 - w;
    if (tx < x1 && tx + w > x0 && you.y - 9 < y1 && you.y + 9 > y0) cost += 100;
  }
  for (const d of dots) if (covers(d.x, d.y, d.r)) cost += dotWeight * (d.grouped ? 3 : 1);
  hulls.forEach((h, j) => {
    if (j === index) return;
    for (const sx of [x0, box.x, x1]) for (const sy of [y0, box.y, y1]) if (insidePolygon(h.points, sx, sy)) cost += 2;
  });
  return cost;
}
