import { lcg } from '../random/lcg.js';

/** Stages of stable mode that draw random numbers, each from its own generator. */
export type RandomStage = 'pca' | 'base' | 'groups' | 'bridging' | 'bootstrap';

const salt: Record<RandomStage, number> = { pca: 0x68e31da4, base: 0xb5297a4d, groups: 0x1b56c4e9, bridging: 0x7f4a7c15, bootstrap: 0x3c6ef372 };

/**
 * A fresh seeded generator for one stage of one computation: it depends on `seed` and the stage only,
 * never on how many numbers earlier updates drew, so a result does not depend on the update history.
 */
export function stageRandom(seed: number, stage: RandomStage): () => number {
  // Murmur3's finaliser spreads the (seed, stage) pair over all 32 bits.
  let h = (Math.imul(seed | 0, 0x9e3779b1) ^ salt[stage]) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return lcg((h ^ (h >>> 16)) >>> 0);
}
