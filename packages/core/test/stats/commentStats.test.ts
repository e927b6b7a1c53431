import { describe, expect, it } from 'vitest';
import { commentStats } from '../../src/stats/commentStats.js';
import { ratioToDouble } from '../../src/clojure/ratio.js';
import { propZ } from '../../src/stats/proportionTest.js';

describe('commentStats', () => {
  it('gives add-one proportions and their z-tests from agree, disagree and seen counts', () => {
    expect(commentStats(16, 1, 17, true)).toEqual({
      na: 16,
      nd: 1,
      ns: 17,
      pa: ratioToDouble(17, 19),
      pd: ratioToDouble(2, 19),
      pat: propZ(16, 17),
      pdt: propZ(1, 17),
    });
    expect(commentStats(16, 1, 17, false)).toEqual({
      na: 16,
      nd: 1,
      ns: 17,
      pa: 17 / 19,
      pd: 2 / 19,
      pat: propZ(16, 17, { polisNumerics: false }),
      pdt: propZ(1, 17, { polisNumerics: false }),
    });
  });

  it('rounds pa like Clojure (16/18 → 0.888888888888889) only with polisNumerics', () => {
    expect(commentStats(15, 0, 16, true).pa).toBe(0.888888888888889);
    expect(commentStats(15, 0, 16, false).pa).toBe(16 / 18);
  });
});
