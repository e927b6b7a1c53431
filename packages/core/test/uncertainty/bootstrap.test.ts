import { describe, expect, it } from 'vitest';
import { Conversation } from '../../src/conversation/conversation.js';
import { lcg } from '../../src/random/lcg.js';
import type { Vote } from '../../src/types.js';
import { bootstrap } from '../../src/uncertainty/bootstrap.js';
import { plantedConversation } from '../helpers/synthetic.js';

function updated(votes: Vote[], mode: 'stable' | 'polis' = 'stable'): Conversation {
  const conversation = new Conversation({ mode });
  conversation.addVotes(votes);
  conversation.update();
  return conversation;
}

// 300 people voting at random: any split the math finds is noise.
function noise(seed: number): Vote[] {
  const random = lcg(seed);
  const votes: Vote[] = [];
  for (let p = 0; p < 300; p++) for (let s = 0; s < 30; s++) if (random() < 0.6) votes.push({ participant: p, statement: s, vote: ([-1, 0, 1] as const)[Math.floor(random() * 3)]! });
  return votes;
}

describe('bootstrap(conversation, options)', () => {
  const planted = plantedConversation({ seed: 1, groups: 2, participants: 300, statements: 30 });
  const conversation = updated(planted.votes);
  const result = conversation.result!;
  const progress: number[] = [];
  const u = bootstrap(conversation, { resamples: 12, onProgress: ({ done, total }) => (expect(total).toBe(12), progress.push(done)) });

  it('lines up with the result: one confidence per participant, one stability per group', () => {
    expect(u.format).toBe('kuulo-uncertainty@1');
    expect(u.membershipConfidence.length).toBe(result.participants.length);
    expect(u.groups.map((g) => g.id)).toEqual(result.groups.map((g) => g.id));
    result.participantGroup.forEach((g, r) => (g === null ? expect(u.membershipConfidence[r]).toBeNull() : expect(u.membershipConfidence[r]).not.toBeNull()));
    expect(u.ari.length).toBe(12);
    expect(Object.values(u.k).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(u.repness.length).toBe(result.groups.reduce((s, g) => s + g.repness.length, 0));
    expect(u.consensus.length).toBe(result.consensus.agree.length + result.consensus.disagree.length);
    expect(u.bridging!.low.length).toBe(result.statements.length);
    expect(JSON.parse(JSON.stringify(u))).toEqual(u);
  });

  it('reports progress after every resample', () => {
    expect(progress).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
  });

  it('finds planted groups highly stable (Jaccard > 0.95) and their statements robust', () => {
    for (const g of u.groups) expect(g.stability).toBeGreaterThan(0.95);
    expect(u.k['2']).toBe(1);
    const confident = u.membershipConfidence.filter((c) => c !== null && c >= 0.9).length;
    expect(confident / u.membershipConfidence.filter((c) => c !== null).length).toBeGreaterThan(0.95);
    expect(u.repness.every((e) => e.robust === e.support >= u.robustThreshold)).toBe(true);
    expect(u.repness.filter((e) => e.robust).length).toBeGreaterThanOrEqual(u.repness.length - 1);
    u.bridging!.low.forEach((low, j) => expect(low!).toBeLessThanOrEqual(u.bridging!.high[j]!));
  });

  it('finds groups in random votes unstable (Jaccard < 0.6: "dissolved")', () => {
    for (const seed of [1, 2]) {
      const random = bootstrap(updated(noise(seed)), { resamples: 12 });
      for (const g of random.groups) expect(g.stability).toBeLessThan(0.6);
    }
  });

  it('is deterministic for a seed and changes with it', () => {
    expect(bootstrap(conversation, { resamples: 3 })).toEqual(bootstrap(conversation, { resamples: 3 }));
    expect(bootstrap(conversation, { resamples: 3, seed: 5 }).ari).not.toEqual(bootstrap(conversation, { resamples: 3 }).ari);
  });

  it('accepts a saved state or plain votes, resamples votes, and works in Polis mode', () => {
    const fromState = bootstrap(conversation.serialize(), { resamples: 3, reference: result });
    expect(fromState).toEqual(bootstrap(conversation, { resamples: 3 }));
    const fromVotes = bootstrap({ votes: planted.votes, options: { mode: 'stable' } }, { resamples: 3 });
    expect(fromVotes).toEqual(bootstrap(conversation, { resamples: 3 }));
    const byVotes = bootstrap(conversation, { resamples: 4, unit: 'votes' });
    expect(byVotes.unit).toBe('votes');
    for (const g of byVotes.groups) expect(g.stability).toBeGreaterThan(0.9);
    const polis = bootstrap(updated(planted.votes, 'polis'), { resamples: 4 });
    expect(polis.mode).toBe('polis');
    expect(polis.bridging).toBeNull();
  });

  it('rejects bad input, naming the problem and value', () => {
    expect(() => bootstrap(new Conversation())).toThrow(/no result yet/);
    expect(() => bootstrap(conversation, { resamples: 0 })).toThrow(/resamples must be a positive integer, got 0/);
    expect(() => bootstrap(conversation, { robustThreshold: 2 })).toThrow(/robustThreshold must be in \[0, 1\], got 2/);
    expect(() => bootstrap(conversation.serialize({ votes: false }))).toThrow(/saved without votes/);
  });
});
