import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonErrorOffset } from '../../src/load/jsonErrorOffset.js';
import { mathFixtureText } from './fixtureFiles.js';

const valid = (text: string) => {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
};

describe('jsonErrorOffset(text)', () => {
  it('finds the first bad character', () => {
    expect(jsonErrorOffset('[1, 2]')).toBe(-1);
    expect(jsonErrorOffset('[1 2]')).toBe(3);
    expect(jsonErrorOffset('{"a": tru}')).toBe(9);
    expect(jsonErrorOffset('[1,')).toBe(3);
    expect(jsonErrorOffset('"\\x"')).toBe(2);
    expect(jsonErrorOffset('[] x')).toBe(3);
    expect(jsonErrorOffset('')).toBe(0);
  });

  it('agrees with JSON.parse on random corruptions of a real file', () => {
    const text = mathFixtureText('below-100-ptpts', 'comments.json');
    fc.assert(
      fc.property(fc.integer({ min: 0, max: text.length - 1 }), fc.constantFrom('', ',', '}', '"', 'x', '1', ' ', '\\'), (at, insert) => {
        const corrupted = text.slice(0, at) + insert + text.slice(at + 1);
        const offset = jsonErrorOffset(corrupted);
        expect(offset === -1).toBe(valid(corrupted));
        // V8 reports a position for many errors; when it does, it is the same one.
        try {
          JSON.parse(corrupted);
        } catch (error) {
          const v8 = /at position (\d+)/.exec((error as Error).message);
          if (v8) expect(offset).toBe(Number(v8[1]));
        }
      }),
      { numRuns: 300 },
    );
  });
});
