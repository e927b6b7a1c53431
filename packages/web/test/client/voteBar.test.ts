import { describe, expect, it } from 'vitest';
import { percents } from '../../src/client/voteBar.js';

describe('percents(tally)', () => {
  it('gives whole percentages that always add up to 100', () => {
    expect(percents({ agree: 1, disagree: 1, pass: 1 })).toEqual({ agree: 34, disagree: 33, pass: 33 });
    expect(percents({ agree: 2, disagree: 1, pass: 0 })).toEqual({ agree: 67, disagree: 33, pass: 0 });
    for (const [a, d, p] of [[7, 0, 3], [1, 2, 4], [999, 1, 1], [13, 17, 19]] as const) {
      const q = percents({ agree: a, disagree: d, pass: p });
      expect(q.agree + q.disagree + q.pass).toBe(100);
      expect(Math.abs(q.agree - (100 * a) / (a + d + p))).toBeLessThan(1);
    }
  });

  it('is all zero without votes', () => {
    expect(percents({ agree: 0, disagree: 0, pass: 0 })).toEqual({ agree: 0, disagree: 0, pass: 0 });
  });
});
