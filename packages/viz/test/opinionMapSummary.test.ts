import { participantView, type KuuloResult, type ParticipantView } from '@kuulo/core';
import { describe, expect, it } from 'vitest';
import { groupColor, liveChart, opinionMapSummary, renderToString, type OpinionMapSummaryOptions } from '../src/index';
import { createDocument, openDataResult, polisResult, polisStatementText, uncertainResult } from './helpers/fixtures';
import { insideConvex } from './helpers/insideConvex';
import { expectSvgSnapshot } from './helpers/svgSnapshot';

const conversation = 'below-100-ptpts';
const statementText = polisStatementText(conversation);
const result = polisResult(conversation);
// Floor 2: this small fixture's group B has 3 members, and these tests are about drawing, not the privacy floor.
const view = participantView(result, { privacyFloor: 2 });

/** The server's `you` for the participant in row `row` of the result. */
function youAt(r: KuuloResult, row: number) {
  return { x: r.participantProjection.x[row]!, y: r.participantProjection.y[row]!, group: r.participantGroup[row] ?? null };
}

function render(v: ParticipantView, options: OpinionMapSummaryOptions = {}): string {
  return renderToString((document) => opinionMapSummary(v, { ...options, document }), { createDocument });
}

function parse(svg: string): Document {
  return new (createDocument().defaultView!.DOMParser)().parseFromString(svg, 'image/svg+xml');
}

function hullPoints(doc: Document, id: number): [number, number][] {
  const d = doc.querySelector(`g.kuulo-group[data-key="${id}"] path`)!.getAttribute('d')!;
  return d.slice(1, -1).split('L').map((p) => p.split(',').map(Number) as [number, number]);
}


function youPosition(doc: Document): [number, number] {
  const [x, y] = /translate\(([-\d.]+),([-\d.]+)\)/.exec(doc.querySelector('g.kuulo-you > g')!.getAttribute('transform')!)!.slice(1).map(Number);
  return [x!, y!];
}

describe('opinionMapSummary(view, options)', () => {
  it('on phone-width maps, no group label sits inside another group\'s outline (the label may go on its own group)', () => {
    for (const fixture of ['below-100-ptpts', '25ptpt-3gp-no-strict-with-meta', '50ptpt-3gp-strict-no-meta', '15-per-hour-seattle', 'brexit-consensus', 'canadian-electoral-reform']) {
      const v = participantView(fixture.includes('ptpt') ? polisResult(fixture) : openDataResult(fixture));
      for (const width of [280, 334, 390]) {
        const doc = parse(render(v, { width, height: Math.max(260, Math.round(width * 0.72)), margin: 28 }));
        for (const label of doc.querySelectorAll('g.kuulo-labels > g')) {
          const [x, y] = /translate\(([-\d.]+),([-\d.]+)\)/.exec(label.getAttribute('transform')!)!.slice(1).map(Number);
          for (const g of v.groups) {
            if (String(g.id) === label.getAttribute('data-key')) continue;
            expect(insideConvex(hullPoints(doc, g.id), x!, y!), `${fixture} at ${width} px: label ${label.getAttribute('data-key')} inside group ${g.id}`).toBe(false);
          }
        }
      }
    }
  });

  it('matches the snapshot of the below-100-ptpts fixture, with "You"', async () => {
    await expectSvgSnapshot(render(view, { statementText, you: youAt(result, 3) }), 'opinionMapSummary-below-100');
  });

  it('matches the snapshot of below-100-ptpts in stable mode with the stabilities of 20 bootstrap resamples', async () => {
    const uncertain = uncertainResult(conversation);
    const stability = uncertain.uncertainty!.groups.map((g) => ({ id: g.id, stability: g.stability }));
    await expectSvgSnapshot(render(participantView(uncertain, { privacyFloor: 2 }), { statementText, you: youAt(uncertain, 3), stability }), 'opinionMapSummary-below-100-uncertainty');
  });

  it('draws one hull per group, labelled "A (n)", coloured by group id, and no dot per participant', () => {
    const doc = parse(render(view));
    const groups = [...result.groups].sort((a, b) => a.id - b.id);
    expect(Array.from(doc.querySelectorAll('g.kuulo-labels text')).map((t) => t.textContent)).toEqual(groups.map((g) => `${g.label} (${g.size})`));
    for (const g of groups) {
      const hull = doc.querySelector(`g.kuulo-group[data-key="${g.id}"]`)!;
      expect(hull.getAttribute('aria-label')).toBe(`Group ${g.label}: ${g.size} participant${g.size === 1 ? '' : 's'}`);
      expect(hull.querySelector('path')!.getAttribute('stroke')).toBe(groupColor(g.id));
    }
    expect(doc.querySelectorAll('circle')).toHaveLength(0);
    expect(doc.querySelector('g.kuulo-participants')).toBeNull();
  });

  it('puts "You" at the participant\'s place in their group\'s colour, names the group, and leads to its area from outside it', () => {
    for (let row = 0; row < result.participants.length; row++) {
      const gid = result.participantGroup[row];
      if (gid === null || gid === undefined) continue;
      const doc = parse(render(view, { you: youAt(result, row) }));
      const label = result.groups.find((g) => g.id === gid)!.label;
      const [x, y] = youPosition(doc);
      const mark = doc.querySelector('g.kuulo-you > g')!;
      expect(mark.querySelector('text')!.textContent).toBe(`You · group ${label}`);
      expect(mark.querySelector('circle.kuulo-you-group')!.getAttribute('stroke')).toBe(groupColor(gid));
      const leader = mark.querySelector('path.kuulo-you-leader')!.getAttribute('d')!;
      if (!insideConvex(hullPoints(doc, gid), x, y)) {
        // The leader ends on the group's own area.
        const [, ex, ey] = /L([-\d.]+),([-\d.]+)$/.exec(leader)!.map(Number);
        const outline = hullPoints(doc, gid);
        const cx = outline.reduce((s, p) => s + p[0], 0) / outline.length;
        const cy = outline.reduce((s, p) => s + p[1], 0) / outline.length;
        // A hair towards the centre of the area from the leader's end is inside it.
        const [px, py] = [x + ex! + (cx - x - ex!) * 0.02, y + ey! + (cy - y - ey!) * 0.02];
        expect(insideConvex(outline, px, py), `row ${row}: leader misses group ${label}`).toBe(true);
      }
      expect(mark.getAttribute('aria-label')).toBe(`You are here, in group ${label}`);
      expect(doc.querySelector('desc')!.textContent).toContain(`You are in group ${label}.`);
    }
  });

  it('describes the map, says when you are not on it, and lists the groups in a data table', () => {
    const plain = parse(render(view, { statementText }));
    const desc = plain.querySelector('desc')!.textContent!;
    expect(desc).toContain(`Opinion map of ${result.participants.length} participants in ${result.groups.length} opinion groups`);
    expect(desc).not.toContain('You');
    expect(plain.querySelector('g.kuulo-you > g')).toBeNull();
    expect(parse(render(view, { you: null })).querySelector('desc')!.textContent).toContain('You are not on the map yet.');
    const rows = Array.from(plain.querySelectorAll('table tbody tr')).map((tr) => Array.from(tr.children).map((c) => c.textContent));
    const first = [...view.groups].sort((a, b) => a.id - b.id)[0]!;
    const top = first.repness[0]!;
    expect(rows[0]).toEqual([`Group ${first.label}`, String(first.size), `${statementText.get(top.statement as number)} (${Math.round((100 * top.nSuccess) / top.nTrials)}% of the group ${top.repfulFor})`]);
    expect(rows).toHaveLength(view.groups.length + (view.counts.ungrouped > 0 ? 1 : 0));
    expect(plain.querySelector('svg')!.getAttribute('aria-describedby')).toMatch(/-desc .*-table$/);
  });

  it('draws a conversation without groups, and the same view to the same string', () => {
    const empty: ParticipantView = { ...view, groups: [], counts: { ...view.counts, grouped: 0, ungrouped: view.counts.participants } };
    expect(parse(render(empty)).querySelector('desc')!.textContent).toContain('not yet divided into groups');
    expect(render(view, { you: youAt(result, 0) })).toBe(render(view, { you: youAt(result, 0) }));
  });

  it('updates in place under liveChart: same hull elements, new "You"', () => {
    const document = createDocument();
    const map = liveChart(opinionMapSummary, view, { document, zoom: false });
    const before = map.node.querySelector('g.kuulo-group');
    map.update(view);
    expect(map.node.querySelector('g.kuulo-group')).toBe(before);
    expect(map.node.querySelector('g.kuulo-you > g')).toBeNull();
    map.destroy();
    const withYou = liveChart(opinionMapSummary, view, { document, zoom: false, you: youAt(result, 1) });
    expect(withYou.node.querySelector('g.kuulo-you > g')).not.toBeNull();
    withYou.destroy();
  });

  it('dashes a group\'s hull and labels it "· unstable 0.62" exactly when its stability is below stabilityThreshold', () => {
    const uncertain = uncertainResult(conversation);
    const v = participantView(uncertain);
    // The server's `uncertainty.groups`: matched by id, so their order does not matter.
    const stability = [...uncertain.uncertainty!.groups].reverse().map((g) => ({ id: g.id, stability: g.stability }));
    const byId = new Map(stability.map((g) => [g.id, g.stability]));
    const values = [...byId.values()].sort((a, b) => a - b);
    expect(values[0]).toBeLessThan(values.at(-1)!);
    const between = (values[0]! + values[1]!) / 2;
    for (const threshold of [undefined, between, 0, 1]) {
      const doc = parse(render(v, { stability, ...(threshold !== undefined && { stabilityThreshold: threshold }) }));
      const t = threshold ?? 0.75;
      if (threshold === between) expect(v.groups.filter((g) => byId.get(g.id)! < t)).toHaveLength(1);
      const labels = Array.from(doc.querySelectorAll('g.kuulo-labels > g'));
      for (const g of v.groups) {
        const s = byId.get(g.id)!;
        const unstable = s < t;
        const hull = doc.querySelector(`g.kuulo-group[data-key="${g.id}"]`)!;
        expect(hull.querySelector('path')!.getAttribute('stroke-dasharray'), `group ${g.label} at ${t}`).toBe(unstable ? '6 4' : null);
        expect(hull.getAttribute('aria-label')).toBe(`Group ${g.label}: ${g.size} participants, ${unstable ? 'unstable' : 'stable'} (stability ${s.toFixed(2)})`);
        const label = labels.find((l) => l.getAttribute('data-key') === String(g.id))!.querySelector('text')!.textContent;
        expect(label).toBe(unstable ? `${g.label} (${g.size}) · unstable ${s.toFixed(2)}` : `${g.label} (${g.size})`);
      }
      const dashed = v.groups.filter((g) => byId.get(g.id)! < t).length;
      expect(doc.querySelectorAll('path[stroke-dasharray]')).toHaveLength(dashed);
      expect(doc.querySelector('g.kuulo-caption text')!.textContent!.includes('A dashed outline is a group that often came out differently')).toBe(dashed > 0);
    }
    // Without stabilities nothing is dashed, whatever the threshold.
    expect(parse(render(v, { stabilityThreshold: 1 })).querySelectorAll('path[stroke-dasharray]')).toHaveLength(0);
  });

  it('states each group\'s stability in the description and the data table', () => {
    const uncertain = uncertainResult(conversation);
    const v = participantView(uncertain);
    const stability = uncertain.uncertainty!.groups.map((g) => ({ id: g.id, stability: g.stability }));
    const s = (id: number) => stability.find((g) => g.id === id)!.stability;
    const doc = parse(render(v, { stability, statementText }));
    const desc = doc.querySelector('desc')!.textContent!;
    const groups = [...v.groups].sort((a, b) => a.id - b.id);
    expect(desc).toContain(`Group stability when the votes are resampled: ${groups.map((g) => `${g.label} ${s(g.id).toFixed(2)}${s(g.id) < 0.75 ? ' (unstable)' : ''}`).join(', ')}.`);
    const unstable = groups.filter((g) => s(g.id) < 0.75).length;
    expect(desc).toContain(unstable > 0 ? `${unstable} group${unstable === 1 ? ' is' : 's are'} below 0.75 and drawn with a dashed outline.` : 'Every group reaches 0.75.');
    expect(Array.from(doc.querySelectorAll('thead th')).map((th) => th.textContent)).toEqual(['Group', 'Participants', 'Stability', 'Most representative statement']);
    const rows = Array.from(doc.querySelectorAll('tbody tr')).map((tr) => Array.from(tr.children).map((c) => c.textContent));
    for (const g of groups) expect(rows.find((r) => r[0] === `Group ${g.label}`)![2]).toBe(`${s(g.id).toFixed(2)}${s(g.id) < 0.75 ? ' (unstable)' : ''}`);
    if (v.counts.ungrouped > 0) expect(rows.at(-1)).toEqual(['Not in a group', String(v.counts.ungrouped), '–', 'none']);
    // Without stabilities, neither the sentence nor the column.
    const plain = parse(render(v));
    expect(plain.querySelector('desc')!.textContent).not.toContain('stability');
    expect(Array.from(plain.querySelectorAll('thead th')).map((th) => th.textContent)).not.toContain('Stability');
  });

  it('rejects what is not a view and bad options, naming the field and value', () => {
    const document = createDocument();
    expect(() => opinionMapSummary(result as unknown as ParticipantView, { document })).toThrow(`opinionMapSummary: view must be a ParticipantView (format 'kuulo-participant-view@1'), got "kuulo-result@1"`);
    expect(() => opinionMapSummary(view, { document, width: -1 })).toThrow('opinionMapSummary: options.width must be a finite number ≥ 1, got -1');
    expect(() => opinionMapSummary(view, { document, you: { x: Number.NaN, y: 0, group: null } })).toThrow('opinionMapSummary: options.you must have finite x and y');
    expect(() => opinionMapSummary({ ...view, extent: { x: [0, 1] } } as unknown as ParticipantView, { document })).toThrow('opinionMapSummary: view.extent.y must be [min, max], got undefined');
    expect(() => opinionMapSummary(view, { document, stabilityThreshold: 2 })).toThrow('opinionMapSummary: options.stabilityThreshold must be a number in [0, 1], got 2');
    expect(() => opinionMapSummary(view, { document, stability: [{ id: 0, stability: Number.NaN }] })).toThrow(
      'opinionMapSummary: options.stability[0] must be { id: integer, stability: number in [0, 1] }, got {"id":0,"stability":null}',
    );
  });
});
