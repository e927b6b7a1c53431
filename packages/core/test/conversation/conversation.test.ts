import { describe, expect, it } from 'vitest';
import { Conversation } from '../../src/conversation/conversation.js';
import { lcg } from '../../src/random/lcg.js';
import type { Vote } from '../../src/types.js';

// Two camps of 20 people who disagree on statements 0–5 and all agree on 6–7; each person skips a few.
function twoCamps(seed = 3, people = 40): Vote[] {
  const random = lcg(seed);
  const votes: Vote[] = [];
  for (let p = 0; p < people; p++) {
    const camp = p % 2 === 0 ? 1 : -1;
    for (let s = 0; s < 8; s++) {
      if (random() < 0.15) continue;
      const vote = s >= 6 ? 1 : s % 2 === 0 ? camp : -camp;
      votes.push({ participant: `p${p}`, statement: s, vote: (random() < 0.1 ? 0 : vote) as Vote['vote'], time: p * 100 + s });
    }
  }
  return votes;
}

function campOf(id: string | number): number {
  return Number(String(id).slice(1)) % 2;
}

describe('Conversation', () => {
  it('finds two planted camps and their consensus', () => {
    const conversation = new Conversation({ seed: 1 });
    conversation.addVotes(twoCamps());
    const result = conversation.update();
    expect(result.groups.length).toBe(2);
    for (const g of result.groups) {
      const camps = new Set(result.participants.filter((_, r) => result.participantGroup[r] === g.id).map(campOf));
      expect(camps.size).toBe(1);
    }
    expect(result.consensus.agree.map((e) => e.statement).sort()).toEqual([6, 7]);
    expect(result.groups.map((g) => g.label)).toEqual(['A', 'B']);
    expect(result.seed).toBe(1);
  });

  it('gives identical bytes for the same votes and seed, whatever the batching', () => {
    const votes = twoCamps();
    const a = new Conversation({ seed: 5 });
    a.addVotes(votes);
    const b = new Conversation({ seed: 5 });
    b.addVotes(votes.slice(0, 100));
    b.addVotes(votes.slice(100));
    expect(JSON.stringify(a.update())).toBe(JSON.stringify(b.update()));
  });

  it('keeps group ids with the same people across updates', () => {
    const votes = twoCamps(11, 60);
    const conversation = new Conversation({ seed: 2 });
    conversation.addVotes(votes.slice(0, 250));
    const first = conversation.update();
    const idOfCamp = new Map(first.groups.map((g) => [campOf(first.participants[first.participantGroup.indexOf(g.id)]!), g.id]));
    conversation.addVotes(votes.slice(250));
    const second = conversation.update();
    second.participants.forEach((p, r) => {
      if (second.participantGroup[r] !== null && idOfCamp.has(campOf(p))) expect(second.participantGroup[r]).toBe(idOfCamp.get(campOf(p)));
    });
  });

  it('restores from serialized state and continues exactly', () => {
    const votes = twoCamps();
    const original = new Conversation({ seed: 9 });
    original.addVotes(votes.slice(0, 200));
    original.update();
    const restored = Conversation.restore(JSON.parse(JSON.stringify(original.serialize())));
    original.addVotes(votes.slice(200));
    restored.addVotes(votes.slice(200));
    expect(JSON.stringify(restored.update())).toBe(JSON.stringify(original.update()));
  });

  it('restores without votes when the caller re-adds them', () => {
    const votes = twoCamps();
    const original = new Conversation({ seed: 9 });
    original.addVotes(votes);
    original.update();
    const restored = Conversation.restore(original.serialize({ votes: false }));
    restored.addVotes(votes);
    expect(JSON.stringify(restored.update())).toBe(JSON.stringify(original.update()));
  });

  it('moderating a statement out zeroes it for the geometry and drops it from repness and consensus', () => {
    const conversation = new Conversation();
    conversation.addVotes(twoCamps());
    conversation.moderate([{ statement: 6, moderation: -1 }, { statement: 7, isMeta: true }]);
    const result = conversation.update();
    const col6 = result.statements.indexOf(6);
    expect(result.pca.comps[0][col6]).toBe(0);
    expect(result.pca.center[col6]).toBe(0);
    expect(result.modOut).toEqual(expect.arrayContaining([6, 7]));
    expect(result.meta).toEqual([7]);
    expect(result.consensus.agree.map((e) => e.statement)).not.toContain(6);
    for (const g of result.groups) expect(g.repness.map((e) => e.statement)).not.toContain(6);
    // Meta statements get Polis's fixed priority 7².
    expect(result.priorities[result.statements.indexOf(7)]).toBe(49);
  });

  it('picks a next statement the participant has not voted on, deterministically for a seed', () => {
    const conversation = new Conversation();
    conversation.addVotes(twoCamps());
    conversation.update();
    const candidates = [0, 1, 2, 3, 4, 5, 6, 7, 8];
    const voted = new Set(twoCamps().filter((v) => v.participant === 'p0').map((v) => v.statement));
    for (let i = 0; i < 50; i++) {
      const pick = conversation.nextStatement('p0', candidates, lcg(i));
      expect(pick).not.toBeNull();
      expect(voted.has(pick!)).toBe(false);
      expect(conversation.nextStatement('p0', candidates, lcg(i))).toBe(pick);
    }
    expect(conversation.nextStatement('p0', [...voted])).toBeNull();
  });

  it('handles an empty conversation and a single voter', () => {
    const empty = new Conversation().update();
    expect(empty.participants).toEqual([]);
    expect(empty.groups).toEqual([]);
    const one = new Conversation();
    one.addVotes([{ participant: 'a', statement: 's', vote: 1 }]);
    const result = one.update();
    expect(result.participants).toEqual(['a']);
    expect(result.inConv).toEqual(['a']);
    expect(result.pca.comps[0]).toEqual([0]);
  });

  it('rejects bad input with the field and value, and keeps what was stored', () => {
    const conversation = new Conversation();
    conversation.addVotes([{ participant: 'a', statement: 1, vote: 1 }]);
    expect(() => conversation.addVotes([{ participant: 'b', statement: 1, vote: 5 as never }])).toThrow('votes[0].vote');
    expect(() => conversation.moderate([{ statement: 1, moderation: 2 as never }])).toThrow('moderation[0].moderation: expected -1, 0 or 1, got 2');
    expect(() => new Conversation({ baseK: 0 })).toThrow('option baseK must be a positive integer, got 0');
    expect(() => new Conversation({ bogus: 1 } as never)).toThrow('unknown option: bogus');
    expect(() => Conversation.restore({ format: 'nope' } as never)).toThrow('state.format');
    expect(conversation.update().participants).toEqual(['a']);
  });

  it('reserveIds fixes row and column order ahead of the votes and names a bad id', () => {
    const votes: Vote[] = [
      { participant: 'b', statement: 2, vote: 1 },
      { participant: 'a', statement: 1, vote: -1 },
      { participant: 'c', statement: 2, vote: 0 },
    ];
    const plain = new Conversation();
    plain.addVotes(votes);
    expect([plain.participants, plain.statements]).toEqual([['b', 'a', 'c'], [2, 1]]);
    const reserved = new Conversation();
    reserved.reserveIds({ participants: ['c', 'a'], statements: [1, 2] });
    reserved.addVotes(votes);
    expect([reserved.participants, reserved.statements]).toEqual([['c', 'a', 'b'], [1, 2]]);
    expect(reserved.update().voteCounts).toEqual([1, 1, 1]);
    expect(() => reserved.reserveIds({ statements: [3, ''] })).toThrow('reserveIds: statements[1] must be a string or finite number, got ""');
  });
});
