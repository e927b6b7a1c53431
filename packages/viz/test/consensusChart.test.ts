import type { KuuloResult } from '@kuulo/core';
import { describe, expect, it } from 'vitest';
import { consensusChart, renderToString } from '../src/index';
import { createDocument, polisResult, polisStatementText } from './helpers/fixtures';
import { expectSvgSnapshot } from './helpers/svgSnapshot';

const conversation = 'below-100-ptpts';
const statementText = polisStatementText(conversation);
const render = (result: KuuloResult, options: Parameters<typeof consensusChart>[1] = {}): string =>
  renderToString((document) => consensusChart(result, { ...options, document }), { createDocument });
const parse = (svg: string): Document => new (createDocument().defaultView!.DOMParser)().parseFromString(svg, 'image/svg+xml');

describe('consensusChart', () => {
  it('consensusChart(result) matches the snapshot of the below-100-ptpts fixture', async () => {
    await expectSvgSnapshot(render(polisResult(conversation), { statementText }), 'consensusChart-below-100');
  });

  it('lists consensus.agree, then consensus.disagree, then the top group-aware statements with a bar per group', () => {
    const result = polisResult(conversation);
    const doc = parse(render(result, { statementText, count: 3 }));
    const blocks = Array.from(doc.querySelectorAll('g.kuulo-statement-block'));
    const hidden = new Set([...result.modOut, ...result.meta]);
    const gac = result.statements
      .map((id, j) => ({ id, v: result.groupAwareConsensus[j]! }))
      .filter((d) => !hidden.has(d.id))
      .sort((a, b) => b.v - a.v)
      .slice(0, 3)
      .map((d) => d.id);
    const expected = [...result.consensus.agree.map((e) => e.statement), ...result.consensus.disagree.map((e) => e.statement), ...gac];
    expect(blocks).toHaveLength(expected.length);
    blocks.forEach((b, k) => expect(b.getAttribute('aria-label')!.startsWith(`${statementText.get(expected[k] as number)!}. `)).toBe(true));
    const bars = blocks.map((b) => b.querySelectorAll('g.kuulo-tally-bar').length);
    expect(bars).toEqual(expected.map((_, k) => (k < expected.length - gac.length ? 1 : result.groups.length)));
  });

  it('sections picks and orders the sections; an unknown one is an error', () => {
    const result = polisResult(conversation);
    const doc = parse(render(result, { sections: ['disagree'] }));
    expect(doc.querySelectorAll('g.kuulo-statement-block')).toHaveLength(result.consensus.disagree.length);
    expect(() => consensusChart(result, { document: createDocument(), sections: ['most' as 'agree'] })).toThrow(`consensusChart: options.sections has unknown section "most"`);
  });
});
