import { describe, expect, it } from 'vitest';
import { chooseK } from '../../src/cluster/chooseK.js';
import type { Cluster } from '../../src/cluster/cluster.js';
import { groupClusterings } from '../../src/cluster/groupClusterings.js';
import { silhouette } from '../../src/cluster/silhouette.js';
import { polisFixtureNames, readPolisFixture } from '../helpers/fixtures.js';

/** Polis's own base clusters of a fixture (ids, members, x, y). */
function polisBase(name: string): Cluster[] {
  const b = readPolisFixture(name).math['base-clusters'];
  return b.id.map((id, i) => ({ id, members: b.members[i]!, center: [b.x[i]!, b.y[i]!] }));
}

/** Cold group clustering as Polis does after a restart: no previous clusterings, no smoother. */
function coldGroups(base: Cluster[]) {
  const clusterings = groupClusterings(base, null, { maxK: 5, maxIterations: 20 });
  const silhouettes = new Map([...clusterings].map(([k, c]) => [k, silhouette(base, c)]));
  const choice = chooseK(silhouettes, null, 4);
  return { clusterings, choice, groups: clusterings.get(choice.chosen)! };
}

describe('groupClusterings(base, previous, options)', () => {
  // Golden test: Polis's math-pca2.json `group-clusters` from its own `base-clusters` (recipe: §22 item 4).
  describe.each(polisFixtureNames)('on Polis fixture %s', (name) => {
    const polis = readPolisFixture(name).math['group-clusters'];
    const { groups, choice, clusterings } = coldGroups(polisBase(name));

    it('tries k = 2 … min(5, 2 + ⌊base clusters / 12⌋)', () => {
      const nBase = polisBase(name).length;
      expect([...clusterings.keys()]).toEqual(Array.from({ length: Math.min(5, 2 + Math.floor(nBase / 12)) - 1 }, (_, i) => i + 2));
    });

    it("reproduces Polis's group clusters: same k, ids and members, centres within 1e-9", () => {
      expect(choice.chosen).toBe(polis.length);
      expect(groups.map((g) => g.id)).toEqual(polis.map((g) => g.id));
      expect(groups.map((g) => g.members)).toEqual(polis.map((g) => g.members));
      groups.forEach((g, i) => {
        expect(Math.abs(g.center[0] - polis[i]!.center[0])).toBeLessThanOrEqual(1e-9);
        expect(Math.abs(g.center[1] - polis[i]!.center[1])).toBeLessThanOrEqual(1e-9);
      });
    });

    it('reproduces the centres to the last bit (sum in base-id order, times 1/n)', () => {
      expect(groups.map((g) => g.center)).toEqual(polis.map((g) => g.center));
    });
  });

  it('warm-starts each k from its own previous clustering, keeping lineage ids', () => {
    const base = polisBase('below-100-ptpts');
    const cold = groupClusterings(base, null, { maxK: 5, maxIterations: 20 });
    // Relabel k = 2 as ids 40 and 41; k = 3 gets no previous and starts cold again.
    const previous = new Map([[2, cold.get(2)!.map((c, i) => ({ ...c, id: 40 + i }))]]);
    const warm = groupClusterings(base, previous, { maxK: 5, maxIterations: 20 });
    expect(warm.get(2)!.map((c) => [c.id, c.members])).toEqual(cold.get(2)!.map((c, i) => [40 + i, c.members]));
    expect(warm.get(3)).toEqual(cold.get(3));
  });

  it('runs k = 2 even on a single base cluster, which collapses to one group (Polis quirk Q4)', () => {
    const one = groupClusterings([{ id: 7, members: [1, 2], center: [1, 1] }], null, { maxK: 5, maxIterations: 20 });
    expect(one).toEqual(new Map([[2, [{ id: 0, members: [7], center: [1, 1] }]]]));
    expect(groupClusterings([], null, { maxK: 5, maxIterations: 20 })).toEqual(new Map([[2, []]]));
  });

  it('weights base centres by member count', () => {
    const base: Cluster[] = [
      { id: 0, members: [1], center: [0, 0] },
      { id: 1, members: [2, 3, 4], center: [1, 0] },
      { id: 2, members: [5], center: [20, 0] },
    ];
    const [near] = groupClusterings(base, null, { maxK: 2, maxIterations: 20 }).get(2)!;
    expect(near!.members).toEqual([0, 1]);
    expect(near!.center[0]).toBeCloseTo(0.75, 15);
  });

  it('rejects a bad maxK and an empty base cluster', () => {
    expect(() => groupClusterings([], null, { maxK: 1, maxIterations: 20 })).toThrow(/maxK must be an integer ≥ 2, got 1/);
    expect(() => groupClusterings([{ id: 3, members: [], center: [0, 0] }], null, { maxK: 5, maxIterations: 20 })).toThrow(/base cluster 3 has no members/);
  });
});
