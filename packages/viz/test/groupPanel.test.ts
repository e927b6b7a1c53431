import type { KuuloResult } from '@kuulo/core';
import { describe, expect, it } from 'vitest';
import { groupColor, groupPanel, renderToString } from '../src/index';
import { createDocument, polisResult, polisStatementText } from './helpers/fixtures';
import { expectSvgSnapshot } from './helpers/svgSnapshot';

const conversation = 'below-100-ptpts';
const statementText = polisStatementText(conversation);
const render = (result: KuuloResult, options: Parameters<typeof groupPanel>[1] = {}): string =>
  renderToString((document) => groupPanel(result, { ...options, document }), { createDocument });
const parse = (svg: string): Document => new (createDocument().defaultView!.DOMParser)().parseFromString(svg, 'image/svg+xml');

describe('groupPanel', () => {
  it('groupPanel(result) matches the snapshot of the below-100-ptpts fixture', async () => {
    await expectSvgSnapshot(render(polisResult(conversation), { statementText }), 'groupPanel-below-100');
  });

  it('shows every representative statement of every group, with group and everyone-else bars', () => {
    const result = polisResult(conversation);
    const doc = parse(render(result, { statementText }));
    const blocks = Array.from(doc.querySelectorAll('g.kuulo-statement-block'));
    const groups = [...result.groups].sort((a, b) => a.id - b.id);
    const expected = groups.flatMap((g) => g.repness.map((e) => ({ g, e })));
    expect(blocks).toHaveLength(expected.length);
    blocks.forEach((block, k) => {
      const { g, e } = expected[k]!;
      expect(block.getAttribute('aria-label')!.startsWith(statementText.get(e.statement as number)!)).toBe(true);
      expect(block.querySelectorAll('g.kuulo-tally-bar')).toHaveLength(2);
      expect(block.querySelector('circle')!.getAttribute('fill')).toBe(groupColor(g.id));
    });
  });

  it('"everyone else" is the sum of the other groups, as the table shows', () => {
    const result = polisResult(conversation);
    const doc = parse(render(result));
    const rows = Array.from(doc.querySelectorAll('tbody tr')).map((tr) => Array.from(tr.children).map((c) => c.textContent));
    const j = (id: unknown): number => result.statements.indexOf(id as number);
    let k = 0;
    for (const g of [...result.groups].sort((a, b) => a.id - b.id)) {
      for (const e of g.repness) {
        const row = rows[k++]!;
        const others = result.groups.filter((o) => o.id !== g.id);
        const seen = others.reduce((s, o) => s + o.tallies.seen[j(e.statement)]!, 0);
        const agree = others.reduce((s, o) => s + o.tallies.agree[j(e.statement)]!, 0);
        expect(row[1]).toBe(`Group ${g.label}`);
        expect(row[2]).toBe(e.repfulFor);
        expect(Number(row[6])).toBe(g.tallies.seen[j(e.statement)]);
        expect(Number(row[10])).toBe(seen);
        expect(Number(row[7])).toBe(seen === 0 ? 0 : Math.round((100 * agree) / seen));
      }
    }
    expect(k).toBe(rows.length);
  });

  it('groups: [id] shows only that group, and an unknown id is an error naming it', () => {
    const result = polisResult(conversation);
    const g = result.groups[1]!;
    const doc = parse(render(result, { groups: [g.id] }));
    expect(doc.querySelectorAll('g.kuulo-statement-block')).toHaveLength(g.repness.length);
    expect(() => groupPanel(result, { document: createDocument(), groups: [99] })).toThrow('groupPanel: options.groups lists group id 99');
  });

  it('says so when there are no groups yet', () => {
    const result = polisResult(conversation);
    const none: KuuloResult = { ...result, groups: [], participantGroup: result.participantGroup.map(() => null) };
    const doc = parse(render(none));
    expect(doc.querySelector('desc')!.textContent).toBe('There are no opinion groups yet.');
    expect(doc.querySelector('g.kuulo-body')!.textContent).toContain('There are no opinion groups yet.');
  });
});
