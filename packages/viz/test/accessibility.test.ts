import { describe, expect, it } from 'vitest';
import { bridgingChart, conflictChart, consensusChart, groupPanel, opinionMap, renderToString, statementChart } from '../src/index';
import { createDocument, polisResult, polisStatementText, uncertainResult } from './helpers/fixtures';

const conversation = 'below-100-ptpts';
const statementText = polisStatementText(conversation);
const result = polisResult(conversation);
const charts: Record<string, (document: Document) => SVGSVGElement> = {
  opinionMap: (document) => opinionMap(result, { document, statementText, statements: true, you: result.participants[0] }),
  groupPanel: (document) => groupPanel(result, { document, statementText }),
  consensusChart: (document) => consensusChart(result, { document, statementText }),
  conflictChart: (document) => conflictChart(result, { document, statementText }),
  statementChart: (document) => statementChart(result, result.statements[0]!, { document, statementText }),
  bridgingChart: (document) => bridgingChart(uncertainResult(conversation), { document, statementText }),
  'opinionMap with uncertainty': (document) => opinionMap(uncertainResult(conversation), { document, statementText }),
};

describe('accessibility of every chart', () => {
  for (const [name, draw] of Object.entries(charts)) {
    it(`${name} has a <title> and <desc> the root points at, and a data table`, () => {
      const doc = new (createDocument().defaultView!.DOMParser)().parseFromString(renderToString(draw, { createDocument }), 'image/svg+xml');
      const svg = doc.documentElement;
      const [first, second] = Array.from(svg.children);
      expect(first!.localName).toBe('title');
      expect(second!.localName).toBe('desc');
      expect(first!.textContent!.length).toBeGreaterThan(3);
      expect(second!.textContent!.length).toBeGreaterThan(20);
      expect(svg.getAttribute('aria-labelledby')).toBe(first!.getAttribute('id'));
      const described = svg.getAttribute('aria-describedby')!.split(' ');
      expect(described).toHaveLength(2);
      for (const id of described) expect(doc.getElementById(id)).not.toBeNull();
      const table = doc.getElementById(described[1]!)!;
      expect(table.localName).toBe('table');
      expect(table.namespaceURI).toBe('http://www.w3.org/1999/xhtml');
      expect(table.querySelector('caption')!.textContent!.length).toBeGreaterThan(3);
      const columns = table.querySelectorAll('thead th[scope="col"]').length;
      const rows = Array.from(table.querySelectorAll('tbody tr'));
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) {
        expect(row.children).toHaveLength(columns);
        expect(row.children[0]!.getAttribute('scope')).toBe('row');
      }
    });

    it(`${name} has keyboard stops, each with an accessible name`, () => {
      const svg = draw(createDocument());
      const stops = Array.from(svg.querySelectorAll('[tabindex="0"]'));
      expect(stops.length).toBeGreaterThan(0);
      for (const stop of stops) expect(stop.getAttribute('aria-label')!.length).toBeGreaterThan(5);
      expect(svg.querySelector('style')!.textContent).toContain('.kuulo-focusable:focus');
    });
  }

  it('ids stay unique when several charts share a page', () => {
    const document = createDocument();
    const a = opinionMap(result, { document });
    const b = opinionMap(result, { document });
    document.body.append(a, b);
    const ids = Array.from(document.querySelectorAll('[id]')).map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
