import { describe, expect, it } from 'vitest';
import { Conversation, participantView, publishResult, type KuuloResult } from '../../src/index.js';
import { insideConvex } from '../helpers/insideConvex.js';
import { camps } from '../helpers/camps.js';
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

  it('with hullCoverage 1 (Polis\'s drawing; the default is the core, see coreHull.test.ts) each hull contains every member, in ≤ 40 points', () => {
    const full = participantView(result, { hullCoverage: 1 });
    expect(full.hullCoverage).toBe(1);
    for (const g of full.groups) {
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
      const tallies = result.groups.find((r) => r.id === g.id)!.tallies;
      expect(g.repness).toEqual(
        full.slice(0, 5).map((e) => {
          const c = result.statements.indexOf(e.statement);
          const [agree, disagree] = [tallies.agree[c]!, tallies.disagree[c]!];
          return { statement: e.statement, nSuccess: e.nSuccess, nTrials: e.nTrials, pSuccess: Math.round(e.pSuccess * 1e4) / 1e4, repfulFor: e.repfulFor, agree, disagree, pass: tallies.seen[c]! - agree - disagree };
        }),
      );
      for (const e of g.repness) expect(e.agree + e.disagree + e.pass).toBe(e.nTrials);
    }
    expect(view.consensus.agree.map((e) => e.statement)).toEqual(result.consensus.agree.slice(0, 5).map((e) => e.statement));
    expect(view.consensus.disagree.map((e) => e.statement)).toEqual(result.consensus.disagree.slice(0, 5).map((e) => e.statement));
    expect(participantView(result, { repness: 1, consensus: 0 }).groups.every((g) => g.repness.length <= 1)).toBe(true);
  });

  it('names no participant: no participant list leaks, and the view does not grow with participants', () => {
    const big = resultOf(20_000);
    const bigView = participantView(big);
    expect(bigView.counts.participants).toBe(20_000);
    expect(bigView.hullCoverage).toBe(2 / 3);
    const small = JSON.stringify(view).length;
    const large = JSON.stringify(bigView).length;
    // 100× the participants: only hull vertex counts (≤ 40 each) and the digits of counts may differ.
    expect(Math.abs(large - small)).toBeLessThan(2000);
    expect(large).toBeLessThan(6000);
    const keys = new Set<string>();
    JSON.stringify(bigView, (k, v: unknown) => (keys.add(k), v));
    for (const leak of ['participantGroup', 'participantProjection', 'baseClusters', 'inConv', 'voteCounts']) expect(keys.has(leak), leak).toBe(false);
  }, 120_000);

  it('carries the privacy record and shows only the groups publishResult publishes', () => {
    expect(view.privacy).toEqual(publishResult(result).privacy);
    const planted = camps(30, 4);
    const small = planted.groups.find((g) => g.size === 4)!;
    const hidden = participantView(planted);
    expect(hidden.privacy).toMatchObject({ floor: 5, published: true, hiddenGroups: 1, hiddenParticipants: 4 });
    expect(hidden.groups.map((g) => g.size)).toEqual([30]);
    expect(hidden.counts).toMatchObject({ participants: 34, grouped: 30, ungrouped: 4 });
    expect(JSON.stringify(hidden.groups)).not.toContain(`"id":${small.id},`);
    expect(participantView(planted, { privacyFloor: 4 }).groups.length).toBe(2);
    // Six participants: no group yet, whatever the floor.
    const early = participantView(camps(3, 3), { privacyFloor: 2 });
    expect(early.privacy).toMatchObject({ participants: 6, mapMinimum: 7, published: false });
    expect([early.groups, early.counts.grouped]).toEqual([[], 0]);
    expect(participantView(camps(5, 2), { privacyFloor: 2 }).groups.length).toBe(2);
  });

  it('drops representative and consensus statements fewer than the floor voted on', () => {
    const thin = camps(30, 8, 3);
    for (const floor of [2, 5, 9]) {
      const v = participantView(thin, { privacyFloor: floor, repness: 100, consensus: 100 });
      for (const g of v.groups) for (const e of g.repness) expect(e.nTrials).toBeGreaterThanOrEqual(floor);
      for (const e of [...v.consensus.agree, ...v.consensus.disagree]) expect(e.nTrials).toBeGreaterThanOrEqual(floor);
    }
    expect(() => participantView(thin, { privacyFloor: 101 })).toThrow('participantView: privacy floor must be an integer from 2 to 100, got 101');
  });

  it('refuses what is not a KuuloResult and bad options, naming the value', () => {
    expect(() => participantView({ format: 'polis' } as unknown as KuuloResult)).toThrow(`participantView: result must be a KuuloResult (format 'kuulo-result@1'), got "polis"`);
    expect(() => participantView(result, { hullCoverage: 0 })).toThrow('participantView: options.hullCoverage must be in (0, 1], got 0');
    expect(() => participantView(result, { maxHullPoints: 2 })).toThrow('participantView: options.maxHullPoints must be an integer ≥ 3, got 2');
  });
});
