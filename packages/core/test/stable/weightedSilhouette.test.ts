import { describe, expect, it } from 'vitest';
import type { Cluster } from '../../src/cluster/cluster.js';
import { weightedSilhouette } from '../../src/stable/weightedSilhouette.js';

const base = (id: number, size: number, x: number): Cluster => ({ id, members: Array.from({ length: size }, (_, i) => 100 * id + i), center: [x, 0] });

// The usual silhouette of participants, brute force, each placed at its base centre.
function bruteForce(bases: Cluster[], groups: Cluster[]): number {
  const people: { x: number; g: number }[] = [];
  groups.forEach((g, gi) => g.members.forEach((id) => bases.find((b) => b.id === id)!.members.forEach(() => people.push({ x: bases.find((b) => b.id === id)!.center[0], g: gi }))));
  let sum = 0;
  for (const p of people) {
    const own = people.filter((q) => q.g === p.g);
    if (own.length === 1) continue;
    const a = own.reduce((s, q) => s + Math.abs(p.x - q.x), 0) / (own.length - 1);
    const b = Math.min(...groups.map((_, gi) => gi).filter((gi) => gi !== p.g).map((gi) => {
      const other = people.filter((q) => q.g === gi);
      return other.reduce((s, q) => s + Math.abs(p.x - q.x), 0) / other.length;
    }));
    sum += (b - a) / Math.max(a, b);
  }
  return sum / people.length;
}

describe('weightedSilhouette(base, groups)', () => {
  const bases = [base(0, 5, 0), base(1, 1, 1), base(2, 3, 10), base(3, 2, 12)];
  const groups: Cluster[] = [
    { id: 0, members: [0, 1], center: [0, 0] },
    { id: 1, members: [2, 3], center: [0, 0] },
  ];

  it('equals the participant-level silhouette with people at their base centres', () => {
    expect(weightedSilhouette(bases, groups)).toBeCloseTo(bruteForce(bases, groups), 12);
  });

  it('differs from counting each base cluster once when sizes differ', () => {
    const perBase = bruteForce(bases.map((b) => ({ ...b, members: [b.id] })), groups);
    expect(Math.abs(weightedSilhouette(bases, groups) - perBase)).toBeGreaterThan(1e-3);
  });

  it('is 0 for a single group and rejects unknown base ids', () => {
    expect(weightedSilhouette(bases, [{ id: 0, members: [0, 1, 2, 3], center: [0, 0] }])).toBe(0);
    expect(() => weightedSilhouette(bases, [...groups, { id: 2, members: [9], center: [0, 0] }])).toThrow(/member 9, which is not a base cluster id/);
  });
});
