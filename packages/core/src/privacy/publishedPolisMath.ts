import { toPolisMath, type PolisMath } from '../conversation/toPolisMath.js';
import type { KuuloResult } from '../types.js';
import type { PublishedKuuloResult } from './publishResult.js';

/**
 * Polis `math/pca2` JSON of a published result (`publishResult`): only the published groups, and in
 * `group-votes` no entry for a statement fewer than `floor` of the group voted on. While no group is
 * published, `group-clusters`, `group-votes`, `repness` and `group-aware-consensus` are empty (as Polis
 * emits them with no groups).
 */
export function publishedPolisMath(published: PublishedKuuloResult): PolisMath {
  const zero = (values: readonly (number | null)[]) => values.map((v) => v ?? 0);
  // toPolisMath reads full tallies: fill the dropped cells, then remove their entries below.
  const filled = {
    ...published,
    groups: published.groups.map((g) => ({ ...g, tallies: { agree: zero(g.tallies.agree), disagree: zero(g.tallies.disagree), seen: zero(g.tallies.seen) } })),
    groupAwareConsensus: published.groupAwareConsensus.map((v) => v ?? 1),
  } as unknown as KuuloResult;
  const polis = toPolisMath(filled);
  for (const g of published.groups) {
    const votes = polis['group-votes'][String(g.id)]!.votes;
    published.statements.forEach((t, c) => {
      if (g.tallies.seen[c] === null) delete votes[String(t)];
    });
  }
  if (published.groups.length === 0) polis['group-aware-consensus'] = {};
  return polis;
}
