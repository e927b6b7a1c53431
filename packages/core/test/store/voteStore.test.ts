import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { VoteStore } from '../../src/store/voteStore.js';
import type { Vote } from '../../src/types.js';

function cells(store: VoteStore): Map<string, number> {
  const m = store.matrix();
  const out = new Map<string, number>();
  for (let r = 0; r < m.nRows; r++) {
    for (let p = m.rowPtr[r]!; p < m.rowPtr[r + 1]!; p++) {
      out.set(`${String(store.participantIds[r])}|${String(store.statementIds[m.colIdx[p]!])}`, m.values[p]!);
    }
  }
  return out;
}

describe('VoteStore', () => {
  it('maps ids to rows and columns in first-appearance order and stores Polis internal signs', () => {
    const store = new VoteStore();
    store.add([
      { participant: 'b', statement: 7, vote: 1 },
      { participant: 'a', statement: 3, vote: -1 },
      { participant: 'b', statement: 3, vote: 0 },
    ]);
    const m = store.matrix();
    expect(store.participantIds).toEqual(['b', 'a']);
    expect(store.statementIds).toEqual([7, 3]);
    expect([...m.rowPtr]).toEqual([0, 2, 3]);
    expect([...m.colIdx]).toEqual([0, 1, 1]);
    // agree (+1 public) is −1 internally, disagree +1, pass 0
    expect([...m.values]).toEqual([-1, 0, 1]);
  });

  it('keeps the latest vote by time, and by arrival when times are equal or missing', () => {
    const store = new VoteStore();
    store.add([
      { participant: 1, statement: 1, vote: 1, time: 200 },
      { participant: 1, statement: 1, vote: -1, time: 100 },
      { participant: 2, statement: 1, vote: 1, time: 50 },
      { participant: 2, statement: 1, vote: 0, time: 50 },
      { participant: 3, statement: 1, vote: 1 },
      { participant: 3, statement: 1, vote: -1 },
    ]);
    store.matrix();
    store.add([{ participant: 1, statement: 1, vote: 0, time: 150 }]);
    expect(cells(store)).toEqual(new Map([['1|1', -1], ['2|1', 0], ['3|1', 1]]));
    store.add([{ participant: 1, statement: 1, vote: -1, time: 250 }]);
    expect(cells(store).get('1|1')).toBe(1);
    expect(store.lastVoteTime).toBe(250);
  });

  it('rejects a bad batch whole, naming the vote, field and value', () => {
    const store = new VoteStore();
    store.add([{ participant: 1, statement: 1, vote: 1 }]);
    expect(() => store.add([{ participant: 2, statement: 1, vote: 1 }, { participant: 3, statement: 1, vote: 2 as never }])).toThrow(
      'votes[1].vote: expected 1 (agree), -1 (disagree) or 0 (pass), got 2',
    );
    expect(() => store.add([{ participant: '', statement: 1, vote: 1 }])).toThrow('votes[0].participant');
    expect(() => store.add([{ participant: 4, statement: 1, vote: 1, time: Number.NaN }])).toThrow('votes[0].time');
    expect(store.participantIds).toEqual([1]);
    expect(cells(store).size).toBe(1);
  });

  it('gives the same matrix however the votes are batched (latest wins by time)', () => {
    const vote = fc.record({
      participant: fc.integer({ min: 0, max: 30 }),
      statement: fc.integer({ min: 0, max: 12 }),
      vote: fc.constantFrom(-1 as const, 0 as const, 1 as const),
      time: fc.integer({ min: 0, max: 1e6 }),
    });
    fc.assert(
      fc.property(fc.array(vote, { maxLength: 300 }), fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1 }), (votes, cuts) => {
        const unique = dedupeTimes(votes);
        const whole = new VoteStore();
        whole.add(unique);
        const batched = new VoteStore();
        let at = 0;
        for (let i = 0; at < unique.length; i++) {
          const size = cuts[i % cuts.length]!;
          batched.add(unique.slice(at, at + size));
          if (i % 2 === 0) batched.matrix();
          at += size;
        }
        expect(cells(batched)).toEqual(cells(whole));
        expect(cells(whole)).toEqual(reference(unique));
      }),
      { numRuns: 200, seed: 42 },
    );
  });
});

// Distinct times per cell, so that "latest" is unambiguous whatever the batching.
function dedupeTimes(votes: Vote[]): Vote[] {
  return votes.map((v, i) => ({ ...v, time: (v.time ?? 0) * 1000 + i }));
}

function reference(votes: Vote[]): Map<string, number> {
  const best = new Map<string, Vote>();
  for (const v of votes) {
    const key = `${v.participant}|${v.statement}`;
    const prev = best.get(key);
    if (!prev || (v.time ?? 0) >= (prev.time ?? 0)) best.set(key, v);
  }
  return new Map([...best].map(([k, v]) => [k, v.vote === 0 ? 0 : -v.vote]));
}
