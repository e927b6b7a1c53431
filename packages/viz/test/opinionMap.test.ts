import type { KuuloResult } from '@kuulo/core';
import { describe, expect, it } from 'vitest';
import { groupColor, groupPalette, opinionMap, renderToString } from '../src/index';
import { createDocument, openDataResult, polisResult, polisStatementText } from './helpers/fixtures';
import { insideConvex } from './helpers/insideConvex';
import { expectSvgSnapshot } from './helpers/svgSnapshot';

const conversation = 'below-100-ptpts';
const statementText = polisStatementText(conversation);

function render(result: KuuloResult, options: Parameters<typeof opinionMap>[1] = {}): string {
  return renderToString((document) => opinionMap(result, { ...options, document }), { createDocument });
}

function parse(svg: string): Document {
  return new (createDocument().defaultView!.DOMParser)().parseFromString(svg, 'image/svg+xml');
}

describe('opinionMap', () => {
  it('opinionMap(result) matches the snapshot of the below-100-ptpts fixture, with "You"', async () => {
    const result = polisResult(conversation);
    await expectSvgSnapshot(render(result, { statementText, you: result.participants[3] }), 'opinionMap-below-100');
  });

  it('opinionMap(result, {statements: true}) matches the snapshot with statement positions', async () => {
    await expectSvgSnapshot(render(polisResult(conversation), { statementText, statements: true }), 'opinionMap-below-100-statements');
  });

  it('draws one dot per participant, coloured by group id, and grey for the ungrouped', () => {
    const result = polisResult(conversation);
    const doc = parse(render(result));
    const dots = Array.from(doc.querySelectorAll('g.kuulo-participants circle'));
    expect(dots).toHaveLength(result.participants.length);
    for (const dot of dots) {
      const i = result.participants.findIndex((p) => String(p) === dot.getAttribute('data-key'));
      const gid = result.participantGroup[i];
      expect(dot.getAttribute('fill')).toBe(gid === null || gid === undefined ? '#8C8C8C' : groupColor(gid));
    }
  });

  it('labels each group "A (n)" with its size, on a hull that contains all its dots', () => {
    const result = polisResult(conversation);
    const doc = parse(render(result));
    const labels = Array.from(doc.querySelectorAll('g.kuulo-labels text')).map((t) => t.textContent);
    expect(labels).toEqual([...result.groups].sort((a, b) => a.id - b.id).map((g) => `${g.label} (${g.size})`));
    for (const g of result.groups) {
      const hull = doc.querySelector(`g.kuulo-group[data-key="${g.id}"]`)!;
      expect(hull.getAttribute('aria-label')).toBe(`Group ${g.label}: ${g.size} participant${g.size === 1 ? '' : 's'}`);
      const pts = hull.querySelector('path')!.getAttribute('d')!.slice(1, -1).split('L').map((p) => p.split(',').map(Number) as [number, number]);
      const members = Array.from(doc.querySelectorAll('g.kuulo-participants circle')).filter((c) => {
        const i = result.participants.findIndex((p) => String(p) === c.getAttribute('data-key'));
        return result.participantGroup[i] === g.id;
      });
      expect(members.length).toBe(g.size);
      for (const c of members) expect(insideConvex(pts, Number(c.getAttribute('cx')), Number(c.getAttribute('cy')))).toBe(true);
    }
  });

  it('places group labels inside the chart without overlapping each other', () => {
    for (const result of [polisResult('below-100-ptpts'), polisResult('25ptpt-3gp-no-strict-with-meta'), polisResult('50ptpt-3gp-strict-no-meta'), openDataResult()]) {
      const doc = parse(render(result));
      const boxes = Array.from(doc.querySelectorAll('g.kuulo-labels > g')).map((g) => {
        const [x, y] = /translate\(([-\d.]+),([-\d.]+)\)/.exec(g.getAttribute('transform')!)!.slice(1).map(Number) as [number, number];
        const r = g.querySelector('rect')!;
        const w = Number(r.getAttribute('width'));
        const h = Number(r.getAttribute('height'));
        return { x0: x - w / 2, x1: x + w / 2, y0: y - h / 2, y1: y + h / 2 };
      });
      expect(boxes.length).toBe(result.groups.length);
      for (const b of boxes) {
        expect(b.x0).toBeGreaterThanOrEqual(0);
        expect(b.x1).toBeLessThanOrEqual(640);
        expect(b.y0).toBeGreaterThanOrEqual(0);
        expect(b.y1).toBeLessThanOrEqual(480);
      }
      for (let i = 0; i < boxes.length; i++) {
        for (let j = i + 1; j < boxes.length; j++) {
          const a = boxes[i]!;
          const b = boxes[j]!;
          expect(a.x1 <= b.x0 || b.x1 <= a.x0 || a.y1 <= b.y0 || b.y1 <= a.y0).toBe(true);
        }
      }
    }
  });

  it('marks "You" on the current participant and says their group in the description', () => {
    const result = polisResult(conversation);
    const i = result.participantGroup.findIndex((g) => g !== null);
    const doc = parse(render(result, { you: result.participants[i] }));
    const dot = doc.querySelector(`g.kuulo-participants circle[data-key="${result.participants[i]}"]`)!;
    const you = doc.querySelector('g.kuulo-you > g')!;
    expect(you.getAttribute('transform')).toBe(`translate(${dot.getAttribute('cx')},${dot.getAttribute('cy')})`);
    const label = result.groups.find((g) => g.id === result.participantGroup[i])!.label;
    expect(you.getAttribute('aria-label')).toBe(`You are here, in group ${label}`);
    expect(doc.querySelector('desc')!.textContent).toContain(`You are in group ${label}.`);
    expect(parse(render(result, { you: 'nobody' })).querySelector('desc')!.textContent).toContain('You are not on the map yet.');
  });

  it('keys group colours on group id: reordering and relabelling groups keeps each id\'s colour', () => {
    const result = polisResult(conversation);
    const relabelled: KuuloResult = {
      ...result,
      groups: [...result.groups].reverse().map((g, i) => ({ ...g, label: String.fromCharCode(65 + i) })),
    };
    const fills = (svg: string): Record<string, string> =>
      Object.fromEntries(Array.from(parse(svg).querySelectorAll('g.kuulo-group')).map((g) => [g.getAttribute('data-key'), g.querySelector('path')!.getAttribute('fill')]));
    const before = fills(render(result));
    expect(fills(render(relabelled))).toEqual(before);
    for (const g of result.groups) expect(before[String(g.id)]).toBe(groupPalette[g.id % groupPalette.length]);
  });

  it('moves a group to another colour when core gives it another id', () => {
    const result = polisResult(conversation);
    const first = result.groups[0]!;
    const newId = Math.max(...result.groups.map((g) => g.id)) + 1;
    const renamed: KuuloResult = {
      ...result,
      groups: result.groups.map((g) => (g.id === first.id ? { ...g, id: newId } : g)),
      participantGroup: result.participantGroup.map((g) => (g === first.id ? newId : g)),
    };
    const doc = parse(render(renamed));
    expect(doc.querySelector(`g.kuulo-group[data-key="${newId}"] path`)!.getAttribute('fill')).toBe(groupColor(newId));
    expect(doc.querySelector(`g.kuulo-group[data-key="${first.id}"]`)).toBeNull();
  });

  it('switches to density contours above densityThreshold (default 2000)', () => {
    const result = openDataResult();
    const n = result.participants.length;
    expect(n).toBeLessThanOrEqual(2000);
    const dots = parse(render(result));
    expect(dots.querySelectorAll('g.kuulo-participants circle')).toHaveLength(n);
    expect(dots.querySelectorAll('g.kuulo-density path')).toHaveLength(0);
    const atN = parse(render(result, { densityThreshold: n }));
    expect(atN.querySelectorAll('g.kuulo-participants circle')).toHaveLength(n);
    const dense = parse(render(result, { densityThreshold: n - 1 }));
    expect(dense.querySelectorAll('g.kuulo-participants circle')).toHaveLength(0);
    const layers = Array.from(dense.querySelectorAll('g.kuulo-density > g')).map((g) => g.getAttribute('data-key'));
    expect(layers).toEqual(['ungrouped', ...result.groups.map((g) => String(g.id)).sort()]);
    for (const layer of dense.querySelectorAll('g.kuulo-density > g')) expect(layer.querySelectorAll('path').length).toBeGreaterThan(0);
    expect(dense.querySelector('desc')!.textContent).toContain('density contours');
  });

  it('opinionMap(vtaiwan, {densityThreshold: 1000}) matches the density snapshot', async () => {
    await expectSvgSnapshot(render(openDataResult(), { densityThreshold: 1000 }), 'opinionMap-vtaiwan-density');
  });

  it('draws an empty conversation without failing', () => {
    const result = polisResult(conversation);
    const empty: KuuloResult = {
      ...result,
      participants: [],
      voteCounts: [],
      participantProjection: { x: [], y: [] },
      participantGroup: [],
      groups: [],
    };
    const doc = parse(render(empty, { you: 1 }));
    expect(doc.querySelectorAll('circle, g.kuulo-group')).toHaveLength(0);
    expect(doc.querySelector('desc')!.textContent).toBe(
      'Opinion map of 0 participants, not yet divided into groups. Participants who voted alike are placed close together. You are not on the map yet.',
    );
  });

  it('is deterministic: the same result renders to the same string', () => {
    const result = polisResult(conversation);
    expect(render(result, { statements: true })).toBe(render(result, { statements: true }));
  });

  it('does not mutate the result', () => {
    const result = polisResult(conversation);
    const copy = structuredClone(result);
    render(result, { statements: true, you: result.participants[0] });
    expect(result).toEqual(copy);
  });

  it('rejects bad options and results with errors naming the field and value', () => {
    const result = polisResult(conversation);
    const document = createDocument();
    expect(() => opinionMap(result, { document, width: -5 })).toThrow('opinionMap: options.width must be a finite number ≥ 1, got -5');
    expect(() => opinionMap(result, { document, hullCoverage: 0 })).toThrow('options.hullCoverage must be in (0, 1], got 0');
    expect(() => opinionMap({ ...result, participantGroup: result.participantGroup.slice(1) }, { document })).toThrow(
      `opinionMap: result.participantGroup has ${result.participants.length - 1} entries, expected ${result.participants.length} (one per participant)`,
    );
    expect(() => opinionMap({ ...result, format: 'x' } as unknown as KuuloResult, { document })).toThrow(`result.format must be 'kuulo-result@1', got "x"`);
    expect(() => opinionMap(result)).toThrow('opinionMap: no document');
  });
});

