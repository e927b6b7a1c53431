import { describe, expect, it } from 'vitest';
import { lcg } from '../../src/random/lcg.js';
import { pickNextStatement } from '../../src/stats/pickNextStatement.js';

const priority: Record<string, number | undefined> = { a: 1, b: 2, c: 3, d: 4 };
const weightOf = (id: string) => priority[id];

describe('pickNextStatement', () => {
  it('returns null when there are no candidates', () => {
    expect(pickNextStatement([], weightOf, lcg(1))).toBeNull();
  });

  it('makes the same draws from the same seed', () => {
    const draw = (seed: number) => {
      const random = lcg(seed);
      return Array.from({ length: 50 }, () => pickNextStatement(['a', 'b', 'c', 'd'], weightOf, random));
    };
    expect(draw(42)).toEqual(draw(42));
    expect(draw(42)).not.toEqual(draw(43));
  });

  it('picks each candidate with frequency close to weight / total weight', () => {
    const random = lcg(7);
    const counts: Record<string, number> = { a: 0, b: 0, c: 0, d: 0 };
    const n = 40_000;
    for (let i = 0; i < n; i++) counts[pickNextStatement(['a', 'b', 'c', 'd'], weightOf, random)!]! += 1;
    for (const [id, w] of Object.entries(priority)) expect(Math.abs(counts[id]! / n - w! / 10)).toBeLessThan(0.01);
  });

  it('counts a missing, zero or NaN weight as 1, as Polis’s `priority || 1` does', () => {
    const weights: Record<string, number | undefined> = { x: undefined, y: 0, z: Number.NaN, w: 3 };
    const random = lcg(3);
    const counts: Record<string, number> = { x: 0, y: 0, z: 0, w: 0 };
    for (let i = 0; i < 30_000; i++) counts[pickNextStatement(['x', 'y', 'z', 'w'], (id) => weights[id], random)!]! += 1;
    for (const id of ['x', 'y', 'z']) expect(Math.abs(counts[id]! / 30_000 - 1 / 6)).toBeLessThan(0.01);
    expect(Math.abs(counts.w! / 30_000 - 0.5)).toBeLessThan(0.01);
  });

  it('takes the first candidate whose running total exceeds random()·total, and only ever a candidate', () => {
    const candidates = ['a', 'b', 'c', 'd'];
    expect(pickNextStatement(candidates, weightOf, () => 0)).toBe('a');
    expect(pickNextStatement(candidates, weightOf, () => 0.1)).toBe('b'); // r = 1 is not below a's total 1
    expect(pickNextStatement(candidates, weightOf, () => 0.59)).toBe('c');
    expect(pickNextStatement(candidates, weightOf, () => 1 - 2 ** -53)).toBe('d');
    const random = lcg(11);
    for (let i = 0; i < 200; i++) expect(['b', 'd']).toContain(pickNextStatement(['b', 'd'], weightOf, random));
  });

  it('rejects negative or infinite weights and random values outside [0, 1)', () => {
    expect(() => pickNextStatement(['a', 'b'], (id) => (id === 'b' ? -2 : 1), lcg(1))).toThrow(/weight of candidate 1 must be a finite positive number, got -2/);
    expect(() => pickNextStatement(['a'], () => Infinity, lcg(1))).toThrow(/got Infinity/);
    expect(() => pickNextStatement(['a'], weightOf, () => 1)).toThrow(/random\(\) must return a number in \[0, 1\), got 1/);
  });
});
