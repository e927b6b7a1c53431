import { describe, expect, it } from 'vitest';
import { bridgingScores } from '../../src/bridging/bridgingScores.js';
import { resultBridging } from '../../src/bridging/resultBridging.js';
import { stageRandom } from '../../src/stable/stageRandom.js';
import { VoteStore } from '../../src/store/voteStore.js';
import { plantedConversation } from '../helpers/synthetic.js';

describe('resultBridging(matrix, modOut, seed)', () => {
  it("is bridgingScores with the seed's bridging generator, null where moderated out", () => {
    const store = new VoteStore();
    store.add(plantedConversation({ seed: 1, participants: 50, statements: 8 }).votes);
    const matrix = store.matrix();
    const modOut = new Uint8Array(matrix.nCols);
    modOut[2] = 1;
    const values = resultBridging(matrix, modOut, 9);
    const direct = bridgingScores(matrix, modOut, { random: stageRandom(9, 'bridging') }).score;
    expect(values[2]).toBeNull();
    values.forEach((v, j) => j !== 2 && expect(v).toBe(direct[j]));
    expect(JSON.parse(JSON.stringify(values))).toEqual(values);
  });
});
