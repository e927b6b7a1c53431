import { describe, expect, it } from 'vitest';
import { compareGroupings } from '../src/compareGroupings.js';
import type { Grouping } from '../src/readGrouping.js';

/** A grouping from group id → participant ids, with optional representative statements. */
function grouping(groups: Record<number, string[]>, repness?: Record<number, string[]>): Grouping {
  const groupOf = new Map<string, number>();
  for (const [id, members] of Object.entries(groups)) for (const p of members) groupOf.set(p, Number(id));
  return {
    source: 'test',
    kind: 'kuulo-result',
    groupOf,
    groups: Object.entries(groups).map(([id, members]) => ({ id: Number(id), name: id, size: members.length })),
    repness: repness ? new Map(Object.entries(repness).map(([id, s]) => [Number(id), s])) : null,
    consensus: null,
  };
}

describe('compareGroupings(a, b)', () => {
  it('pairs groups to maximise shared participants and measures statement overlap', () => {
    const a = grouping({ 0: ['p1', 'p2', 'p3'], 1: ['p4', 'p5', 'p6', 'p7'] }, { 0: ['1', '2'], 1: ['3'] });
    const b = grouping({ 5: ['p4', 'p5', 'p6', 'p1'], 9: ['p2', 'p3', 'p7', 'x'] }, { 5: ['3', '4'], 9: ['2'] });
    const c = compareGroupings(a, b);
    expect([c.participants, c.onlyA, c.onlyB]).toEqual([7, 0, 1]);
    expect(c.overlap).toEqual([[1, 2], [3, 1]]);
    expect(c.matched.map((m) => [m.a.id, m.b.id, m.shared, m.aSize, m.bSize])).toEqual([[0, 9, 2, 3, 3], [1, 5, 3, 4, 4]]);
    expect(c.matched[0]!.jaccard).toBeCloseTo(2 / 4, 12);
    expect(c.matched[1]!.repness).toEqual({ a: ['3'], b: ['3', '4'], shared: ['3'], jaccard: 0.5 });
    expect(c.matched[0]!.repness!.jaccard).toBe(0.5);
  });

  it('gives ARI 1 for a relabelling and leaves a group with nobody in common unmatched', () => {
    const a = grouping({ 0: ['p1', 'p2', 'p3', 'p4'], 1: ['p5', 'p6'] });
    const same = compareGroupings(a, grouping({ 7: ['p5', 'p6'], 3: ['p1', 'p2', 'p3', 'p4'] }));
    expect(same.adjustedRandIndex).toBe(1);
    expect(same.matched.map((m) => [m.a.id, m.b.id, m.jaccard])).toEqual([[0, 3, 1], [1, 7, 1]]);
    // Both b groups come from a's group 0: one pairs with it, the other has no partner (a's group 1
    // is free but shares nobody with it, however matchGroupIds numbers it).
    const split = compareGroupings(a, grouping({ 0: ['p1', 'p2'], 1: ['p3', 'p4'] }));
    expect(split.matched.map((m) => [m.a.id, m.b.id])).toEqual([[0, 0]]);
    expect([split.unmatchedA, split.unmatchedB]).toEqual([[1], [1]]);
    expect(split.participants).toBe(4);
  });
});
