import type { KuuloResult } from '@kuulo/core';
import { describe, expect, it } from 'vitest';
import { consensusChart, renderToString } from '../src/index';
import { createDocument, polisResult, polisStatementText, uncertainResult } from './helpers/fixtures';
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

describe('consensusChart with result.uncertainty', () => {
  it('flags exactly the consensus statements that are not robust, in the chart, its table and its description', async () => {
    const result = uncertainResult(conversation);
    const u = result.uncertainty!;
    const svg = render(result, { statementText });
    await expectSvgSnapshot(svg, 'consensusChart-below-100-uncertainty');
    const doc = parse(svg);
    const entries = (['agree', 'disagree'] as const).flatMap((side) => result.consensus[side].map((e) => u.consensus.find((c) => c.side === side && c.statement === e.statement)!));
    const flagged = entries.filter((e) => !e.robust).length;
    expect(flagged).toBeGreaterThan(0);
    expect(flagged).toBeLessThan(entries.length);
    const blocks = Array.from(doc.querySelectorAll('g.kuulo-statement-block')).slice(0, entries.length);
    blocks.forEach((block, k) => {
      const e = entries[k]!;
      expect(block.getAttribute('aria-label')!.startsWith(statementText.get(e.statement as number)!)).toBe(true);
      const flag = block.querySelector('text.kuulo-flag title');
      if (e.robust) expect(flag).toBeNull();
      else expect(flag!.textContent).toBe(`Not robust: the statement passed the consensus test (${e.side}) in ${Math.round(100 * e.support)}% of ${u.resamples} bootstrap resamples, below the 80% needed to count as robust.`);
    });
    const rows = Array.from(doc.querySelectorAll('tbody tr')).map((tr) => tr.lastElementChild!.textContent);
    expect(rows.slice(0, entries.length)).toEqual(entries.map((e) => `${e.robust ? 'yes' : 'no'} (${Math.round(100 * e.support)}%)`));
    expect(rows.slice(entries.length).every((cell) => cell === '–')).toBe(true);
    expect(doc.querySelector('desc')!.textContent).toContain(`${flagged} of ${entries.length} consensus statements are not robust`);
  });
});
