import type { KuuloResult } from '@kuulo/core';
import { describe, expect, it } from 'vitest';
import { bridgingChart, renderToString, voteColors } from '../src/index';
import { createDocument, polisResult, polisStatementText, uncertainResult } from './helpers/fixtures';
import { expectSvgSnapshot } from './helpers/svgSnapshot';

const conversation = 'below-100-ptpts';
const statementText = polisStatementText(conversation);
const render = (result: KuuloResult, options: Parameters<typeof bridgingChart>[1] = {}): string =>
  renderToString((document) => bridgingChart(result, { ...options, document }), { createDocument });
/** Two decimals as the chart prints them: a score that rounds to zero never shows as "-0.00". */
const two = (v: number): string => (Math.abs(v) < 0.005 ? 0 : v).toFixed(2);
const parse = (svg: string): Document => new (createDocument().defaultView!.DOMParser)().parseFromString(svg, 'image/svg+xml');

/** Column indices of the shown statements ranked by `scores`, moderated-out and meta left out. */
function ranked(result: KuuloResult, scores: readonly (number | null)[], count: number): number[] {
  const hidden = new Set([...result.modOut, ...result.meta]);
  return result.statements
    .map((id, j) => ({ id, j, s: scores[j] }))
    .filter((d) => !hidden.has(d.id) && d.s !== null && d.s !== undefined && Number.isFinite(d.s))
    .sort((a, b) => b.s! - a.s! || a.j - b.j)
    .slice(0, count)
    .map((d) => d.j);
}

describe('bridgingChart', () => {
  it('matches the snapshot of below-100-ptpts in stable mode with bootstrap intervals', async () => {
    await expectSvgSnapshot(render(uncertainResult(conversation), { statementText }), 'bridgingChart-below-100');
  });

  it('ranks by bridging score and shows group-aware consensus and bridging side by side, with the bootstrap whisker', () => {
    const result = uncertainResult(conversation);
    const { low, high } = result.uncertainty!.bridging!;
    const doc = parse(render(result, { statementText, count: 6 }));
    const rows = Array.from(doc.querySelectorAll('g.kuulo-bridging-row'));
    const expected = ranked(result, result.bridging!, 6);
    expect(rows).toHaveLength(expected.length);
    expect(expected.length).toBe(6);
    const gacTrack = Number(rows[0]!.querySelector('rect.kuulo-track')!.getAttribute('width'));
    rows.forEach((row, k) => {
      const j = expected[k]!;
      const b = result.bridging![j]!;
      const text = statementText.get(result.statements[j] as number)!;
      expect(row.getAttribute('aria-label')).toBe(
        `${text}${/[.!?]$/.test(text) ? '' : '.'} Group-aware consensus ${two(result.groupAwareConsensus[j]!)}, bridging score ${two(b)} (bootstrap 5th to 95th percentile ${two(low[j]!)} to ${two(high[j]!)})`,
      );
      // Group-aware consensus on a 0..1 bar; both columns aligned on every row.
      expect(Number(row.querySelector('rect.kuulo-gac')!.getAttribute('width'))).toBeCloseTo(gacTrack * result.groupAwareConsensus[j]!, 2);
      expect(Number(row.querySelectorAll('rect.kuulo-track')[1]!.getAttribute('x'))).toBe(Number(rows[0]!.querySelectorAll('rect.kuulo-track')[1]!.getAttribute('x')));
      expect(row.querySelector('rect.kuulo-bridging')!.getAttribute('fill')).toBe(b >= 0 ? voteColors.agree : voteColors.disagree);
      // The whisker spans [low, high] on the bar's own scale: pixel offsets from zero are proportional to the values.
      const [span] = Array.from(row.querySelectorAll('g.kuulo-interval line'));
      const zero = Number(row.querySelector('line.kuulo-zero')!.getAttribute('x1'));
      const bar = row.querySelector('rect.kuulo-bridging')!;
      const end = Number(bar.getAttribute('x')) + (b >= 0 ? Number(bar.getAttribute('width')) : 0);
      const pxPerUnit = (end - zero) / b;
      expect(Number(span!.getAttribute('x1')) - zero).toBeCloseTo(low[j]! * pxPerUnit, 1);
      expect(Number(span!.getAttribute('x2')) - zero).toBeCloseTo(high[j]! * pxPerUnit, 1);
    });
    const table = Array.from(doc.querySelectorAll('tbody tr')).map((tr) => Array.from(tr.children).map((c) => c.textContent));
    expect(table.map((r) => Number(r[4]))).toEqual([1, 2, 3, 4, 5, 6]);
    expect(table.map((r) => Number(r[5]))).toEqual(expected.map((j) => Number(low[j]!.toFixed(3))));
    const gacRanks = ranked(result, result.groupAwareConsensus, Infinity);
    expect(table.map((r) => Number(r[2]))).toEqual(expected.map((j) => gacRanks.indexOf(j) + 1));
    expect(doc.querySelector('desc')!.textContent).toContain(`over ${result.uncertainty!.resamples} bootstrap resamples`);
  });

  it("orderBy: 'groupAwareConsensus' ranks by group-aware consensus instead", () => {
    const result = uncertainResult(conversation);
    const doc = parse(render(result, { statementText, orderBy: 'groupAwareConsensus', count: 4 }));
    const labels = Array.from(doc.querySelectorAll('g.kuulo-bridging-row')).map((r) => r.getAttribute('aria-label')!);
    const expected = ranked(result, result.groupAwareConsensus, 4).map((j) => statementText.get(result.statements[j] as number)!);
    expect(labels).toHaveLength(4);
    labels.forEach((label, k) => expect(label.startsWith(expected[k]!)).toBe(true));
  });

  it('without bridging scores shows group-aware consensus alone and says why; without a bootstrap, no whiskers', () => {
    const polis = polisResult(conversation);
    expect(polis.bridging).toBeUndefined();
    const doc = parse(render(polis, { statementText, count: 3 }));
    expect(doc.querySelectorAll('g.kuulo-bridging-row')).toHaveLength(3);
    expect(doc.querySelectorAll('rect.kuulo-bridging, g.kuulo-interval')).toHaveLength(0);
    expect(doc.querySelector('desc')!.textContent).toContain('This result has no bridging scores');
    expect(() => bridgingChart(polis, { document: createDocument(), orderBy: 'bridging' })).toThrow("bridgingChart: options.orderBy is 'bridging' but the result has no bridging scores");
    const plain = { ...uncertainResult(conversation), uncertainty: undefined };
    const noBootstrap = parse(render(plain, { statementText }));
    expect(noBootstrap.querySelectorAll('rect.kuulo-bridging').length).toBeGreaterThan(0);
    expect(noBootstrap.querySelectorAll('g.kuulo-interval')).toHaveLength(0);
    expect(Array.from(noBootstrap.querySelectorAll('thead th')).map((th) => th.textContent)).not.toContain('Bridging 5th percentile');
  });

  it('redraws in place (liveChart) and rejects a bridging array of the wrong length', () => {
    const document = createDocument();
    const result = uncertainResult(conversation);
    const svg = bridgingChart(result, { document, count: 2 });
    bridgingChart(result, { document, target: svg, count: 5 });
    expect(svg.querySelectorAll('g.kuulo-bridging-row')).toHaveLength(5);
    expect(svg.querySelectorAll('style')).toHaveLength(1);
    expect(() => bridgingChart({ ...result, bridging: result.bridging!.slice(1) }, { document })).toThrow(
      `bridgingChart: result.bridging has ${result.statements.length - 1} entries, expected ${result.statements.length} (one per statement)`,
    );
  });
});
