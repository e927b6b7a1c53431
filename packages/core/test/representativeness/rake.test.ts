import { describe, expect, it } from 'vitest';
import { designEffect, rake } from '../../src/index.js';

/** 100 people: young-north 20, young-south 20, old-north 40, old-south 20; population 50/50 on both. */
function twoByTwo(): { age: Int32Array; district: Int32Array } {
  const cells: [number, number, number][] = [[0, 0, 20], [0, 1, 20], [1, 0, 40], [1, 1, 20]];
  const age: number[] = [];
  const district: number[] = [];
  for (const [a, d, n] of cells) for (let i = 0; i < n; i++) (age.push(a), district.push(d));
  return { age: Int32Array.from(age), district: Int32Array.from(district) };
}

describe('rake', () => {
  it('matches the hand-computed solution of a 2×2 table', () => {
    // Raking keeps the sample's odds ratio (20·20)/(20·40) = 1/2 while fitting both margins to 1/2:
    // the young-north cell x solves x²/(1/2 − x)² = 1/2, so x = (√½/2)/(1 + √½) = 0.2071068 of the population.
    const x = Math.SQRT1_2 / 2 / (1 + Math.SQRT1_2);
    const { age, district } = twoByTwo();
    const out = rake(100, [{ answer: age, targets: [0.5, 0.5] }, { answer: district, targets: [0.5, 0.5] }], { tolerance: 1e-12, maxIterations: 1000 });
    expect(out.converged).toBe(true);
    expect(out.respondents).toBe(100);
    // A person's weight is their cell's population share over its sample share.
    expect(out.weights[0]).toBeCloseTo(x / 0.2, 9); // young-north
    expect(out.weights[20]).toBeCloseTo((0.5 - x) / 0.2, 9); // young-south
    expect(out.weights[40]).toBeCloseTo((0.5 - x) / 0.4, 9); // old-north
    expect(out.weights[99]).toBeCloseTo(x / 0.2, 9); // old-south
    expect(out.weights[0]).toBeCloseTo(1.0355339, 6);
    expect(out.weights[40]).toBeCloseTo(0.7322330, 6);
    // Σw² = 20·1.0355² + 20·1.4645² + 40·0.7322² + 20·1.0355² = 107.2330, so n·Σw²/(Σw)² = 1.072330.
    expect(designEffect(out.weights)).toBeCloseTo(1.07233, 5);
  });

  it('fits one margin in one pass, exactly', () => {
    const answer = Int32Array.from({ length: 40 }, (_, i) => (i < 30 ? 0 : 1));
    const out = rake(40, [{ answer, targets: [0.5, 0.5] }]);
    expect(out.iterations).toBe(1);
    expect(out.weights[0]).toBeCloseTo(0.5 / 0.75, 12);
    expect(out.weights[39]).toBeCloseTo(0.5 / 0.25, 12);
  });

  it('leaves people without an answer at weight 1 and makes respondents average 1', () => {
    const answer = Int32Array.from([0, 0, 0, 1, -1, -1]);
    const out = rake(6, [{ answer, targets: [0.5, 0.5] }]);
    expect(out.respondents).toBe(4);
    expect([out.weights[4], out.weights[5]]).toEqual([1, 1]);
    expect(out.weights[0]! * 3 + out.weights[3]!).toBeCloseTo(4, 12);
    expect(out.weights[3]! / out.weights[0]!).toBeCloseTo(3, 12);
  });

  it('is deterministic', () => {
    const { age, district } = twoByTwo();
    const margins = [{ answer: age, targets: [0.3, 0.7] }, { answer: district, targets: [0.6, 0.4] }];
    expect(Buffer.from(rake(100, margins).weights.buffer)).toEqual(Buffer.from(rake(100, margins).weights.buffer));
  });

  it('names the problem in bad margins', () => {
    const answer = Int32Array.from([0, 1, 1]);
    expect(() => rake(3, [{ answer, targets: [0.5, 0.6] }])).toThrow(/margin 0 population shares sum to 1\.1, not 1/);
    expect(() => rake(3, [{ answer, targets: [0, 1] }])).toThrow(/margin 0 answer 0 has population share 0/);
    expect(() => rake(3, [{ answer: Int32Array.from([0, 2, 1]), targets: [0.5, 0.5] }])).toThrow(/margin 0 person 1 has answer 2/);
    expect(() => rake(3, [{ answer: Int32Array.from([0, 0, 0]), targets: [0.5, 0.5] }])).toThrow(/margin 0 answer 1 has population share 0.5 but nobody gave it/);
    expect(() => rake(4, [{ answer, targets: [0.5, 0.5] }])).toThrow(/margin 0 has 3 answers for 4 people/);
  });
});
