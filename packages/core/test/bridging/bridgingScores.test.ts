import { describe, expect, it } from 'vitest';
import { bridgingScores } from '../../src/bridging/bridgingScores.js';
import { lcg } from '../../src/random/lcg.js';
import { permuteMatrix } from '../../src/stable/permuteMatrix.js';
import { VoteStore } from '../../src/store/voteStore.js';
import type { Vote } from '../../src/types.js';
import { plantedConversation, type PlantedOptions } from '../helpers/synthetic.js';

/** Share of (common ground, partisan) pairs the score orders correctly; ties count half. */
function auc(positive: number[], negative: number[]): number {
  let sum = 0;
  for (const p of positive) for (const q of negative) sum += p > q ? 1 : p === q ? 0.5 : 0;
  return sum / (positive.length * negative.length);
}

function scored(options: PlantedOptions) {
  const planted = plantedConversation(options);
  const store = new VoteStore();
  store.add(planted.votes);
  const matrix = store.matrix();
  const { score } = bridgingScores(matrix, new Uint8Array(matrix.nCols));
  // Baseline: the plain share of agree votes, which popular partisan statements can top.
  const agreeShare = new Float64Array(matrix.nCols);
  const seen = new Float64Array(matrix.nCols);
  for (let p = 0; p < matrix.rowPtr[matrix.nRows]!; p++) {
    seen[matrix.colIdx[p]!]!++;
    if (matrix.values[p]! < 0) agreeShare[matrix.colIdx[p]!]!++;
  }
  const column = (id: number) => store.statements.get(id);
  const pick = (values: Float64Array, ids: number[]) => ids.map((id) => values[column(id)]! / (values === agreeShare ? seen[column(id)]! : 1));
  return {
    bridging: auc(pick(score, planted.commonGround), pick(score, planted.partisan)),
    agreeShare: auc(pick(agreeShare, planted.commonGround), pick(agreeShare, planted.partisan)),
  };
}

describe('bridgingScores(matrix, skip, options)', () => {
  it('ranks planted common ground above partisan statements (AUC ≥ 0.9), two groups, soft common ground', () => {
    // Common ground 65 % agree in each group; half the partisan statements please the larger group.
    const runs = [1, 2, 3, 4, 5, 6].map((seed) => scored({ seed, groups: 2, commonGroundAgree: 0.65, noise: 0.1, density: 0.5, statements: 60, commonGround: 8, popularPartisan: 0.5 }));
    for (const run of runs) expect(run.bridging).toBeGreaterThanOrEqual(0.9);
    const mean = (key: 'bridging' | 'agreeShare') => runs.reduce((s, r) => s + r[key], 0) / runs.length;
    console.log(`bridging AUC, 2 groups: ${mean('bridging').toFixed(3)} (agree share alone: ${mean('agreeShare').toFixed(3)})`);
    expect(mean('bridging')).toBeGreaterThan(mean('agreeShare') + 0.05);
  });

  it('ranks planted common ground above partisan statements (AUC ≥ 0.9), three groups', () => {
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      const run = scored({ seed, groups: 3, commonGroundAgree: 0.75, noise: 0.15, density: 0.5, statements: 60, commonGround: 8, popularPartisan: 0.5 });
      expect(run.bridging).toBeGreaterThanOrEqual(0.9);
    }
  });

  it('uses the public sign: agreed-by-all scores above 0, rejected-by-all below', () => {
    const votes: Vote[] = [];
    for (let p = 0; p < 40; p++) {
      const side = p % 2 ? 1 : -1;
      votes.push({ participant: p, statement: 'all-agree', vote: 1 }, { participant: p, statement: 'all-disagree', vote: -1 });
      for (let s = 0; s < 6; s++) votes.push({ participant: p, statement: `split${s}`, vote: (s % 2 ? side : -side) as Vote['vote'] });
    }
    const store = new VoteStore();
    store.add(votes);
    const { score, statementFactor } = bridgingScores(store.matrix(), new Uint8Array(store.statements.size));
    const at = (id: string) => store.statements.get(id);
    expect(score[at('all-agree')]!).toBeGreaterThan(0.3);
    expect(score[at('all-disagree')]!).toBeLessThan(-0.3);
    for (let s = 0; s < 6; s++) {
      expect(Math.abs(score[at(`split${s}`)]!)).toBeLessThan(0.05);
      expect(Math.abs(statementFactor[at(`split${s}`)]!)).toBeGreaterThan(0.5);
    }
  });

  it('leaves skipped columns out (NaN) and does not depend on row or column order beyond the tolerance', () => {
    const store = new VoteStore();
    store.add(plantedConversation({ seed: 4, participants: 120, statements: 15 }).votes);
    const matrix = store.matrix();
    const skip = new Uint8Array(matrix.nCols);
    skip[3] = 1;
    const a = bridgingScores(matrix, skip, { tolerance: 1e-9 });
    expect(Number.isNaN(a.score[3]!)).toBe(true);
    const rows = Int32Array.from({ length: matrix.nRows }, (_, i) => matrix.nRows - 1 - i);
    const cols = Int32Array.from({ length: matrix.nCols }, (_, j) => (j + 5) % matrix.nCols);
    const b = bridgingScores(permuteMatrix(matrix, rows, cols), Uint8Array.from(cols, (c) => skip[c]!), { tolerance: 1e-9 });
    cols.forEach((c, j) => (c === 3 ? expect(Number.isNaN(b.score[j]!)).toBe(true) : expect(b.score[j]!).toBeCloseTo(a.score[c]!, 5)));
  });

  it('is deterministic for a seed, and passes can be left out', () => {
    const store = new VoteStore();
    store.add(plantedConversation({ seed: 2, participants: 80, statements: 10, passRate: 0.3 }).votes);
    const matrix = store.matrix();
    const skip = new Uint8Array(matrix.nCols);
    expect(bridgingScores(matrix, skip, { seed: 3 })).toEqual(bridgingScores(matrix, skip, { random: lcg(3) }));
    const neutral = bridgingScores(matrix, skip).score;
    const skipped = bridgingScores(matrix, skip, { passes: 'skip' }).score;
    expect(Math.max(...neutral.map((x, j) => Math.abs(x - skipped[j]!)))).toBeGreaterThan(0.01);
  });

  it('rejects bad options, naming the option and value', () => {
    const store = new VoteStore();
    store.add([{ participant: 1, statement: 1, vote: 1 }]);
    const m = store.matrix();
    expect(() => bridgingScores(m, new Uint8Array(1), { factorRegularization: 0 })).toThrow(/factorRegularization must be a positive number, got 0/);
    expect(() => bridgingScores(m, new Uint8Array(1), { iterations: 1.5 })).toThrow(/iterations must be a positive integer, got 1.5/);
    expect(() => bridgingScores(m, new Uint8Array(2))).toThrow(/skip has 2 entries but the matrix has 1 columns/);
  });
});
