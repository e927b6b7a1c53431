import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Conversation } from '../../src/conversation/conversation.js';
import { parsePolisCommentsCsv } from '../../src/load/parsePolisCommentsCsv.js';
import { parsePolisVotesCsv } from '../../src/load/parsePolisVotesCsv.js';
import { adjustedRandIndex } from '../../src/stats/adjustedRandIndex.js';
import type { KuuloResult, Vote } from '../../src/types.js';
import { fixturesDir } from '../helpers/fixtures.js';

// vtaiwan.uberx: the largest open-data conversation in the repo (about 50k votes), in time order.
const dir = `${fixturesDir}open-data/vtaiwan.uberx/`;
const votes = [...parsePolisVotesCsv(readFileSync(`${dir}votes.csv`), { source: 'votes.csv' })].sort((a, b) => (a.time ?? 0) - (b.time ?? 0));
const { moderation } = parsePolisCommentsCsv(readFileSync(`${dir}comments.csv`, 'utf8'), { source: 'comments.csv' });

// Feeds the votes in batches, calling `each` after every update.
function run(options: ConstructorParameters<typeof Conversation>[0], batch: number, each?: (c: Conversation, r: KuuloResult, i: number) => Conversation | void): { conversation: Conversation; results: KuuloResult[] } {
  let conversation = new Conversation(options);
  conversation.moderate(moderation);
  const results: KuuloResult[] = [];
  for (let at = 0, i = 0; at < votes.length; at += batch, i++) {
    conversation.addVotes(votes.slice(at, at + batch) as Vote[]);
    const result = conversation.update();
    results.push(result);
    conversation = each?.(conversation, result, i) ?? conversation;
  }
  return { conversation, results };
}

function groupsOf(r: KuuloResult): number[] {
  return r.participantGroup.map((g) => g ?? -1);
}

describe('pcaRefitShare (folding in)', () => {
  it('keeps the basis between refits, projects everyone into it, and refits once the share is used up', () => {
    let folded = 0;
    let refits = 0;
    let previous: KuuloResult | null = null;
    run({ pcaRefitShare: 0.05, seed: 3 }, 200, (c, r) => {
      const [p1, p2] = c.timings!.pcaProducts;
      if (previous && previous.statements.length === r.statements.length && p1 + p2 === 0) {
        folded++;
        // The kept basis: centre and components unchanged since the previous update.
        expect(r.pca.center).toEqual(previous.pca.center);
        expect(r.pca.comps).toEqual(previous.pca.comps);
      } else refits++;
      previous = r;
    });
    expect(folded).toBeGreaterThan(100);
    expect(refits).toBeGreaterThan(5);
  });

  it('gives the projections a full projection into the same basis gives (unchanged rows stay exact)', () => {
    const { conversation } = run({ pcaRefitShare: 0.05, seed: 3 }, 500);
    const last = conversation.result!;
    const state = conversation.serialize();
    expect(state.basis?.changedSinceFit).toBeGreaterThanOrEqual(0);
    const restored = Conversation.restore(state);
    // After a restore the projections are rebuilt in full from the kept basis: same bytes as the incremental ones.
    const again = restored.update();
    expect(again.pca).toEqual(last.pca);
    expect(again.participantProjection).toEqual(last.participantProjection);
  });

  it('continues exactly across serialize/restore', () => {
    const plain = run({ pcaRefitShare: 0.05, seed: 3 }, 400).results;
    const restarted = run({ pcaRefitShare: 0.05, seed: 3 }, 400, (c, _r, i) => (i % 7 === 3 ? Conversation.restore(JSON.parse(JSON.stringify(c.serialize()))) : undefined)).results;
    expect(restarted.map((r) => JSON.stringify({ ...r, options: null }))).toEqual(plain.map((r) => JSON.stringify({ ...r, options: null })));
  });

  it('refits at once when moderation changes, and not at all with the default 0', () => {
    const c = new Conversation({ pcaRefitShare: 0.5, seed: 1 });
    c.moderate(moderation);
    c.addVotes(votes.slice(0, 20000) as Vote[]);
    c.update();
    c.addVotes(votes.slice(20000, 20100) as Vote[]);
    c.update();
    expect(c.timings!.pcaProducts[0]).toBe(0);
    const statement = c.statements[0]!;
    c.moderate([{ statement, moderation: -1 }]);
    c.update();
    expect(c.timings!.pcaProducts[0]).toBeGreaterThan(0);
    expect(Math.abs(c.result!.pca.comps[0]![c.statements.indexOf(statement)]!)).toBe(0);

    const polis = new Conversation({ seed: 1 });
    polis.addVotes(votes.slice(0, 20000) as Vote[]);
    polis.update();
    polis.addVotes(votes.slice(20000, 20100) as Vote[]);
    polis.update();
    expect(polis.timings!.pcaProducts[0]).toBeGreaterThan(0);
  });

  it('finds nearly the groups a refit at every update finds (measured: ARI of the final partitions)', () => {
    const always = run({ seed: 3 }, 200).results.at(-1)!;
    const folding = run({ pcaRefitShare: 0.05, seed: 3 }, 200).results.at(-1)!;
    expect(adjustedRandIndex(groupsOf(folding), groupsOf(always))).toBeGreaterThan(0.9);
  });
});
