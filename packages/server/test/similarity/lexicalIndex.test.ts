import { describe, expect, test } from 'vitest';
import { LexicalIndex } from '../../src/similarity/lexicalIndex.js';

describe('LexicalIndex', () => {
  test('scores an identical text 1 and an unrelated one nothing', () => {
    const index = new LexicalIndex();
    index.add(0, 'Buses should run more often in the evening.', 'en');
    index.add(1, 'The library needs longer opening hours.', 'en');
    const own = index.add(2, 'Buses should run more often in the evening!', 'en');
    expect(own[0]).toEqual({ tid: 0, score: 1 });
    expect(own.find((n) => n.tid === 1)?.score ?? 0).toBeLessThan(0.2);
  });

  test("keeps older statements' neighbour lists current as new ones arrive", () => {
    const index = new LexicalIndex({ k: 2 });
    index.add(0, 'More trees and benches on the street.', 'en');
    expect(index.neighbours(0)).toEqual([]);
    index.add(1, 'Cars should come back to the street.', 'en');
    index.add(2, 'More trees and more benches on this street, please.', 'en');
    expect(index.neighbours(0)![0]!.tid).toBe(2);
    expect(index.neighbours(2)![0]!.tid).toBe(0);
    expect(index.neighbours(0)!.length).toBeLessThanOrEqual(2);
    expect(index.neighbours(99)).toBeUndefined();
  });

  test('scores are symmetric and between 0 and 1', () => {
    const index = new LexicalIndex();
    const texts = ['Tavastvägen behöver fler träd.', 'Fler träd på Tavastvägen!', 'Bussarna borde gå oftare.', 'Bussarna går för sällan.'];
    texts.forEach((text, tid) => index.add(tid, text, 'sv'));
    for (let a = 0; a < texts.length; a++) {
      for (const n of index.neighbours(a)!) {
        expect(n.score).toBeGreaterThan(0);
        expect(n.score).toBeLessThanOrEqual(1);
        const back = index.neighbours(n.tid)!.find((m) => m.tid === a);
        expect(back?.score).toBeCloseTo(n.score, 2);
      }
    }
  });

  test('a negation or different numbers lower the score', () => {
    const index = new LexicalIndex();
    index.add(0, 'Private cars should be let back onto the street.', 'en');
    const negated = index.add(1, 'Private cars should not be let back onto the street.', 'en')[0]!.score;
    const other = new LexicalIndex({ contradictionFactor: 1 });
    other.add(0, 'Private cars should be let back onto the street.', 'en');
    expect(negated).toBeCloseTo(0.75 * other.add(1, 'Private cars should not be let back onto the street.', 'en')[0]!.score, 5);
  });

  test('refuses the same statement twice', () => {
    const index = new LexicalIndex();
    index.add(3, 'x', null);
    expect(() => index.add(3, 'x', null)).toThrow('statement 3 is already in the similarity index');
  });

  test('finds a near duplicate among 1,500 statements, deterministically', () => {
    const build = () => {
      const index = new LexicalIndex();
      // Deterministic filler statements from a small vocabulary (an LCG, seed 42).
      let seed = 42;
      const next = () => (seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32;
      const vocabulary = 'street bus tram bike lane tree bench shop car parking noise night summer winter school park library square market bridge'.split(' ');
      for (let tid = 0; tid < 1200; tid++) {
        const words = Array.from({ length: 8 }, () => vocabulary[Math.floor(next() * vocabulary.length)]!);
        index.add(tid, `${words.join(' ')} ${tid}`, 'en');
      }
      index.add(1200, 'Hämeentie should stay a street for public transport, cycling and walking only.', 'en');
      for (let tid = 1201; tid < 1500; tid++) index.add(tid, `filler statement number ${tid} about the ${vocabulary[tid % vocabulary.length]}`, 'en');
      return { index, own: index.add(1500, 'Hameentie should stay a street only for public transport, cycling and walking', 'en') };
    };
    const { index, own } = build();
    expect(own[0]).toMatchObject({ tid: 1200 });
    expect(own[0]!.score).toBeGreaterThan(0.8);
    expect(index.neighbours(1200)![0]!.tid).toBe(1500);
    expect(build().own).toEqual(own);
  });
});
