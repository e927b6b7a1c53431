import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { matchGroupIds, matchGroupIdsIndexed } from '../../src/cluster/matchGroupIds.js';
import { lcg } from '../../src/random/lcg.js';

const g = (id: number, participants: number[]) => ({ id, participants });

/** Largest total overlap over all one-to-one pairings, by trying every one (small inputs only). */
function bestTotal(overlap: number[][], used = new Set<number>(), row = 0): number {
  if (row === overlap.length) return 0;
  let best = bestTotal(overlap, used, row + 1);
  overlap[row]!.forEach((w, j) => {
    if (used.has(j)) return;
    used.add(j);
    best = Math.max(best, w + bestTotal(overlap, used, row + 1));
    used.delete(j);
  });
  return best;
}

describe('matchGroupIds(current, previous)', () => {
  it('gives groups that come back under other ids their previous ids', () => {
    const previous = [g(0, [1, 2, 3]), g(1, [4, 5]), g(2, [6, 7, 8, 9])];
    const current = [g(0, [6, 7, 8, 9]), g(1, [1, 2, 3]), g(2, [4, 5])];
    expect(matchGroupIds(current, previous)).toEqual(new Map([[0, 2], [1, 0], [2, 1]]));
  });

  it('maximises the total shared participants rather than pairing greedily', () => {
    // Greedy pairs 10 with 0 (3 shared) and leaves 11 with nothing: 3 in all. Optimal: 10→1, 11→0, 4 in all.
    const previous = [g(0, [1, 2, 3, 4, 5]), g(1, [6, 7])];
    const current = [g(10, [1, 2, 3, 6, 7]), g(11, [4, 5])];
    expect(matchGroupIds(current, previous)).toEqual(new Map([[10, 1], [11, 0]]));
  });

  it('gives unmatched groups the smallest ids not taken, in id order', () => {
    const previous = [g(0, [1, 2]), g(3, [3, 4])];
    const current = [g(5, [1, 2]), g(6, [3]), g(7, [9]), g(8, [10])];
    expect(matchGroupIds(current, previous)).toEqual(new Map([[5, 0], [6, 3], [7, 1], [8, 2]]));
    // No previous groups: fresh ids 0, 1, … by current id.
    expect(matchGroupIds([g(4, [1]), g(2, [2])], [])).toEqual(new Map([[2, 0], [4, 1]]));
  });

  it('finds an optimal one-to-one relabelling on random partitions', () => {
    const partition = fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 1, maxLength: 30 });
    fc.assert(
      fc.property(partition, partition, (before, after) => {
        const groups = (labels: number[]) =>
          [...new Set(labels)].map((id) => g(id, labels.flatMap((l, p) => (l === id ? [p] : []))));
        const previous = groups(before);
        const current = groups(after.slice(0, before.length));
        const map = matchGroupIds(current, previous);
        const newIds = current.map((c) => map.get(c.id)!);
        expect(new Set(newIds).size).toBe(current.length);
        const shared = (a: number[], b: number[]) => a.filter((p) => b.includes(p)).length;
        const total = current.reduce((sum, c) => {
          const prev = previous.find((p) => p.id === map.get(c.id));
          return sum + (prev ? shared(c.participants, prev.participants) : 0);
        }, 0);
        expect(total).toBe(bestTotal(current.map((c) => previous.map((p) => shared(c.participants, p.participants)))));
      }),
      { numRuns: 300, seed: 7 },
    );
  });

  it('relabels the same whether participant keys are dense rows (typed lookup) or any other numbers (Map)', () => {
    // Random partitions of 0…n−1 with some participants leaving and arriving; the same people under
    // sparse, negative or fractional keys must give the same relabelling.
    const labels = fc.array(fc.integer({ min: -1, max: 5 }), { minLength: 1, maxLength: 200 });
    const recodings = [(p: number) => p * 1e6, (p: number) => -p - 1, (p: number) => p + 0.5, (p: number) => 2 ** 40 + p];
    fc.assert(
      fc.property(labels, labels, (before, after) => {
        const groups = (l: number[], key: (p: number) => number) =>
          [...new Set(l.filter((x) => x >= 0))].map((id) => g(id, l.flatMap((x, p) => (x === id ? [key(p)] : []))));
        const rows = matchGroupIds(groups(after, (p) => p), groups(before, (p) => p));
        for (const key of recodings) expect(matchGroupIds(groups(after, key), groups(before, key))).toEqual(rows);
      }),
      { numRuns: 300, seed: 11 },
    );
  });

  it('counts only participants that were in a previous group', () => {
    // Keys beyond the largest previous key, fractions and negatives belong to no previous group.
    const previous = [g(0, [0, 1, 2]), g(1, [3, 4])];
    const current = [g(5, [3, 4, 99, 2.5, -1]), g(6, [0, 1, 2, 1000])];
    expect(matchGroupIds(current, previous)).toEqual(new Map([[5, 1], [6, 0]]));
    expect(matchGroupIds([g(2, [7, 8, 0.5])], previous)).toEqual(new Map([[2, 0]]));
  });

  it('rejects repeated ids and a participant in two previous groups', () => {
    expect(() => matchGroupIds([g(1, [1]), g(1, [2])], [])).toThrow(/current group id 1 occurs twice/);
    expect(() => matchGroupIds([], [g(0, [1]), g(1, [1])])).toThrow(/participant 1 is in previous groups 0 and 1/);
    expect(() => matchGroupIds([], [g(0, [-7, 3]), g(4, [2, -7])])).toThrow(/participant -7 is in previous groups 0 and 4/);
  });
});

describe('matchGroupIdsIndexed(current, previous, groupOf)', () => {
  it('matches as matchGroupIds does, given the previous groups as a row → position index', () => {
    const random = lcg(21);
    for (let trial = 0; trial < 50; trial++) {
      const n = 200;
      // Rows spread over up to 4 previous and up to 5 current groups (some rows in none), ids scattered.
      const split = (groups: number, idBase: number) => {
        const members: number[][] = Array.from({ length: groups }, () => []);
        for (let r = 0; r < n; r++) if (random() < 0.9) members[Math.floor(random() * groups)]!.push(r);
        return members.map((rows, i) => ({ id: idBase + 3 * i, participants: Int32Array.from(rows) })).filter((g) => g.participants.length > 0);
      };
      const previous = split(2 + Math.floor(random() * 3), 1);
      const current = split(2 + Math.floor(random() * 4), 0);
      const sorted = [...previous].sort((a, b) => a.id - b.id);
      const groupOf = new Int32Array(n - Math.floor(random() * 5)).fill(-1);
      sorted.forEach((g, j) => g.participants.forEach((r) => r < groupOf.length && (groupOf[r] = j)));
      // Rows past the index's end count as in no group, as when the index is from before they arrived.
      const known = sorted.map((g) => ({ id: g.id, participants: g.participants.filter((r) => r < groupOf.length) }));
      expect(matchGroupIdsIndexed(current, previous, groupOf)).toEqual(matchGroupIds(current, known));
    }
  });
});
