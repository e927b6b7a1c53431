import type { KuuloResult } from '@kuulo/core';
import { describe, expect, it } from 'vitest';
import { groupColor, groupPanel, renderToString } from '../src/index';
import { createDocument, polisResult, polisStatementText, uncertainResult } from './helpers/fixtures';
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

describe('groupPanel with result.uncertainty', () => {
  const uncertain = 'below-100-ptpts';
  it('matches the snapshot with stabilities and not-robust markers', async () => {
    await expectSvgSnapshot(render(uncertainResult(uncertain), { statementText: polisStatementText(uncertain) }), 'groupPanel-below-100-uncertainty');
  });

  it('shows each group\'s stability and flags exactly the representative statements that are not robust', () => {
    const result = uncertainResult('50ptpt-3gp-strict-no-meta');
    const u = result.uncertainty!;
    const doc = parse(render(result));
    const headings = Array.from(doc.querySelectorAll('g.kuulo-body > text[role="heading"]')).map((h) => h.textContent);
    const groups = [...result.groups].sort((a, b) => a.id - b.id);
    expect(headings).toEqual(
      groups.map((g) => {
        const s = u.groups.find((x) => x.id === g.id)!.stability;
        return `Group ${g.label} · ${g.size} participants · ${s < 0.75 ? 'unstable, ' : ''}stability ${s.toFixed(2)}`;
      }),
    );
    const blocks = Array.from(doc.querySelectorAll('g.kuulo-statement-block'));
    const entries = groups.flatMap((g) => g.repness.map((e) => ({ g, e, s: u.repness.find((r) => r.group === g.id && r.statement === e.statement && r.repfulFor === e.repfulFor)! })));
    expect(blocks).toHaveLength(entries.length);
    const flagged = entries.filter(({ s }) => !s.robust).length;
    expect(flagged).toBeGreaterThan(0);
    expect(flagged).toBeLessThan(entries.length);
    blocks.forEach((block, k) => {
      const { g, s } = entries[k]!;
      const flag = block.querySelector('text.kuulo-flag');
      if (s.robust) expect(flag).toBeNull();
      else {
        const share = Math.round(100 * s.support);
        expect(flag!.querySelector('tspan')!.textContent).toBe(`⚠ Not robust: held in ${share}% of resamples`);
        expect(flag!.querySelector('title')!.textContent).toBe(`Not robust: the statement stayed representative of group ${g.label} in ${share}% of ${u.resamples} bootstrap resamples, below the 80% needed to count as robust.`);
        expect(block.getAttribute('aria-label')).toContain(`in ${share}% of ${u.resamples} bootstrap resamples`);
      }
    });
    const robustColumn = Array.from(doc.querySelectorAll('tbody tr')).map((tr) => tr.lastElementChild!.textContent);
    expect(robustColumn).toEqual(entries.map(({ s }) => `${s.robust ? 'yes' : 'no'} (${Math.round(100 * s.support)}%)`));
    expect(doc.querySelector('desc')!.textContent).toContain(`${flagged} of ${entries.length} representative statements are not robust`);
    // Turned off, the panel is the plain one.
    expect(render(result, { uncertainty: false })).toBe(render({ ...result, uncertainty: undefined }));
  });
});
