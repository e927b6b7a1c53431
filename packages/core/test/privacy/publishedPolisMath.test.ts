import { describe, expect, it } from 'vitest';
import { publishedPolisMath, publishResult, toPolisMath } from '../../src/index.js';
import { camps } from '../helpers/camps.js';

describe('publishedPolisMath(published)', () => {
  it('has only the published groups, and no group-votes entry a few voters would fill', () => {
    const result = camps(30, 8, 3);
    const raw = toPolisMath(result);
    const hidden = publishResult(result, { floor: 9 });
    const polis = publishedPolisMath(hidden);
    expect(polis['group-clusters'].map((g) => g.id)).toEqual(hidden.groups.map((g) => g.id));
    expect(Object.keys(polis['group-votes'])).toEqual(hidden.groups.map((g) => String(g.id)));
    expect(Object.keys(polis.repness)).toEqual(hidden.groups.map((g) => String(g.id)));
    const gid = String(hidden.groups[0]!.id);
    expect(polis['group-votes'][gid]!.votes['12']).toBeUndefined();
    expect(polis['group-votes'][gid]!.votes['0']).toEqual(raw['group-votes'][gid]!.votes['0']);
    // Everything not about groups is Polis's own.
    for (const key of ['pca', 'base-clusters', 'votes-base', 'in-conv', 'tids', 'comment-priorities'] as const) expect(polis[key]).toEqual(raw[key]);
  });

  it('is empty of groups while nothing is published', () => {
    const polis = publishedPolisMath(publishResult(camps(3, 3)));
    expect([polis['group-clusters'], polis['group-votes'], polis.repness, polis['group-aware-consensus']]).toEqual([[], {}, {}, {}]);
  });

  it('equals toPolisMath when every group is published', () => {
    const result = camps(30, 8);
    expect(publishedPolisMath(publishResult(result))).toEqual(toPolisMath(result));
  });
});
