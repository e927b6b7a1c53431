import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Conversation, coreHull, coreHulls, defaultCoreShare, parsePolisCommentsCsv, parsePolisVotesCsv, participantView, peel, type KuuloResult } from '../../src/index.js';
import { convexHull } from '../../src/view/convexHull.js';
import { fixturesDir } from '../helpers/fixtures.js';
import { insideConvex } from '../helpers/insideConvex.js';

type Point = [number, number];
const openDataNames = ['15-per-hour-seattle', 'brexit-consensus', 'canadian-electoral-reform', 'scoop-hivemind.ubi', 'vtaiwan.uberx'] as const;

function openDataResult(name: string): KuuloResult {
  const dir = `${fixturesDir}open-data/${name}/`;
  const conversation = new Conversation({ seed: 1 });
  conversation.moderate(parsePolisCommentsCsv(readFileSync(`${dir}comments.csv`, 'utf8'), { source: `${name}/comments.csv` }).moderation);
  conversation.addVotes(parsePolisVotesCsv(readFileSync(`${dir}votes.csv`), { source: `${name}/votes.csv` }));
  return conversation.update();
}

function area(poly: readonly Point[]): number {
  let s = 0;
  for (let i = 0, j = poly.length - 1; i < poly.length; j = i++) s += poly[j]![0] * poly[i]![1] - poly[i]![0] * poly[j]![1];
  return Math.abs(s) / 2;
}

/** Area shared by two counter-clockwise convex polygons (Sutherland–Hodgman). */
function sharedArea(a: readonly Point[], b: readonly Point[]): number {
  let out = [...a];
  for (let i = 0; i < b.length && out.length > 0; i++) {
    const [p0, p1] = [b[i]!, b[(i + 1) % b.length]!];
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

/** Overlap of two polygons' widths along the line between their centres, as a share of the narrower width. */
function widthOverlap(a: readonly Point[], b: readonly Point[]): number {
  const mean = (p: readonly Point[]): Point => [p.reduce((s, q) => s + q[0], 0) / p.length, p.reduce((s, q) => s + q[1], 0) / p.length];
  const [ca, cb] = [mean(a), mean(b)];
  const [dx, dy] = [cb[0] - ca[0], cb[1] - ca[1]];
  const span = (p: readonly Point[]): [number, number] => {
    const v = p.map((q) => q[0] * dx + q[1] * dy);
    return [Math.min(...v), Math.max(...v)];
  };
  const [a0, a1] = span(a);
  const [b0, b1] = span(b);
  return Math.max(0, Math.min(a1, b1) - Math.max(a0, b0)) / Math.min(a1 - a0, b1 - b0);
}

describe('coreHulls(groups, share)', () => {
  it('peel keeps at least `keep` points, the deepest ones, whatever the input order', () => {
    const ring: Point[] = Array.from({ length: 12 }, (_, k) => [10 * Math.cos((k * Math.PI) / 6), 10 * Math.sin((k * Math.PI) / 6)]);
    const inner: Point[] = [[0, 0], [1, 0], [0, 1], [-1, -1]];
    const kept = peel([...ring, ...inner], 4);
    expect(kept.sort()).toEqual([...inner].sort());
    expect(peel([...inner, ...ring].reverse(), 4).sort()).toEqual([...inner].sort());
    // Never below `keep`: the 12-point ring and the 4 inside cannot lose the ring when 5 must stay.
    expect(peel([...ring, ...inner], 5)).toHaveLength(16);
  });

  it('share 1 is Polis\'s hull of every member; a share outside (0, 1] is refused', () => {
    const g: Point[] = [[0, 0], [4, 0], [4, 4], [0, 4], [2, 2], [9, 9]];
    expect(coreHulls([g], 1)).toEqual([convexHull(g)]);
    expect(() => coreHulls([g], 0)).toThrow('coreHulls: share must be in (0, 1], got 0');
    expect(() => coreHull(new Map([[0, g]]), 1.5, 0.5)).toThrow('coreHull: no group 1.5');
  });

  it('above 1,000 members (layers peeled off a sample) still holds the share exactly, keeps cores apart, and ignores input order', () => {
    let seed = 7;
    const random = (): number => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const cloud = (cx: number, n: number): Point[] => Array.from({ length: n }, () => [cx + random() + random() + random() - 1.5, random() + random() + random() - 1.5]);
    const groups = [cloud(0, 6000), cloud(1.5, 3000), cloud(-1.5, 800)];
    const cores = coreHulls(groups, defaultCoreShare);
    groups.forEach((g, i) => {
      const inside = g.filter((p) => insideConvex(cores[i]!, p, 1e-9)).length;
      // Members nearer another group's median may be left out (the clouds overlap): at most 10 % here.
      expect(inside / g.length, `group ${i}`).toBeGreaterThanOrEqual(defaultCoreShare - 0.1);
      expect(cores[i]!.length).toBeGreaterThanOrEqual(3);
    });
    for (let i = 0; i < 3; i++) for (let j = i + 1; j < 3; j++) expect(sharedArea(cores[i]!, cores[j]!)).toBeLessThan(1e-9);
    expect(coreHulls(groups.map((g) => [...g].reverse()), defaultCoreShare)).toEqual(cores);
  });

  describe('on the open-data conversations (participantView, default share)', () => {
    for (const name of openDataNames) {
      it(`${name}: cores never overlap (shared area 0, widths along the centre line overlap < 10 %), each holds ≥ ${Math.round(defaultCoreShare * 100)} % of its members less those nearer another group's median, and ≥ 60 % in all`, () => {
        const result = openDataResult(name);
        const view = participantView(result);
        expect(view.hullCoverage).toBe(defaultCoreShare);
        const { x, y } = result.participantProjection;
        const members = new Map(view.groups.map((g) => [g.id, [] as Point[]]));
        result.participantGroup.forEach((g, i) => g !== null && members.get(g)?.push([x[i]!, y[i]!]));
        const median = (v: number[]): number => {
          const s = [...v].sort((a, b) => a - b);
          return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
        };
        const medians = new Map([...members].map(([id, pts]) => [id, [median(pts.map((p) => p[0])), median(pts.map((p) => p[1]))] as Point]));
        for (const g of view.groups) {
          const own = members.get(g.id)!;
          const inside = own.filter((p) => insideConvex(g.hull, p, 1e-4)).length;
          const d = (p: Point, m: Point): number => Math.hypot(p[0] - m[0], p[1] - m[1]);
          const inCell = own.filter((p) => [...medians].every(([id, m]) => id === g.id || d(p, medians.get(g.id)!) <= d(p, m))).length;
          expect(inside, `${name} group ${g.label}`).toBeGreaterThanOrEqual(Math.min(Math.ceil(defaultCoreShare * own.length), inCell));
          expect(inside / own.length, `${name} group ${g.label}`).toBeGreaterThanOrEqual(0.6);
          for (const h of view.groups) {
            if (h.id <= g.id) continue;
            expect(sharedArea(g.hull, h.hull), `${name}: ${g.label} and ${h.label}`).toBeLessThan(1e-6 * Math.min(area(g.hull), area(h.hull)));
            expect(widthOverlap(g.hull, h.hull), `${name}: ${g.label} and ${h.label}`).toBeLessThan(0.1);
          }
        }
      });
    }
  });

  it('is deterministic: the same members in another order give the same cores, and a second run the same view', () => {
    const result = openDataResult('brexit-consensus');
    const { x, y } = result.participantProjection;
    const ids = result.groups.map((g) => g.id);
    const groups = ids.map((id) => result.participantGroup.flatMap((g, i) => (g === id ? [[x[i]!, y[i]!] as Point] : [])));
    const shuffled = groups.map((g) => [...g].sort((a, b) => Math.sin(a[0] * 1e4) - Math.sin(b[0] * 1e4)));
    expect(coreHulls(shuffled, defaultCoreShare)).toEqual(coreHulls(groups, defaultCoreShare));
    const byId = new Map(ids.map((id, j) => [id, groups[j]!]));
    expect(ids.map((id) => coreHull(byId, id, defaultCoreShare))).toEqual(coreHulls(groups, defaultCoreShare));
    expect(JSON.stringify(participantView(result))).toBe(JSON.stringify(participantView(result)));
  });
});
