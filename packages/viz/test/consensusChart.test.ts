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
    // This fixture's groups have 11, 3 and 9 members: with lower minimums its group-aware headlines appear.
    const doc = parse(render(result, { statementText, count: 3, minVotes: 5, minGroupVotes: 2, groupsLeanAgree: false }));
    const blocks = Array.from(doc.querySelectorAll('g.kuulo-statement-block'));
    const hidden = new Set([...result.modOut, ...result.meta]);
    const seen = (j: number) => result.groups.reduce((n, g) => n + g.tallies.seen[j]!, 0);
    const gac = result.statements
      .map((id, j) => ({ id, j, v: result.groupAwareConsensus[j]! }))
      .filter((d) => !hidden.has(d.id) && seen(d.j) >= 5 && result.groups.every((g) => g.tallies.seen[d.j]! >= 2))
      .sort((a, b) => b.v - a.v)
      .slice(0, 3)
      .map((d) => d.id);
    expect(gac).toHaveLength(3);
    const majority = [...result.consensus.agree, ...result.consensus.disagree].filter((e) => e.nTrials >= 5).map((e) => e.statement);
    const expected = [...majority, ...gac];
    expect(blocks).toHaveLength(expected.length);
    blocks.forEach((b, k) => expect(b.getAttribute('aria-label')!.startsWith(`${statementText.get(expected[k] as number)!}. `)).toBe(true));
    const bars = blocks.map((b) => b.querySelectorAll('g.kuulo-tally-bar').length);
    expect(bars).toEqual(expected.map((_, k) => (k < majority.length ? 1 : result.groups.length)));
  });

  it('a headline needs minVotes overall and minGroupVotes in every group, and says how many of the participants voted', () => {
    const result = polisResult(conversation);
    // Defaults 10 and 5: the 3-member group B can never give 5 votes, so nothing is "agreed across groups".
    const doc = parse(render(result, { statementText }));
    const blocks = Array.from(doc.querySelectorAll('g.kuulo-statement-block'));
    const kept = result.consensus.agree.filter((e) => e.nTrials >= 10);
    expect(kept.map((e) => e.statement)).toEqual([26, 28, 18]);
    const majority = [...kept, ...result.consensus.disagree.filter((e) => e.nTrials >= 10)];
    expect(blocks).toHaveLength(majority.length);
    const total = result.participants.length;
    blocks.forEach((block, k) => {
      const votes = majority[k]!.nTrials;
      const support = block.querySelector('text.kuulo-support')!;
      // Under a quarter of the participants is low support, said in words (and in bold).
      if (votes < total / 4) {
        expect(support.textContent).toBe(`Low support: only ${votes} of ${total} voted (under 25%)`);
        expect(support.getAttribute('class')).toContain('kuulo-support-low');
      } else expect(support.textContent).toBe(`${votes} of ${total} voted`);
      expect(block.getAttribute('aria-label')).toContain(support.textContent!);
    });
    const lines = Array.from(doc.querySelectorAll('tspan')).map((t) => t.textContent).join(' ');
    expect(lines).toContain('No statement yet has at least 10 votes overall and 5 votes in every group, with more agreeing than disagreeing in each group.');
    expect(doc.querySelector('desc')!.textContent).toContain('Most participants agree: 3 statements.');
    expect(doc.querySelector('desc')!.textContent).toContain('Agreed across groups: 0 statements.');
  });

  it('groupsLeanAgree (default) keeps out of "Agreed across groups" a statement that some group mostly disagrees with', () => {
    const result = polisResult(conversation);
    const options = { statementText, sections: ['groupAware'] as const, minVotes: 1, minGroupVotes: 1, count: 50 };
    const ids = (svg: string) => Array.from(parse(svg).querySelectorAll('g.kuulo-statement-block')).map((b) => b.getAttribute('aria-label')!);
    const all = ids(render(result, { ...options, groupsLeanAgree: false }));
    const leaning = ids(render(result, options));
    const lean = (id: number) => {
      const j = result.statements.indexOf(id);
      return result.groups.every((g) => g.tallies.agree[j]! > g.tallies.disagree[j]!);
    };
    const text = (label: string) => [...statementText.entries()].find(([, t]) => label.startsWith(`${t}. `))![0];
    expect(leaning.length).toBeGreaterThan(0);
    expect(leaning.length).toBeLessThan(all.length);
    expect(leaning.every((label) => lean(text(label)))).toBe(true);
    expect(all.filter((label) => lean(text(label)))).toEqual(leaning);
  });

  it('labels the majority bar "Everyone" with statementTally, and "Grouped participants" without', () => {
    const result = polisResult(conversation);
    const first = result.consensus.agree[0]!;
    const grouped = parse(render(result, { statementText, sections: ['agree'] })).querySelector('g.kuulo-statement-block')!;
    expect(grouped.getAttribute('aria-label')).toContain('Grouped participants: ');
    const tally = { agree: first.nSuccess, disagree: 1, pass: first.nTrials - first.nSuccess - 1 };
    const everyone = parse(render(result, { statementText, sections: ['agree'], statementTally: (id) => (id === first.statement ? tally : undefined) })).querySelector('g.kuulo-statement-block')!;
    expect(everyone.getAttribute('aria-label')).toContain('Everyone: ');
    expect(everyone.querySelectorAll('text')[everyone.querySelectorAll('text').length - 1]!.textContent).toBe(`${first.nTrials} votes`);
  });

  it('raises minGroupVotes to the privacy floor of a published result and rejects bad minimums', () => {
    const result = polisResult(conversation);
    const published = { ...result, privacy: { floor: 12, mapMinimum: 12, participants: result.participants.length, published: true, hiddenGroups: 0, hiddenParticipants: 0 } } as KuuloResult;
    const doc = parse(render(published, { statementText, sections: ['groupAware'], minVotes: 1, minGroupVotes: 1 }));
    expect(doc.querySelectorAll('g.kuulo-statement-block')).toHaveLength(0);
    expect(Array.from(doc.querySelectorAll('tspan')).map((t) => t.textContent).join(' ')).toContain('at least 1 vote overall and 12 votes in every group');
    expect(() => consensusChart(result, { document: createDocument(), minVotes: 0 })).toThrow('consensusChart: options.minVotes must be a finite number ≥ 1, got 0');
    expect(() => consensusChart(result, { document: createDocument(), lowShare: 2 })).toThrow('consensusChart: options.lowShare must be a number in [0, 1], got 2');
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
    // Every consensus entry, however few voted: this test is about the robustness flags.
    const svg = render(result, { statementText, minVotes: 1 });
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
