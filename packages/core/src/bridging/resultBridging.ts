import type { CsrMatrix } from '../matrix/csrMatrix.js';
import { stageRandom } from '../stable/stageRandom.js';
import { bridgingScores } from './bridgingScores.js';

/**
 * The `bridging` field of a result: bridging scores of the matrix's columns with default settings, the
 * start drawn from `seed` alone; moderated-out statements (`modOut`) and statements without votes get null.
 */
export function resultBridging(matrix: CsrMatrix, modOut: Uint8Array, seed: number): (number | null)[] {
  const { score } = bridgingScores(matrix, modOut, { random: stageRandom(seed, 'bridging') });
  return Array.from(score, (value) => (Number.isNaN(value) ? null : value));
}
