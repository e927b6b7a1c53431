import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Conversation, parsePolisCommentsCsv, parsePolisVotesCsv, publishResult, type KuuloResult, type PublishedKuuloResult } from '../../src/index.js';
import { camps } from '../helpers/camps.js';
import { fixturesDir } from '../helpers/fixtures.js';
import { openDataNames } from '../stable/fixtureConversations.js';

/** Every number a published result carries about a group or a statement rests on at least `floor` participants. */
function expectFloorHolds(published: PublishedKuuloResult, floor: number): void {
  const ids = new Set(published.groups.map((g) => g.id));
  for (const g of published.groups) {
    expect(g.size).toBeGreaterThanOrEqual(floor);
    g.tallies.seen.forEach((s, c) => {
      if (s === null) expect([g.tallies.agree[c], g.tallies.disagree[c]]).toEqual([null, null]);
      else expect(s).toBeGreaterThanOrEqual(floor);
    });
    for (const e of g.repness) expect(e.nTrials).toBeGreaterThanOrEqual(floor);
  }
  for (const e of [...published.consensus.agree, ...published.consensus.disagree]) expect(e.nTrials).toBeGreaterThanOrEqual(floor);
  for (const g of published.participantGroup) if (g !== null) expect(ids.has(g)).toBe(true);
  expect(published.participantGroup.filter((g) => g !== null).length).toBe(published.groups.reduce((s, g) => s + g.size, 0));
}

describe('publishResult(result, { floor })', () => {
  it('hides a planted group of 4 under the default floor 5 and ungroups its members', () => {
    const result = camps(30, 4);
    expect(result.groups.map((g) => g.size).sort((x, y) => x - y)).toEqual([4, 30]);
    const small = result.groups.find((g) => g.size === 4)!;
    const published = publishResult(result);
    expect(published.privacy).toEqual({ floor: 5, mapMinimum: 7, participants: 34, published: true, hiddenGroups: 1, hiddenParticipants: 4 });
    expect(published.groups.map((g) => g.size)).toEqual([30]);
    result.participantGroup.forEach((g, i) => expect(published.participantGroup[i]).toBe(g === small.id ? null : g));
    expectFloorHolds(published, 5);
    // One group left: group-aware consensus is that group's (A+1)/(S+2), not a product carrying the hidden four.
    const big = result.groups.find((g) => g.size === 30)!;
    published.groupAwareConsensus.forEach((v, c) => expect(v).toBeCloseTo((big.tallies.agree[c]! + 1) / (big.tallies.seen[c]! + 2), 12));
    // Floor 4 shows it again.
    expect(publishResult(result, { floor: 4 }).groups.map((g) => g.size).sort((x, y) => x - y)).toEqual([4, 30]);
  });

  it('publishes nothing at 6 participants, even groups above the floor', () => {
    const result = camps(3, 3);
    expect(result.groups.length).toBe(2);
    for (const floor of [2, 5]) {
      const published = publishResult(result, { floor });
      expect(published.privacy).toEqual({ floor, mapMinimum: 7, participants: 6, published: false, hiddenGroups: 2, hiddenParticipants: 6 });
      expect(published.groups).toEqual([]);
      expect(published.participantGroup.every((g) => g === null)).toBe(true);
      expect(published.groupAwareConsensus.every((v) => v === null)).toBe(true);
      // The map's dots stay: the page says why no group is drawn.
      expect(published.participantProjection).toEqual(result.participantProjection);
    }
  });

  it('publishes from 7 participants: groups at or above the floor appear', () => {
    const result = camps(5, 2);
    expect(result.groups.map((g) => g.size).sort()).toEqual([2, 5]);
    const atFive = publishResult(result);
    expect(atFive.privacy.published).toBe(true);
    expect(atFive.groups.map((g) => g.size)).toEqual([5]);
    const atTwo = publishResult(result, { floor: 2 });
    expect(atTwo.groups.length).toBe(2);
    expect(atTwo.privacy).toEqual({ floor: 2, mapMinimum: 7, participants: 7, published: true, hiddenGroups: 0, hiddenParticipants: 0 });
    // With every group shown, group-aware consensus is the core's own.
    expect(atTwo.groupAwareConsensus).toEqual(result.groupAwareConsensus);
    // A floor above 7 raises the map minimum with it.
    expect(publishResult(result, { floor: 8 }).privacy).toMatchObject({ mapMinimum: 8, published: false });
  });

  it("drops a group's tallies, representative and consensus entries of a statement fewer than the floor voted on", () => {
    const result = camps(30, 8, 3);
    const published = publishResult(result);
    const c = result.statements.indexOf(12);
    expect(published.groups.length).toBe(2);
    for (const g of published.groups) expect([g.tallies.agree[c], g.tallies.disagree[c], g.tallies.seen[c]]).toEqual([null, null, null]);
    expect(result.groups.some((g) => g.tallies.seen[c]! === 3)).toBe(true);
    expectFloorHolds(published, 5);
    expect(publishResult(result, { floor: 3 }).groups.some((g) => g.tallies.seen[c] === 3)).toBe(true);
  });

  it('does not change its input and refuses floors outside 2..100, naming the value', () => {
    const result = camps(30, 4);
    const before = JSON.stringify(result);
    publishResult(result);
    expect(JSON.stringify(result)).toBe(before);
    expect(() => publishResult(result, { floor: 1 })).toThrow('publishResult: privacy floor must be an integer from 2 to 100, got 1');
    expect(() => publishResult(result, { floor: 5.5 })).toThrow('got 5.5');
    expect(() => publishResult({ format: 'x' } as unknown as KuuloResult)).toThrow(`publishResult: result must be a KuuloResult (format 'kuulo-result@1'), got "x"`);
  });

  describe('on the open-data conversations', () => {
    for (const name of openDataNames) {
      it(`${name}: no published number rests on fewer than the floor; raising the floor past the smallest group (at most 100) hides it`, () => {
        const dir = `${fixturesDir}open-data/${name}/`;
        const votes = parsePolisVotesCsv(readFileSync(`${dir}votes.csv`), { source: `${name}/votes.csv` });
        const comments = parsePolisCommentsCsv(readFileSync(`${dir}comments.csv`, 'utf8'), { source: `${name}/comments.csv` });
        const conversation = new Conversation({ seed: 1 });
        conversation.moderate(comments.moderation);
        conversation.addVotes(votes);
        const result = conversation.update();
        const published = publishResult(result);
        expectFloorHolds(published, 5);
        expect(published.privacy.participants).toBe(result.participants.length);
        expect(published.privacy.published).toBe(true);
        const smallest = Math.min(...result.groups.map((g) => g.size));
        const floor = Math.min(100, smallest + 1);
        const raised = publishResult(result, { floor });
        expectFloorHolds(raised, floor);
        expect(raised.groups.map((g) => g.id)).toEqual(result.groups.filter((g) => g.size >= floor).map((g) => g.id));
        if (smallest < 100) expect(raised.groups.length).toBeLessThan(result.groups.length);
        expect(raised.privacy.hiddenParticipants).toBe(result.groups.filter((g) => g.size < floor).reduce((s, g) => s + g.size, 0));
      }, 60_000);
    }
  });
});
