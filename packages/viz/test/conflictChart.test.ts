import type { KuuloResult } from '@kuulo/core';
import { describe, expect, it } from 'vitest';
import { conflictChart, conflictScores, renderToString } from '../src/index';
import { createDocument, polisResult, polisStatementText } from './helpers/fixtures';
import { expectSvgSnapshot } from './helpers/svgSnapshot';

const conversation = 'below-100-ptpts';
const statementText = polisStatementText(conversation);
const render = (result: KuuloResult, options: Parameters<typeof conflictChart>[1] = {}): string =>
  renderToString((document) => conflictChart(result, { ...options, document }), { createDocument });
const parse = (svg: string): Document => new (createDocument().defaultView!.DOMParser)().parseFromString(svg, 'image/svg+xml');

describe('conflictChart', () => {
  it('conflictChart(result) matches the snapshot of the below-100-ptpts fixture', async () => {
    await expectSvgSnapshot(render(polisResult(conversation), { statementText }), 'conflictChart-below-100');
  });

  it('shows the highest conflict scores first, each with one bar per group', () => {
    const result = polisResult(conversation);
    const scores = conflictScores(result);
    const doc = parse(render(result, { count: 4, minScore: 0 }));
    const rows = Array.from(doc.querySelectorAll('tbody tr')).map((tr) => Array.from(tr.children).map((c) => c.textContent!));
    const shown = [...new Set(rows.map((r) => r[0]))];
    expect(shown).toHaveLength(4);
    const shownScores = shown.map((text) => Number(rows.find((r) => r[0] === text)![6]));
    expect([...shownScores].sort((a, b) => b - a)).toEqual(shownScores);
    const hidden = new Set([...result.modOut, ...result.meta]);
    const fourth = shownScores[3]!;
    const higherElsewhere = result.statements.filter((id, j) => !hidden.has(id) && !shown.includes(`Statement ${id}`) && scores[j]! > fourth + 1e-3);
    expect(higherElsewhere).toEqual([]);
    expect(doc.querySelectorAll('g.kuulo-statement-block g.kuulo-tally-bar')).toHaveLength(4 * result.groups.length);
  });

  it('the most divisive statement has one group leaning agree and another leaning disagree', () => {
    const result = polisResult(conversation);
    const scores = conflictScores(result);
    const j = scores.indexOf(Math.max(...scores));
    const nets = result.groups.map((g) => (g.tallies.agree[j]! - g.tallies.disagree[j]!) / (g.tallies.seen[j]! + 2));
    expect(Math.max(...nets)).toBeGreaterThan(0);
    expect(Math.min(...nets)).toBeLessThan(0);
    expect(scores[j]).toBeCloseTo(Math.max(...nets) - Math.min(...nets), 12);
  });

  it('conflictScores is 0 with fewer than two groups, and the chart says so', () => {
    const result = polisResult(conversation);
    const one: KuuloResult = { ...result, groups: result.groups.slice(0, 1), participantGroup: result.participantGroup.map((g) => (g === result.groups[0]!.id ? g : null)) };
    expect(conflictScores(one).every((s) => s === 0)).toBe(true);
    expect(parse(render(one)).querySelector('g.kuulo-body')!.textContent).toContain('fewer than two opinion groups');
  });
});
