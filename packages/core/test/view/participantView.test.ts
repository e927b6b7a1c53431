import { describe, expect, it } from 'vitest';
import { Conversation, participantView, type KuuloResult } from '../../src/index.js';
import { insideConvex } from '../helpers/insideConvex.js';
import { plantedConversation } from '../helpers/synthetic.js';

function resultOf(participants: number, seed = 1): KuuloResult {
  const conversation = new Conversation({ seed: 3 });
  conversation.addVotes(plantedConversation({ participants, statements: 30, groups: 3, seed }).votes);
  return conversation.update();
}

describe('participantView(result)', () => {
  const result = resultOf(200);
  const view = participantView(result);

  it('has one entry per group in id order, with the label, size and centre of the result', () => {
    expect(result.groups.length).toBeGreaterThanOrEqual(2);
    const byId = [...result.groups].sort((a, b) => a.id - b.id);
    expect(view.format).toBe('kuulo-participant-view@1');
    expect(view.groups.map((g) => [g.id, g.label, g.size])).toEqual(byId.map((g) => [g.id, g.label, g.size]));
    view.groups.forEach((g, i) => {
      expect(g.center[0]).toBeCloseTo(byId[i]!.center[0], 4);
      expect(g.center[1]).toBeCloseTo(byId[i]!.center[1], 4);
    });
  });

  it('sizes add up: grouped + ungrouped = participants, and the groups hold the grouped', () => {
    const { counts } = view;
    expect(counts.participants).toBe(result.participants.length);
    expect(counts.grouped + counts.ungrouped).toBe(counts.participants);
    expect(view.groups.reduce((s, g) => s + g.size, 0)).toBe(counts.grouped);
    expect(counts.ungrouped).toBe(result.participantGroup.filter((g) => g === null).length);
    expect(counts.statements).toBe(result.statements.length);
  });

  it('each hull (coverage 1 by default up to 2,000 participants) contains every member, in ≤ 40 points', () => {
    expect(view.hullCoverage).toBe(1);
    for (const g of view.groups) {
      expect(g.hull.length).toBeGreaterThanOrEqual(3);
      expect(g.hull.length).toBeLessThanOrEqual(40);
      result.participants.forEach((_, i) => {
        if (result.participantGroup[i] !== g.id) return;
        const p = [result.participantProjection.x[i]!, result.participantProjection.y[i]!] as const;
        expect(insideConvex(g.hull, p, 1e-4), `participant ${i} outside group ${g.label}`).toBe(true);
      });
    }
  });

  it('with hullCoverage 0.9 a hull holds at least 90 % of its members', () => {
    const partial = participantView(result, { hullCoverage: 0.9, maxHullPoints: 8 });
    expect(partial.hullCoverage).toBe(0.9);
    for (const g of partial.groups) {
      expect(g.hull.length).toBeLessThanOrEqual(8);
      const inside = result.participants.filter((_, i) => result.participantGroup[i] === g.id && insideConvex(g.hull, [result.participantProjection.x[i]!, result.participantProjection.y[i]!], 1e-4)).length;
      expect(inside).toBeGreaterThanOrEqual(Math.ceil(0.9 * g.size));
    }
  });

  it('the extent holds every participant (no trimming up to 2,000)', () => {
    const { x, y } = result.participantProjection;
    for (let i = 0; i < x.length; i++) {
      expect(x[i]!).toBeGreaterThanOrEqual(view.extent.x[0]);
      expect(x[i]!).toBeLessThanOrEqual(view.extent.x[1]);
      expect(y[i]!).toBeGreaterThanOrEqual(view.extent.y[0]);
      expect(y[i]!).toBeLessThanOrEqual(view.extent.y[1]);
    }
  });

  it('keeps the first 5 representative statements per group and 5 consensus statements per side', () => {
    for (const g of view.groups) {
      const full = result.groups.find((r) => r.id === g.id)!.repness;
      expect(g.repness).toEqual(full.slice(0, 5).map((e) => ({ statement: e.statement, nSuccess: e.nSuccess, nTrials: e.nTrials, pSuccess: Math.round(e.pSuccess * 1e4) / 1e4, repfulFor: e.repfulFor })));
    }
    expect(view.consensus.agree.map((e) => e.statement)).toEqual(result.consensus.agree.slice(0, 5).map((e) => e.statement));
    expect(view.consensus.disagree.map((e) => e.statement)).toEqual(result.consensus.disagree.slice(0, 5).map((e) => e.statement));
    expect(participantView(result, { repness: 1, consensus: 0 }).groups.every((g) => g.repness.length <= 1)).toBe(true);
  });

  it('names no participant: no participant list leaks, and the view does not grow with participants', () => {
    const big = resultOf(20_000);
    const bigView = participantView(big);
    expect(bigView.counts.participants).toBe(20_000);
    expect(bigView.hullCoverage).toBe(0.9);
    const small = JSON.stringify(view).length;
    const large = JSON.stringify(bigView).length;
    // 100× the participants: only hull vertex counts (≤ 40 each) and the digits of counts may differ.
    expect(Math.abs(large - small)).toBeLessThan(2000);
    expect(large).toBeLessThan(6000);
    const keys = new Set<string>();
    JSON.stringify(bigView, (k, v: unknown) => (keys.add(k), v));
    for (const leak of ['participantGroup', 'participantProjection', 'baseClusters', 'inConv', 'voteCounts']) expect(keys.has(leak), leak).toBe(false);
  }, 120_000);

  it('refuses what is not a KuuloResult and bad options, naming the value', () => {
    expect(() => participantView({ format: 'polis' } as unknown as KuuloResult)).toThrow(`participantView: result must be a KuuloResult (format 'kuulo-result@1'), got "polis"`);
    expect(() => participantView(result, { hullCoverage: 0 })).toThrow('participantView: options.hullCoverage must be in (0, 1], got 0');
    expect(() => participantView(result, { maxHullPoints: 2 })).toThrow('participantView: options.maxHullPoints must be an integer ≥ 3, got 2');
  });
});
