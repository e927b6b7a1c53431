import { describe, expect, it } from 'vitest';
import { participantView } from '@kuulo/core';
import { bridgingChart, conflictChart, consensusChart, groupPanel, opinionMap, opinionMapSummary, renderToString, statementChart } from '../src/index';
import { createDocument, polisResult, uncertainResult } from './helpers/fixtures';

const result = polisResult('below-100-ptpts');
// With a bootstrap attached, the charts add stabilities and "not robust" markers around the same texts.
const uncertain = uncertainResult('below-100-ptpts');
const hostile = ['<script>alert(1)</script>', '<img src=x onerror=alert(1)>', '"><svg onload=alert(1)>', '& &amp; </text>'];
const statementText = (id: unknown): string => `${hostile.join(' ')} #${id}`;
const charts: Record<string, (document: Document) => SVGSVGElement> = {
  opinionMap: (document) => opinionMap(result, { document, statementText, statements: true, title: hostile[0], description: hostile[1] }),
  groupPanel: (document) => groupPanel(result, { document, statementText, title: hostile[0] }),
  consensusChart: (document) => consensusChart(result, { document, statementText }),
  conflictChart: (document) => conflictChart(result, { document, statementText, minScore: 0 }),
  statementChart: (document) => statementChart(result, result.statements[0]!, { document, statementText }),
  'opinionMap with uncertainty': (document) => opinionMap(uncertain, { document, statementText, statements: true }),
  'groupPanel with uncertainty': (document) => groupPanel(uncertain, { document, statementText }),
  'consensusChart with uncertainty': (document) => consensusChart(uncertain, { document, statementText }),
  bridgingChart: (document) => bridgingChart(uncertain, { document, statementText, title: hostile[0] }),
  opinionMapSummary: (document) => opinionMapSummary(participantView(result), { document, statementText, title: hostile[0], description: hostile[1] }),
};

describe('statement text is inserted as text, never as markup', () => {
  for (const [name, draw] of Object.entries(charts)) {
    it(`${name} creates no script, img or foreign svg elements and shows the text literally`, () => {
      const svg = draw(createDocument());
      expect(svg.querySelectorAll('script, img, svg svg, [onerror], [onload]')).toHaveLength(0);
      const text = svg.textContent!;
      expect(text).toContain('<script>alert(1)</script>');
      expect(text).toContain('<img src=x onerror=alert(1)>');
      const xml = renderToString(draw, { createDocument });
      expect(xml).not.toMatch(/<script|<img|onerror=alert\(1\)>[^<]*<\/|<svg onload/);
      expect(xml).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
      expect(xml).toContain('&lt;img src=x onerror=alert(1)&gt;');
      // The serialized file parses back to the same harmless tree.
      const back = new (createDocument().defaultView!.DOMParser)().parseFromString(xml, 'image/svg+xml');
      expect(back.querySelector('parsererror')).toBeNull();
      expect(back.querySelectorAll('script, img')).toHaveLength(0);
    });
  }
});
