import { describe, expect, it } from 'vitest';
import { chooseK, type KSmoother } from '../../src/cluster/chooseK.js';

const sil = (entries: [number, number][]): Map<number, number> => new Map(entries);

describe('chooseK(silhouettes, previous, buffer)', () => {
  it('takes the best k at once when there is no previous state', () => {
    expect(chooseK(sil([[2, 0.3], [3, 0.5], [4, 0.4]]), null, 4)).toEqual({
      best: 3,
      chosen: 3,
      smoother: { lastK: 3, lastKCount: 1, smoothedK: 3 },
    });
  });

  it('breaks silhouette ties towards the larger k, whatever the map order', () => {
    expect(chooseK(sil([[4, 0.5], [2, 0.5], [3, 0.1]]), null, 4).best).toBe(4);
  });

  it('switches to a new best k only after it wins buffer updates in a row', () => {
    let state: KSmoother | null = { lastK: 2, lastKCount: 9, smoothedK: 2 };
    const shown: number[] = [];
    for (let update = 0; update < 5; update++) {
      const choice = chooseK(sil([[2, 0.2], [3, 0.6]]), state, 4);
      shown.push(choice.chosen);
      state = choice.smoother;
    }
    expect(shown).toEqual([2, 2, 2, 3, 3]);
    expect(state).toEqual({ lastK: 3, lastKCount: 5, smoothedK: 3 });
  });

  it('restarts the count when the best k changes in between', () => {
    let state: KSmoother | null = { lastK: 2, lastKCount: 1, smoothedK: 2 };
    const bests = [3, 3, 4, 3, 3, 3, 3];
    const shown = bests.map((best) => {
      const choice = chooseK(sil([[2, 0], [3, best === 3 ? 1 : 0], [4, best === 4 ? 1 : 0]]), state, 4);
      state = choice.smoother;
      return choice.chosen;
    });
    expect(shown).toEqual([2, 2, 2, 2, 2, 2, 3]);
  });

  it('replaces a shown k that was not computed this update (Polis fix #2536)', () => {
    const choice = chooseK(sil([[2, 0.4], [3, 0.3]]), { lastK: 5, lastKCount: 7, smoothedK: 5 }, 4);
    expect(choice).toEqual({ best: 2, chosen: 2, smoother: { lastK: 2, lastKCount: 1, smoothedK: 2 } });
  });

  it('rejects an empty map, a non-finite silhouette and a bad buffer', () => {
    expect(() => chooseK(sil([]), null, 4)).toThrow(/no silhouettes/);
    expect(() => chooseK(sil([[2, NaN]]), null, 4)).toThrow(/silhouette of k = 2 must be a finite number, got NaN/);
    expect(() => chooseK(sil([[2, 0]]), null, 0)).toThrow(/buffer must be a positive integer, got 0/);
  });
});
