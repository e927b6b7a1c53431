import { participantView, type KuuloResult } from '@kuulo/core';
import { describe, expect, it } from 'vitest';
import { vizTranslator } from '../src/i18n';
import { opinionMapLayout, type MapHull, type MapLabel } from '../src/opinionMapLayout';
import { opinionMapSummaryLayout } from '../src/opinionMapSummaryLayout';
import { groupColor } from '../src/palette';
import { textWidth } from '../src/wrapText';
import { openDataResult } from './helpers/fixtures';

// Issue #14: areas drawn around each group's core never overlap, and no label or "You" reads as another group's.
type Point = [number, number];
const fixtures = ['15-per-hour-seattle', 'brexit-consensus', 'canadian-electoral-reform', 'scoop-hivemind.ubi', 'vtaiwan.uberx'];
/** A phone (the participant page's map at 390 px) and a desktop. */
const sizes = [
  { width: 390, height: 281, margin: 28 },
  { width: 960, height: 691, margin: 40 },
];
const t = vizTranslator('en');

// Geometry of the test's own, so the checks do not reuse what they check.
function ccw(poly: readonly Point[]): Point[] {
  let s = 0;
  for (let i = 0, j = poly.length - 1; i < poly.length; j = i++) s += poly[j]![0] * poly[i]![1] - poly[i]![0] * poly[j]![1];
  return s < 0 ? [...poly].reverse() : [...poly];
}
function area(poly: readonly Point[]): number {
  let s = 0;
  for (let i = 0, j = poly.length - 1; i < poly.length; j = i++) s += poly[j]![0] * poly[i]![1] - poly[i]![0] * poly[j]![1];
  return Math.abs(s) / 2;
}
/** Area shared by two convex polygons (Sutherland–Hodgman). */
function sharedArea(a: readonly Point[], b: readonly Point[]): number {
  let out = ccw(a);
  const clip = ccw(b);
  for (let i = 0; i < clip.length && out.length > 0; i++) {
    const [p0, p1] = [clip[i]!, clip[(i + 1) % clip.length]!];
    const side = (p: Point): number => (p1[0] - p0[0]) * (p[1] - p0[1]) - (p1[1] - p0[1]) * (p[0] - p0[0]);
    const input = out;
    out = [];
    input.forEach((p, k) => {
      const q = input[(k + 1) % input.length]!;
      if (side(p) >= 0) out.push(p);
      if (side(p) >= 0 !== side(q) >= 0) {
        const s = side(p) / (side(p) - side(q));
        out.push([p[0] + s * (q[0] - p[0]), p[1] + s * (q[1] - p[1])]);
      }
    });
  }
  return out.length >= 3 ? area(out) : 0;
}
function inside(poly: readonly Point[], x: number, y: number): boolean {
  let hit = false;
  for (let i = 0, j = poly.length - 1; i < poly.length; j = i++) {
    const [xi, yi] = poly[i]!;
    const [xj, yj] = poly[j]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) hit = !hit;
  }
  return hit;
}
function distance(poly: readonly Point[], x: number, y: number): number {
  if (inside(poly, x, y)) return 0;
  let best = Infinity;
  for (let i = 0, j = poly.length - 1; i < poly.length; j = i++) {
    const [ax, ay] = poly[j]!;
    const [dx, dy] = [poly[i]![0] - ax, poly[i]![1] - ay];
    const s = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy || 1)));
    best = Math.min(best, Math.hypot(x - ax - s * dx, y - ay - s * dy));
  }
  return best;
}

function fullLayout(result: KuuloResult, size: (typeof sizes)[number], you?: number) {
  return opinionMapLayout(result, {
    ...size,
    you,
    statements: new Set(),
    statementLabel: String,
    densityThreshold: 2000,
    dotRadius: undefined,
    showUngrouped: true,
    groupColor: (g) => groupColor(g.id),
    hullCoverage: undefined,
    uncertainty: null,
    minOpacity: 0.2,
    t,
  });
}

function summaryLayout(view: ReturnType<typeof participantView>, size: (typeof sizes)[number], you: { x: number; y: number; group: number | null } | null = null) {
  return opinionMapSummaryLayout(view, { ...size, you, groupColor: (g) => groupColor(g.id), stability: new Map(), t });
}

function expectApart(hulls: readonly MapHull[], where: string): void {
  for (let i = 0; i < hulls.length; i++) {
    for (let j = i + 1; j < hulls.length; j++) {
      expect(sharedArea(hulls[i]!.points, hulls[j]!.points), `${where}: areas ${hulls[i]!.key} and ${hulls[j]!.key} overlap`).toBeLessThan(0.5);
    }
  }
}

/** A label reads as its own group's: no point of its box in another area, and its centre nearer its own area than any other. */
function expectOwnLabels(labels: readonly MapLabel[], hulls: readonly MapHull[], where: string): void {
  expect(labels).toHaveLength(hulls.length);
  for (const l of labels) {
    const own = hulls.find((h) => h.key === l.key)!;
    for (const other of hulls.filter((h) => h.key !== l.key)) {
      for (const fx of [-0.5, 0, 0.5]) {
        for (const fy of [-0.5, 0, 0.5]) {
          expect(inside(other.points, l.x + fx * l.width, l.y + fy * l.height), `${where}: label ${l.text} over group ${other.key}`).toBe(false);
        }
      }
      expect(distance(own.points, l.x, l.y), `${where}: label ${l.text} nearer group ${other.key}`).toBeLessThan(distance(other.points, l.x, l.y));
    }
  }
}

describe('opinion map areas describe each group\'s core (issue #14)', () => {
  const results = new Map(fixtures.map((f) => [f, openDataResult(f)]));

  it('the full map (report): areas never overlap and every label reads as its own group\'s, at 390 and 960 px', () => {
    for (const [name, result] of results) {
      for (const size of sizes) {
        const layout = fullLayout(result, size);
        expect(layout.hulls.length).toBe(result.groups.length);
        expectApart(layout.hulls, `${name} at ${size.width}`);
        expectOwnLabels(layout.labels, layout.hulls, `${name} at ${size.width}`);
      }
    }
  }, 120_000);

  it('the participant page\'s map: areas never overlap and every label reads as its own group\'s, at 390 and 960 px', () => {
    for (const [name, result] of results) {
      const view = participantView(result);
      for (const size of sizes) {
        const layout = summaryLayout(view, size);
        expect(layout.hulls.length).toBe(view.groups.length);
        expectApart(layout.hulls, `${name} at ${size.width}`);
        expectOwnLabels(layout.labels, layout.hulls, `${name} at ${size.width}`);
      }
    }
  }, 120_000);

  it('at most 2 % of grouped participants sit inside another group\'s area (the padded full hulls put up to 27 % there)', () => {
    for (const [name, result] of results) {
      for (const size of sizes) {
        const layout = fullLayout(result, size);
        const groupOf = new Map(result.participants.map((p, i) => [String(p), result.participantGroup[i]]));
        const dots = layout.dots.filter((d) => d.grouped);
        const strays = dots.filter((d) => layout.hulls.some((h) => h.id !== groupOf.get(d.key) && inside(h.points, d.x, d.y))).length;
        expect(strays / dots.length, `${name} at ${size.width}`).toBeLessThanOrEqual(0.02);
      }
    }
  }, 120_000);

  it('"You" names its group in the group\'s colour, on a side whose text covers no other area when one is free, and leads to its own area from outside it', () => {
    for (const [name, result] of results) {
      const view = participantView(result);
      const groups = new Map(view.groups.map((g) => [g.id, g]));
      const size = sizes[0]!;
      // Every participant of the smaller conversations, every 7th of vtaiwan's 1,921.
      const step = result.participants.length > 1000 ? 7 : 1;
      for (let row = 0; row < result.participants.length; row += step) {
        const gid = result.participantGroup[row];
        if (gid === null || gid === undefined || !groups.has(gid)) continue;
        const layout = summaryLayout(view, size, { x: result.participantProjection.x[row]!, y: result.participantProjection.y[row]!, group: gid });
        const you = layout.you!;
        const label = groups.get(gid)!.label;
        const where = `${name} row ${row}`;
        expect(you.text, where).toBe(`You · group ${label}`);
        expect(you.color, where).toBe(groupColor(gid));
        const own = layout.hulls.find((h) => h.id === gid)!.points;
        const away = distance(own, you.x, you.y);
        if (away > 9) {
          expect(you.leader, `${where}: no leader`).not.toBeNull();
          expect(distance(own, you.leader![0], you.leader![1]), `${where}: leader misses the area`).toBeLessThan(0.5);
        } else expect(you.leader, where).toBeNull();
        const w = textWidth(you.text, 13) + 4;
        const box = (x0: number): boolean =>
          layout.hulls.some((h) => h.id !== gid && [x0, x0 + w / 2, x0 + w].some((x) => [you.y - 7, you.y, you.y + 7].some((y) => inside(h.points, x, y))));
        const chosen = you.side === 'right' ? you.x + 13 : you.x - 13 - w;
        const otherSide = you.side === 'right' ? you.x - 13 - w : you.x + 13;
        const otherFits = otherSide >= 0 && otherSide + w <= size.width;
        if (box(chosen) && otherFits) expect(box(otherSide), `${where}: text over another area though the other side is free`).toBe(true);
      }
    }
  }, 120_000);
});
