import { describe, expect, it } from 'vitest';
import { lcg } from '../../src/random/lcg.js';
import { resampleVotes, type VotesByParticipant } from '../../src/uncertainty/resampleVotes.js';

// Participant k has k + 1 votes on statements 's0'…, all agree.
function votes(n: number): VotesByParticipant {
  const rowPtr = new Int32Array(n + 1);
  const statement: string[] = [];
  for (let k = 0; k < n; k++) {
    for (let j = 0; j <= k; j++) statement.push(`s${j}`);
    rowPtr[k + 1] = statement.length;
  }
  return { rowPtr, statement, vote: new Int8Array(statement.length).fill(1) };
}

describe('resampleVotes(votes, unit, random)', () => {
  it("'participants' draws n participants with replacement, copies adjacent with all their votes", () => {
    const sample = resampleVotes(votes(50), 'participants', lcg(1));
    expect(sample.copyOf.length).toBe(50);
    expect(sample.multiplicity.reduce((a, b) => a + b, 0)).toBe(50);
    // About 1 − 1/e of the participants appear at least once.
    const present = sample.multiplicity.filter((m) => m > 0).length;
    expect(present).toBeGreaterThan(20);
    expect(present).toBeLessThan(45);
    for (let i = 1; i < sample.copyOf.length; i++) expect(sample.copyOf[i]!).toBeGreaterThanOrEqual(sample.copyOf[i - 1]!);
    // Copy i of participant k carries k + 1 votes.
    const perCopy = new Map<number, number>();
    sample.participant.forEach((id) => perCopy.set(id, (perCopy.get(id) ?? 0) + 1));
    for (const [id, count] of perCopy) expect(count).toBe(sample.copyOf[id]! + 1);
  });

  it("'votes' keeps every participant with a vote and about 63 % of the votes", () => {
    const all = votes(200);
    const sample = resampleVotes(all, 'votes', lcg(2));
    const share = sample.vote.length / all.vote.length;
    expect(share).toBeGreaterThan(0.6);
    expect(share).toBeLessThan(0.66);
    expect(new Set(sample.participant).size).toBe(sample.copyOf.length);
    sample.copyOf.forEach((k) => expect(sample.multiplicity[k]).toBe(1));
  });

  it('is deterministic for a seeded generator', () => {
    expect(resampleVotes(votes(30), 'participants', lcg(4))).toEqual(resampleVotes(votes(30), 'participants', lcg(4)));
  });
});
