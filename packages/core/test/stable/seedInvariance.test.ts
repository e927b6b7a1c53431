import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parsePolisCommentsCsv } from '../../src/load/parsePolisCommentsCsv.js';
import { parsePolisParticipantsVotesCsv } from '../../src/load/parsePolisParticipantsVotesCsv.js';
import { parsePolisVotesCsv } from '../../src/load/parsePolisVotesCsv.js';
import { Conversation } from '../../src/conversation/conversation.js';
import { adjustedRandIndex } from '../../src/stats/adjustedRandIndex.js';
import type { KuuloResult } from '../../src/types.js';
import { plantedConversation } from '../helpers/synthetic.js';
import { fixturesDir } from '../helpers/fixtures.js';
import { fixtureConversations, type FixtureConversation } from './fixtureConversations.js';

const conversations = fixtureConversations();

function run(c: FixtureConversation, options: { seed: number; stableMinGroupSize?: number }): KuuloResult {
  const conversation = new Conversation({ mode: 'stable', strictModeration: c.strictModeration, ...options });
  conversation.moderate(c.moderation);
  conversation.addVotes(c.votes);
  return conversation.update();
}

function sizes(result: KuuloResult): number[] {
  return result.groups.map((g) => result.participantGroup.filter((x) => x === g.id).length);
}

describe('stable mode: the same groups whatever the seed (issue #14)', () => {
  // Before: seeds changed the groups of 4 of these 8 conversations (ARI down to 0.92 on vtaiwan.uberx), and
  // below-100-ptpts had a group of 4. Participants stand in a seed-free point set; see stableGroups.
  for (const c of conversations) {
    it(`${c.name}: seeds 1–4 agree with seed 0 (ARI ≥ 0.99, same k), no group below 5`, () => {
      const reference = run(c, { seed: 0 });
      for (const seed of [0, 1, 2, 3, 4]) {
        const result = seed === 0 ? reference : run(c, { seed });
        expect(result.participants).toEqual(reference.participants);
        expect(adjustedRandIndex(result.participantGroup, reference.participantGroup)).toBeGreaterThanOrEqual(0.99);
        expect(result.groups.length).toBe(reference.groups.length);
        for (const size of sizes(result)) expect(size).toBeGreaterThanOrEqual(5);
      }
      console.log(`stable seeds ${c.name}: k ${reference.groups.length}, sizes ${sizes(reference).join(' + ')}`);
    });
  }
});

describe('stable mode above 2,000 clustered participants (groups found on grid cells, then per participant)', () => {
  it('3 planted groups, 3,000 participants: seeds agree and the truth is recovered', () => {
    const planted = plantedConversation({ seed: 5, groups: 3, participants: 3000, statements: 60, noise: 0.15, density: 0.5 });
    const c: FixtureConversation = { name: 'planted', votes: planted.votes, moderation: [], strictModeration: false };
    const results = [0, 1, 2].map((seed) => run(c, { seed }));
    const truth = results[0]!.participants.map((p) => planted.group[p as number]!);
    for (const r of results) {
      expect(r.groups.length).toBe(3);
      expect(adjustedRandIndex(r.participantGroup, results[0]!.participantGroup)).toBeGreaterThanOrEqual(0.99);
      expect(adjustedRandIndex(r.participantGroup, truth)).toBeGreaterThanOrEqual(0.95);
    }
  });
});

describe('stableMinGroupSize', () => {
  const below100 = conversations.find((c) => c.name === 'below-100-ptpts')!;

  it('defaults to 5, the default privacy floor; a smaller minimum lets below-100-ptpts show its group of 4', () => {
    expect(new Conversation({ mode: 'stable' }).options.stableMinGroupSize).toBe(5);
    expect(Math.min(...sizes(run(below100, { seed: 0, stableMinGroupSize: 1 })))).toBeLessThan(5);
    expect(Math.min(...sizes(run(below100, { seed: 0 })))).toBeGreaterThanOrEqual(5);
  });

  it('holds for any floor the server passes: no group below it, everyone clustered still grouped', () => {
    for (const floor of [2, 8, 10]) {
      for (const c of conversations) {
        const result = run(c, { seed: 0, stableMinGroupSize: floor });
        for (const size of sizes(result)) expect(size).toBeGreaterThanOrEqual(floor);
        const grouped = result.participantGroup.filter((g) => g !== null).length;
        expect(grouped).toBe(result.inConv.length >= floor ? result.inConv.length : 0);
      }
    }
  });

  it('with fewer clustered participants than the floor, shows no group at all', () => {
    const c = conversations.find((x) => x.name === '25ptpt-3gp-no-strict-with-meta')!;
    const result = run(c, { seed: 0, stableMinGroupSize: 100 });
    expect(result.groups).toEqual([]);
    expect(result.participantGroup.every((g) => g === null)).toBe(true);
  });

  it('is validated', () => {
    expect(() => new Conversation({ stableMinGroupSize: 0 })).toThrow(/stableMinGroupSize must be a positive integer, got 0/);
    expect(() => new Conversation({ stableMinGroupSize: 2.5 })).toThrow(/stableMinGroupSize must be a positive integer/);
  });
});

// bg2050-volunteers (compdemocracy/openData, CC BY 4.0) is where stable mode showed 106 + 1 against Polis's
// 100 + 8. It is not in the repository yet (this machine has no network): copy the export into
// fixtures/open-data/bg2050-volunteers (votes.csv, comments.csv, participants-votes.csv) and this runs.
const bg2050 = `${fixturesDir}open-data/bg2050-volunteers/`;
describe('bg2050-volunteers', () => {
  it.skipIf(!existsSync(`${bg2050}votes.csv`))('no one-person group, no group below 5, every seed the same, and Polis’s grouping', () => {
    const c: FixtureConversation = {
      name: 'bg2050-volunteers',
      votes: parsePolisVotesCsv(readFileSync(`${bg2050}votes.csv`), { source: 'bg2050-volunteers/votes.csv' }),
      moderation: parsePolisCommentsCsv(readFileSync(`${bg2050}comments.csv`, 'utf8'), { source: 'bg2050-volunteers/comments.csv' }).moderation,
      strictModeration: false,
    };
    const polis = new Map(parsePolisParticipantsVotesCsv(readFileSync(`${bg2050}participants-votes.csv`, 'utf8')).participants.map((p) => [p.id, p.groupId]));
    const reference = run(c, { seed: 0 });
    for (const seed of [0, 1, 2, 3, 4]) {
      const result = seed === 0 ? reference : run(c, { seed });
      for (const size of sizes(result)) expect(size).toBeGreaterThanOrEqual(5);
      expect(adjustedRandIndex(result.participantGroup, reference.participantGroup)).toBeGreaterThanOrEqual(0.99);
    }
    const ari = adjustedRandIndex(reference.participantGroup, reference.participants.map((p) => polis.get(p as number) ?? null));
    console.log(`bg2050-volunteers: sizes ${sizes(reference).join(' + ')}, ARI vs Polis ${ari.toFixed(3)}`);
    // Polis and every other method agree on 100 + 8 (ARI 1.0 among themselves).
    expect(ari).toBeGreaterThanOrEqual(0.9);
  });
});
