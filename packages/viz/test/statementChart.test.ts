import { describe, expect, it } from 'vitest';
import { groupColor, renderToString, statementChart } from '../src/index';
import { createDocument, polisResult, polisStatementText } from './helpers/fixtures';
import { expectSvgSnapshot } from './helpers/svgSnapshot';

const conversation = 'below-100-ptpts';
const statementText = polisStatementText(conversation);
const parse = (svg: string): Document => new (createDocument().defaultView!.DOMParser)().parseFromString(svg, 'image/svg+xml');

describe('statementChart', () => {
  const result = polisResult(conversation);
  const statement = result.groups[0]!.repness[0]!.statement;
  const render = (id = statement): string => renderToString((document) => statementChart(result, id, { document, statementText }), { createDocument });

  it('statementChart(result, id) matches the snapshot', async () => {
    await expectSvgSnapshot(render(), 'statementChart-below-100');
  });

  it('has one bar per group in group colour, then the grouped participants, with counts from the tallies', () => {
    const doc = parse(render());
    const j = result.statements.indexOf(statement);
    const rows = Array.from(doc.querySelectorAll('tbody tr')).map((tr) => Array.from(tr.children).map((c) => c.textContent));
    const groups = [...result.groups].sort((a, b) => a.id - b.id);
    expect(rows.map((r) => r[0])).toEqual([...groups.map((g) => `Group ${g.label}`), 'Grouped participants']);
    groups.forEach((g, k) => expect(Number(rows[k]![4])).toBe(g.tallies.seen[j]));
    expect(Number(rows.at(-1)![4])).toBe(groups.reduce((s, g) => s + g.tallies.seen[j]!, 0));
    expect(Array.from(doc.querySelectorAll('g.kuulo-statement-block > circle')).map((c) => c.getAttribute('fill'))).toEqual(groups.map((g) => groupColor(g.id)));
  });

  it('an unknown statement id is an error naming it', () => {
    expect(() => statementChart(result, 'nope', { document: createDocument() })).toThrow('statementChart: statement "nope" is not in result.statements');
  });
});
