// `pnpm exec tsx --conditions=@kuulo/source bench/map/mapBench.ts [export dir]... [--hameentie] [--share S] [--set key=value]...`: how far the
// opinion map's group areas overlap, how many participants sit inside another group's area and how many
// group labels read as the wrong group, on real conversations. The last stdout line is one JSON object.
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { participantView, type ConversationOptions, type KuuloResult, type Vote } from '../../packages/core/src/index.js';
import { hameentieStatements, type Stance } from '../../packages/server/src/demoHameentie.js';
import { vizTranslator } from '../../packages/viz/src/i18n/index.js';
import { opinionMapLayout, type MapHull, type MapLabel } from '../../packages/viz/src/opinionMapLayout.js';
import { opinionMapSummaryLayout } from '../../packages/viz/src/opinionMapSummaryLayout.js';
import { groupColor } from '../../packages/viz/src/palette.js';
import { readPolisExport } from '../data/readPolisExport.js';
import { createConversation, loadVotes } from '../pipeline/runPipeline.js';

type Point = [number, number];
const openData = fileURLToPath(new URL('../../packages/core/test/fixtures/open-data', import.meta.url));

/** Phone (the participant page's map at 390 px: height and margin as participantMap.ts) and desktop. */
const sizes = [
  { name: '390', width: 390, height: 281, margin: 28 },
  { name: '960', width: 960, height: 691, margin: 40 },
];

// ---- geometry on convex polygons (every area the map draws is convex) ----
function area(poly: readonly Point[]): number {
  let s = 0;
  for (let i = 0, j = poly.length - 1; i < poly.length; j = i++) s += poly[j]![0] * poly[i]![1] - poly[i]![0] * poly[j]![1];
  return Math.abs(s) / 2;
}
function ccw(poly: readonly Point[]): Point[] {
  let s = 0;
  for (let i = 0, j = poly.length - 1; i < poly.length; j = i++) s += poly[j]![0] * poly[i]![1] - poly[i]![0] * poly[j]![1];
  return s < 0 ? [...poly].reverse() : [...poly];
}
/** Sutherland–Hodgman: `subject` clipped by convex `clip`. */
function intersection(subject: readonly Point[], clip: readonly Point[]): Point[] {
  let out = ccw(subject);
  const c = ccw(clip);
  for (let i = 0; i < c.length && out.length > 0; i++) {
    const a = c[i]!;
    const b = c[(i + 1) % c.length]!;
    const side = (p: Point): number => (b[0] - a[0]) * (p[1] - a[1]) - (b[1] - a[1]) * (p[0] - a[0]);
    const input = out;
    out = [];
    for (let k = 0; k < input.length; k++) {
      const p = input[k]!;
      const q = input[(k + 1) % input.length]!;
      const sp = side(p);
      const sq = side(q);
      if (sp >= 0) out.push(p);
      if ((sp >= 0) !== (sq >= 0)) {
        const t = sp / (sp - sq);
        out.push([p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1])]);
      }
    }
  }
  return out;
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
/** Distance from (x, y) to the polygon's area (0 inside). */
function distance(poly: readonly Point[], x: number, y: number): number {
  if (poly.length >= 3 && inside(poly, x, y)) return 0;
  let best = Infinity;
  for (let i = 0, j = poly.length - 1; i < poly.length; j = i++) {
    const [ax, ay] = poly[j]!;
    const [bx, by] = poly[i]!;
    const dx = bx - ax;
    const dy = by - ay;
    const len = dx * dx + dy * dy;
    const t = len > 0 ? Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / len)) : 0;
    best = Math.min(best, Math.hypot(x - ax - t * dx, y - ay - t * dy));
  }
  return best;
}
const centroid = (poly: readonly Point[]): Point => [poly.reduce((s, p) => s + p[0], 0) / poly.length, poly.reduce((s, p) => s + p[1], 0) / poly.length];

/** Pairwise overlap of areas: intersection ÷ smaller area, and overlap of their widths along the line between their centres ÷ the narrower width. */
function pairOverlaps(areas: readonly { label: string; poly: Point[]; center: Point }[]): { pair: string; area: number; width: number }[] {
  const out: { pair: string; area: number; width: number }[] = [];
  for (let i = 0; i < areas.length; i++) {
    for (let j = i + 1; j < areas.length; j++) {
      const a = areas[i]!;
      const b = areas[j]!;
      if (a.poly.length < 3 || b.poly.length < 3) continue;
      const inter = intersection(a.poly, b.poly);
      const smaller = Math.min(area(a.poly), area(b.poly));
      const dx = b.center[0] - a.center[0];
      const dy = b.center[1] - a.center[1];
      const len = Math.hypot(dx, dy) || 1;
      const proj = (poly: Point[]): [number, number] => {
        const v = poly.map((p) => (p[0] * dx + p[1] * dy) / len);
        return [Math.min(...v), Math.max(...v)];
      };
      const [a0, a1] = proj(a.poly);
      const [b0, b1] = proj(b.poly);
      const overlap = Math.max(0, Math.min(a1, b1) - Math.max(a0, b0));
      out.push({ pair: `${a.label}-${b.label}`, area: r3(inter.length >= 3 && smaller > 0 ? area(inter) / smaller : 0), width: r3(overlap / Math.min(a1 - a0, b1 - b0)) });
    }
  }
  return out;
}
const r3 = (v: number): number => Math.round(v * 1000) / 1000;
const max = (v: number[]): number => (v.length ? Math.max(...v) : 0);

/** Participants (grouped) whose point lies inside another group's area, and those of them outside their own. */
function strays(points: readonly { group: number; x: number; y: number }[], areas: ReadonlyMap<number, Point[]>): { inOther: number; onlyOther: number; grouped: number } {
  let inOther = 0;
  let onlyOther = 0;
  for (const p of points) {
    const other = [...areas].some(([id, poly]) => id !== p.group && poly.length >= 3 && inside(poly, p.x, p.y));
    if (!other) continue;
    inOther++;
    const own = areas.get(p.group);
    if (!own || !inside(own, p.x, p.y)) onlyOther++;
  }
  return { inOther: r3(inOther / Math.max(points.length, 1)), onlyOther: r3(onlyOther / Math.max(points.length, 1)), grouped: points.length };
}

/** Labels that read as another group's: centre inside another area, box over another area, or centre nearer another area than its own. */
function wrongLabels(labels: readonly MapLabel[], hulls: readonly MapHull[]): { labels: number; centreInOther: number; boxOverOther: number; nearerOther: number; wrong: string[] } {
  let centreInOther = 0;
  let boxOverOther = 0;
  let nearerOther = 0;
  const wrong: string[] = [];
  for (const l of labels) {
    const own = hulls.find((h) => h.key === l.key)!;
    const others = hulls.filter((h) => h.key !== l.key);
    const c = others.some((h) => inside(h.points, l.x, l.y));
    const corners: Point[] = [];
    for (const fx of [-0.5, 0, 0.5]) for (const fy of [-0.5, 0, 0.5]) corners.push([l.x + fx * l.width, l.y + fy * l.height]);
    const box = others.some((h) => corners.some(([x, y]) => inside(h.points, x, y)));
    const ownD = distance(own.points, l.x, l.y);
    const near = others.some((h) => distance(h.points, l.x, l.y) < ownD);
    centreInOther += Number(c);
    boxOverOther += Number(box);
    nearerOther += Number(near);
    if (c || near) wrong.push(l.text);
  }
  return { labels: labels.length, centreInOther, boxOverOther, nearerOther, wrong };
}

/** The full result's map (report and live map): dots are participants, so strays are measured on dots. */
function measureFull(result: KuuloResult, size: (typeof sizes)[number], share: number | undefined): Record<string, unknown> {
  const t = vizTranslator('en');
  const layout = opinionMapLayout(result, {
    ...size,
    you: undefined,
    statements: new Set(),
    statementLabel: String,
    densityThreshold: Infinity,
    dotRadius: undefined,
    showUngrouped: true,
    groupColor: (g) => groupColor(g.id),
    hullCoverage: share,
    uncertainty: null,
    minOpacity: 0.2,
    t,
  });
  const groupOf = new Map(result.participants.map((p, i) => [String(p), result.participantGroup[i]]));
  const points = layout.dots.filter((d) => d.grouped).map((d) => ({ group: groupOf.get(d.key)!, x: d.x, y: d.y }));
  const areas = new Map(layout.hulls.map((h) => [h.id, h.points]));
  const overlaps = pairOverlaps(layout.hulls.map((h) => ({ label: result.groups.find((g) => g.id === h.id)!.label, poly: h.points, center: centroid(h.points) })));
  return { overlaps, maxArea: max(overlaps.map((o) => o.area)), maxWidth: max(overlaps.map((o) => o.width)), strays: strays(points, areas), labels: wrongLabels(layout.labels, layout.hulls) };
}

/** The participant page's map, drawn from the slim view; "You" at each grouped participant's place. */
function measureSummary(result: KuuloResult, view: ReturnType<typeof participantView>, size: (typeof sizes)[number]): Record<string, unknown> {
  const t = vizTranslator('en');
  const base = { ...size, groupColor: (g: { id: number }) => groupColor(g.id), stability: new Map(), t };
  // The layout's map → pixel transform, read off two "You" points inside the extent (they do not change the fit).
  const [ex, ey] = [view.extent.x, view.extent.y];
  const at = (x: number, y: number) => opinionMapSummaryLayout(view, { ...base, you: { x, y, group: null } });
  const p = at(ex[0], ey[0]);
  const q = at(ex[1], ey[1]);
  const kx = (q.you!.x - p.you!.x) / (ex[1] - ex[0] || 1);
  const ky = (q.you!.y - p.you!.y) / (ey[1] - ey[0] || 1);
  const X = (x: number): number => p.you!.x + (x - ex[0]) * kx;
  const Y = (y: number): number => p.you!.y + (y - ey[0]) * ky;
  const layout = p;
  const { x, y } = result.participantProjection;
  const points = result.participants.flatMap((_, i) => (result.participantGroup[i] === null ? [] : [{ group: result.participantGroup[i]!, x: X(x[i]!), y: Y(y[i]!) }]));
  const areas = new Map(layout.hulls.map((h) => [h.id, h.points]));
  const overlaps = pairOverlaps(layout.hulls.map((h) => ({ label: view.groups.find((g) => g.id === h.id)!.label, poly: h.points, center: centroid(h.points) })));
  return { overlaps, maxArea: max(overlaps.map((o) => o.area)), maxWidth: max(overlaps.map((o) => o.width)), strays: strays(points, areas), labels: wrongLabels(layout.labels, layout.hulls) };
}

/** The view's own areas in map coordinates (unpadded): overlap, coverage and strays. */
function measureView(result: KuuloResult, view: ReturnType<typeof participantView>): Record<string, unknown> {
  const { x, y } = result.participantProjection;
  const areas = new Map(view.groups.map((g) => [g.id, g.hull as Point[]]));
  const points = result.participants.flatMap((_, i) => (result.participantGroup[i] === null ? [] : [{ group: result.participantGroup[i]!, x: x[i]!, y: y[i]! }]));
  const coverage = view.groups.map((g) => {
    const own = points.filter((pt) => pt.group === g.id);
    return { group: g.label, size: own.length, coverage: r3(own.filter((pt) => g.hull.length >= 3 && inside(g.hull, pt.x, pt.y)).length / Math.max(own.length, 1)) };
  });
  const overlaps = pairOverlaps(view.groups.map((g) => ({ label: g.label, poly: g.hull as Point[], center: g.center })));
  return { hullCoverage: view.hullCoverage, coverage, overlaps, maxArea: max(overlaps.map((o) => o.area)), maxWidth: max(overlaps.map((o) => o.width)), strays: strays(points, areas) };
}

/** The Hämeentie demo's votes, generated exactly as packages/server/src/demo.ts does (same seed, same order). */
function hameentieVotes(): Vote[] {
  let a = 13 >>> 0;
  const random = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const participants = 60;
  const sideA = 34;
  const leaning = (stance: Stance, onSideA: boolean): [number, number] => (stance === 'both' ? [0.75, 0.12] : (stance === 'a') === onSideA ? [0.85, 0.08] : [0.12, 0.78]);
  const authors = hameentieStatements.map((s, i) => (s.stance === 'b' ? sideA + i : s.stance === 'a' ? i : 3 * i));
  const votes: Vote[] = [];
  let time = 1_700_000_000_000;
  for (let pid = 0; pid < participants; pid++) {
    hameentieStatements.forEach((s, i) => {
      const authored = authors[i] === pid;
      if (!authored && random() < 0.15) return;
      const [agree, disagree] = leaning(s.stance, pid < sideA);
      const r = random();
      votes.push({ participant: pid, statement: i, vote: authored || r < agree ? 1 : r < agree + disagree ? -1 : 0, time: (time += 1000) });
    });
  }
  return votes;
}

function measure(name: string, result: KuuloResult, share: number | undefined): Record<string, unknown> {
  const view = participantView(result, share === undefined ? {} : { hullCoverage: share });
  return {
    name,
    participants: result.participants.length,
    groups: result.groups.map((g) => `${g.label}:${g.size}`),
    view: measureView(result, view),
    summaryMap: Object.fromEntries(sizes.map((s) => [s.name, measureSummary(result, view, s)])),
    fullMap: Object.fromEntries(sizes.map((s) => [s.name, measureFull(result, s, share)])),
  };
}

function main(): void {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { hameentie: { type: 'boolean', default: false }, share: { type: 'string' }, set: { type: 'string', multiple: true, default: [] } } });
  const options: Record<string, string | number | boolean> = {};
  for (const kv of values.set) {
    const [k, v] = kv.split('=');
    options[k!] = v === 'true' ? true : v === 'false' ? false : Number.isFinite(Number(v)) ? Number(v) : v!;
  }
  const share = values.share === undefined ? undefined : Number(values.share);
  const dirs = positionals.length > 0 ? positionals : readdirSync(openData, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => `${openData}/${d.name}`).sort();
  const conversations: Record<string, unknown>[] = [];
  for (const dir of dirs) {
    process.stderr.write(`map ${dir}\n`);
    const data = readPolisExport(dir);
    const conversation = createConversation({ moderation: data.moderation, options: options as ConversationOptions });
    loadVotes(conversation, data.votes);
    conversations.push(measure(data.name, conversation.update(), share));
  }
  if (values.hameentie || positionals.length === 0) {
    process.stderr.write('map hameentie (demo)\n');
    const conversation = createConversation({ options: options as ConversationOptions });
    conversation.addVotes(hameentieVotes());
    conversations.push(measure('hameentie', conversation.update(), share));
  }
  type Measured = Record<string, any>;
  const all = (pick: (c: Measured) => number): number => max(conversations.map(pick));
  const sum = (pick: (c: Measured) => number): number => conversations.reduce((s, c) => s + pick(c), 0);
  const summary = {
    view_max_area_overlap: all((c) => c.view.maxArea),
    view_max_width_overlap: all((c) => c.view.maxWidth),
    view_max_strays: all((c) => c.view.strays.inOther),
    ...Object.fromEntries(
      sizes.flatMap((s) => [
        [`summary_${s.name}_max_area_overlap`, all((c) => c.summaryMap[s.name].maxArea)],
        [`summary_${s.name}_max_width_overlap`, all((c) => c.summaryMap[s.name].maxWidth)],
        [`summary_${s.name}_max_strays`, all((c) => c.summaryMap[s.name].strays.inOther)],
        [`summary_${s.name}_wrong_labels`, sum((c) => c.summaryMap[s.name].labels.wrong.length)],
        [`full_${s.name}_max_area_overlap`, all((c) => c.fullMap[s.name].maxArea)],
        [`full_${s.name}_max_width_overlap`, all((c) => c.fullMap[s.name].maxWidth)],
        [`full_${s.name}_max_strays`, all((c) => c.fullMap[s.name].strays.inOther)],
        [`full_${s.name}_wrong_labels`, sum((c) => c.fullMap[s.name].labels.wrong.length)],
      ]),
    ),
    labels: sum((c) => c.fullMap['390'].labels.labels),
  };
  process.stdout.write(`${JSON.stringify({ bench: 'map', options, share: share ?? 'default', summary, conversations })}\n`);
}

try {
  main();
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\nusage: tsx --conditions=@kuulo/source bench/map/mapBench.ts [export dir]... [--hameentie] [--share S] [--set key=value]...\n`);
  process.exit(1);
}
