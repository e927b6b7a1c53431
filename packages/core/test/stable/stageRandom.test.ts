import { describe, expect, it } from 'vitest';
import { stageRandom } from '../../src/stable/stageRandom.js';

describe('stageRandom(seed, stage)', () => {
  it('starts the same sequence for the same seed and stage', () => {
    const a = stageRandom(3, 'base');
    const b = stageRandom(3, 'base');
    expect([a(), a(), a()]).toEqual([b(), b(), b()]);
  });

  it('gives different sequences per stage and per seed', () => {
    expect(stageRandom(3, 'base')()).not.toBe(stageRandom(3, 'groups')());
    expect(stageRandom(3, 'base')()).not.toBe(stageRandom(4, 'base')());
  });

  it('draws in [0, 1)', () => {
    const r = stageRandom(0, 'pca');
    for (let i = 0; i < 1000; i++) {
      const x = r();
      expect(x >= 0 && x < 1).toBe(true);
    }
  });
});
