import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Conversation } from '../../src/conversation/conversation.js';
import { parsePolisCommentsCsv } from '../../src/load/parsePolisCommentsCsv.js';
import { parsePolisVotesCsv } from '../../src/load/parsePolisVotesCsv.js';
import { adjustedRandIndex } from '../../src/stats/adjustedRandIndex.js';
import type { ConversationState } from '../../src/conversation/conversationState.js';
import type { CsrMatrix } from '../../src/matrix/csrMatrix.js';
import { projectParticipants } from '../../src/pca/projectParticipants.js';
import type { KuuloResult, Vote } from '../../src/types.js';
import { fixturesDir } from '../helpers/fixtures.js';
import { plantedConversation } from '../helpers/synthetic.js';
import { refitShare } from '../../src/options.js';

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

// The saved votes as a CSR matrix (saved in row order, columns ascending), Polis's internal sign.
function csrOf(state: ConversationState): CsrMatrix {
  const { row, col, vote } = state.votes!;
  const rowPtr = new Int32Array(state.participants.length + 1);
  for (const r of row) rowPtr[r + 1]!++;
  for (let r = 0; r < state.participants.length; r++) rowPtr[r + 1]! += rowPtr[r]!;
  return { nRows: state.participants.length, nCols: state.statements.length, rowPtr, colIdx: Int32Array.from(col), values: Int8Array.from(vote, (v) => -v) };
}

// Mean vote per statement over everyone, Polis's internal sign.
function columnMeansOf(state: ConversationState): number[] {
  const sum = new Array<number>(state.statements.length).fill(0);
  const count = new Array<number>(state.statements.length).fill(0);
  state.votes!.col.forEach((c, i) => ((sum[c]! -= state.votes!.vote[i]!), count[c]!++));
  return sum.map((s, c) => s / count[c]!);
}

function groupsOf(r: KuuloResult): number[] {
  return r.participantGroup.map((g) => g ?? -1);
}

describe('pcaRefitShare (folding in)', () => {
  it('keeps the basis between refits, adds new statements with zero loading, and refits once the share is used up', () => {
    let folded = 0;
    let extended = 0;
    let refits = 0;
    let previous: KuuloResult | null = null;
    run({ pcaRefitShare: 0.05, seed: 3 }, 200, (c, r) => {
      const [p1, p2] = c.timings!.pcaProducts;
      if (previous && p1 + p2 === 0) {
        folded++;
        const m0 = previous.statements.length;
        // The kept basis: centre and components unchanged on the old statements.
        expect(r.pca.center.slice(0, m0)).toEqual(previous.pca.center);
        expect(r.pca.comps.map((comp) => comp.slice(0, m0))).toEqual(previous.pca.comps);
        if (r.statements.length > m0) {
          extended++;
          // A new statement: zero loading, and its centre is its mean vote (Polis's internal sign).
          const means = columnMeansOf(c.serialize());
          for (let col = m0; col < r.statements.length; col++) {
            expect(r.pca.comps.map((comp) => Math.abs(comp[col]!))).toEqual([0, 0]);
            expect(r.pca.center[col]).toBeCloseTo(means[col]!, 12);
          }
        }
      } else refits++;
      previous = r;
    });
    expect(folded).toBeGreaterThan(100);
    expect(extended).toBeGreaterThan(5);
    expect(refits).toBeGreaterThan(5);
  });

  it('gives every participant the projection a full projection into the kept basis gives', () => {
    let checked = 0;
    run({ pcaRefitShare: 0.05, seed: 3 }, 300, (conversation, last, i) => {
      if (i % 10 !== 9 || conversation.timings!.pcaProducts[0] !== 0) return;
      const modOut = new Set(last.modOut);
      const mask = Uint8Array.from(last.statements, (id) => (modOut.has(id) ? 1 : 0));
      const full = projectParticipants(csrOf(conversation.serialize()), Float64Array.from(last.pca.center), [Float64Array.from(last.pca.comps[0]), Float64Array.from(last.pca.comps[1])], mask);
      expect(Array.from(full.filter((_, j) => j % 2 === 0))).toEqual(last.participantProjection.x);
      expect(Array.from(full.filter((_, j) => j % 2 === 1))).toEqual(last.participantProjection.y);
      checked++;
    });
    expect(checked).toBeGreaterThan(5);
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

  it('refits at once when moderation changes, and not at all by default below the large-conversation cutoff', () => {
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

  it("'auto' resolves to 0 up to Polis's cutoff (10,000 participants, 5,000 statements) and 0.01 above; numbers pass through", () => {
    expect(refitShare('auto', 10_000, 5_000)).toBe(0);
    expect(refitShare('auto', 10_001, 10)).toBe(0.01);
    expect(refitShare('auto', 10, 5_001)).toBe(0.01);
    expect(refitShare(0, 1_000_000, 10_000)).toBe(0);
    expect(refitShare(0.2, 10, 10)).toBe(0.2);
  });

  it("by default ('auto') refits every update up to 10,000 participants and folds in above, until 1 % of the votes changed", () => {
    const planted = plantedConversation({ participants: 10_400, statements: 16, density: 0.5, seed: 5 });
    const byParticipant = (from: number, to: number) => planted.votes.filter((v) => (v.participant as number) >= from && (v.participant as number) < to);
    const products = (c: Conversation, batch: Vote[]) => (c.addVotes(batch), c.update(), c.timings!.pcaProducts[0]);
    for (const options of [{}, { pcaRefitShare: 0 as const }]) {
      const c = new Conversation({ seed: 2, ...options });
      expect(products(c, byParticipant(0, 9_990))).toBeGreaterThan(0);
      expect(products(c, byParticipant(9_990, 10_000))).toBeGreaterThan(0); // exactly 10,000: still Polis's small path
      expect(products(c, byParticipant(10_000, 10_010))).toBeGreaterThan(0); // crossing: a full fit, which is kept
      const kept = products(c, byParticipant(10_010, 10_020));
      if ('pcaRefitShare' in options) expect(kept).toBeGreaterThan(0);
      else expect(kept).toBe(0);
      // 1 % of ~83k votes is ~830: four more participants' worth (~8 votes each) stay folded, 400 do not.
      if (!('pcaRefitShare' in options)) {
        expect(products(c, byParticipant(10_020, 10_024))).toBe(0);
        expect(products(c, byParticipant(10_024, 10_400))).toBeGreaterThan(0);
      }
    }
  });
});

