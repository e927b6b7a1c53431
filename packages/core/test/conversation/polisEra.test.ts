import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Conversation } from '../../src/conversation/conversation.js';
import { polisEraOptions, polisEraRules, polisEraRulesAt } from '../../src/conversation/polisEra.js';
import { replay } from '../../src/conversation/replay.js';
import { parsePolisCommentsCsv } from '../../src/load/parsePolisCommentsCsv.js';
import { parsePolisParticipantsVotesCsv } from '../../src/load/parsePolisParticipantsVotesCsv.js';
import { parsePolisVotesCsv } from '../../src/load/parsePolisVotesCsv.js';
import { adjustedRandIndex } from '../../src/stats/adjustedRandIndex.js';
import type { KuuloResult, Vote } from '../../src/types.js';
import { fixturesDir } from '../helpers/fixtures.js';

const at = (iso: string) => Date.parse(`${iso}T12:00:00Z`);

// 20 participants: 10 heavy voters on statements 0–9, 10 light voters with 3 votes each; statements
// 10–17 are then moderated out. Votes dated `iso`, one second apart.
function lightVoters(iso: string): { votes: Vote[]; moderation: { statement: number; moderation: -1 }[] } {
  const votes: Vote[] = [];
  let t = at(iso);
  for (let p = 0; p < 10; p++) for (let s = 0; s < 10; s++) votes.push({ participant: p, statement: s, vote: (p + s) % 3 === 0 ? 1 : -1, time: t++ });
  for (let p = 10; p < 20; p++) for (let s = 0; s < 3; s++) votes.push({ participant: p, statement: s, vote: p % 2 ? 1 : -1, time: t++ });
  for (let s = 10; s < 18; s++) votes.push({ participant: 0, statement: s, vote: 1, time: t++ });
  return { votes, moderation: Array.from({ length: 8 }, (_, i) => ({ statement: 10 + i, moderation: -1 as const })) };
}

const inConvOf = (r: KuuloResult) => new Set(r.inConv);

describe('polisEra rules', () => {
  it('off gives byte-identical output to a replay without the option', () => {
    const { votes, moderation } = lightVoters('2018-03-01');
    const plain = replay(votes, { moderation, batches: 5, seed: 3 });
    const off = replay(votes, { moderation, batches: 5, seed: 3, polisEra: 'off' });
    expect(JSON.stringify(off)).toBe(JSON.stringify(plain));
    expect(plain.replay).not.toHaveProperty('polisEra');
  });

  it('inConvCountsModeratedOut: with ≥ 7 moderated-out columns voters with 3 real votes are clustered, only inside the era', () => {
    // inConvMinimum 1 keeps the greedy top-up out of the way: only the threshold decides.
    const options = { batches: 3, inConvMinimum: 1, polisEra: { rules: { inConvCountsModeratedOut: true } } } as const;
    const inside = lightVoters('2018-03-01');
    const before = lightVoters('2017-01-15');
    const after = lightVoters('2019-06-01');
    const light = Array.from({ length: 10 }, (_, i) => 10 + i);
    const on = inConvOf(replay(inside.votes, { moderation: inside.moderation, ...options }));
    expect(light.every((p) => on.has(p))).toBe(true);
    for (const outside of [before, after]) {
      const r = inConvOf(replay(outside.votes, { moderation: outside.moderation, ...options }));
      expect(light.some((p) => r.has(p))).toBe(false);
    }
    const without = inConvOf(replay(inside.votes, { moderation: inside.moderation, batches: 3, inConvMinimum: 1 }));
    expect(light.some((p) => without.has(p))).toBe(false);
    // Switched off on its own, the rule does nothing even on a date inside its era.
    const switchedOff = inConvOf(replay(inside.votes, { moderation: inside.moderation, batches: 3, inConvMinimum: 1, polisEra: { rules: { inConvCountsModeratedOut: false } } }));
    expect(light.some((p) => switchedOff.has(p))).toBe(false);
  });

  it('the Conversation option counts each moderated-out column once per participant, real votes on it included', () => {
    const { votes, moderation } = lightVoters('2018-03-01');
    const conversation = new Conversation({ inConvMinimum: 1, inConvCountsModeratedOut: true, inConvThreshold: 11 });
    conversation.moderate(moderation);
    conversation.addVotes(votes);
    // Light voters: 3 + 8 zeroed columns = 11; participant 0 voted on the 8 moderated-out ones, and still counts 10 + 8 (not 26).
    expect(conversation.update().inConv.length).toBe(20);
  });

  it('zeroImputation: the centre is the vote sum over all participants before 2017-10-21, the mean of observed votes after', () => {
    const votes: Vote[] = [
      { participant: 'a', statement: 0, vote: 1, time: at('2017-06-01') },
      { participant: 'b', statement: 0, vote: 1, time: at('2017-06-01') + 1 },
      { participant: 'c', statement: 1, vote: -1, time: at('2017-06-01') + 2 },
      { participant: 'd', statement: 1, vote: 1, time: at('2017-06-01') + 3 },
    ];
    const era = { rules: { zeroImputation: true } } as const;
    const early = replay(votes, { batches: 1, polisEra: era });
    // Internal sign: agree = −1; statement 0: (−1 − 1) / 4 participants.
    expect(early.pca.center[0]).toBeCloseTo(-0.5, 12);
    const late = replay(votes.map((v) => ({ ...v, time: v.time! + 365 * 864e5 })), { batches: 1, polisEra: era });
    expect(late.pca.center[0]).toBeCloseTo(-1, 12);
  });

  it('zero imputation gives the components of the dense zero-filled matrix', () => {
    const votes: Vote[] = [];
    for (let p = 0; p < 12; p++) for (let s = 0; s < 6; s++) if ((p * 7 + s * 3) % 5 !== 0) votes.push({ participant: p, statement: s, vote: ((p + 2 * s) % 3) - 1 as -1 | 0 | 1 });
    for (const solver of ['power', 'lanczos'] as const) {
      const c = new Conversation({ pcaImputation: 'zero', pcaSolver: solver, pcaColdStart: 'ones' });
      c.addVotes(votes);
      const r = c.update();
      // Reference: dense X = zero-filled − column means; pc1 is XᵀX's dominant eigenvector.
      const { participants, statements } = c.voteMatrix();
      const dense = participants.map(() => statements.map(() => 0));
      for (const v of votes) dense[participants.indexOf(v.participant)]![statements.indexOf(v.statement)] = -v.vote;
      const mean = statements.map((_, j) => dense.reduce((a, row) => a + row[j]!, 0) / participants.length);
      expect(r.pca.center).toEqual(mean.map((x) => expect.closeTo(x, 12)));
      const x = dense.map((row) => row.map((v, j) => v - mean[j]!));
      const pc1 = r.pca.comps[0]!;
      const xv = x.map((row) => row.reduce((a, v, j) => a + v * pc1[j]!, 0));
      const w = statements.map((_, j) => x.reduce((a, row, i) => a + row[j]! * xv[i]!, 0));
      const lambda = Math.hypot(...w);
      w.forEach((wj, j) => expect(wj / lambda).toBeCloseTo(pc1[j]!, 6));
    }
  });

  it('base-k, base and PCA iterations follow their boundaries', () => {
    const opts = (iso: string) => polisEraOptions('auto', Date.parse(`${iso}T00:00:00Z`), {});
    expect(opts('2017-04-13')).toMatchObject({ baseK: 50, baseIterations: 20, pcaIterations: 10, pcaSolver: 'power', pcaImputation: 'zero', inConvCountsModeratedOut: true });
    expect(opts('2017-04-14')).toMatchObject({ baseK: undefined, baseIterations: 20 });
    expect(opts('2017-12-07')).toMatchObject({ baseIterations: 20, pcaImputation: undefined });
    expect(opts('2017-12-08')).toMatchObject({ baseIterations: 10, pcaIterations: 10 });
    expect(opts('2022-06-28')).toMatchObject({ baseIterations: 10, pcaIterations: 10, inConvCountsModeratedOut: undefined });
    expect(opts('2022-06-29')).toEqual({ inConvCountsModeratedOut: undefined, pcaImputation: undefined, baseK: undefined, baseIterations: undefined, pcaSolver: undefined, pcaIterations: undefined, pcaTolerance: undefined });
    expect(opts('2017-02-26')).toMatchObject({ inConvCountsModeratedOut: undefined });
    // A rule out of force leaves the caller's own value.
    expect(polisEraOptions('auto', at('2023-01-01'), { baseK: 30 })).toMatchObject({ baseK: 30 });
    expect(polisEraRulesAt('off', at('2017-01-01'))).toEqual([]);
    expect(polisEraRules.map((r) => r.name)).toEqual(['inConvCountsModeratedOut', 'zeroImputation', 'baseK50', 'baseIterations10', 'baseIterations20', 'pcaIterations10']);
  });

  it('a replay applies each tick its own date: base-k 50 before 2017-04-14 only', () => {
    // 120 distinct participants: with base-k 50 at most 50 base clusters, with 100 up to 100.
    const votes = (iso: string) => {
      const out: Vote[] = [];
      let t = at(iso);
      let x = 12345;
      const next = () => (x = (x * 1103515245 + 12345) % 2147483648) / 2147483648;
      for (let p = 0; p < 120; p++) for (let s = 0; s < 20; s++) out.push({ participant: p, statement: s, vote: (Math.floor(next() * 3) - 1) as -1 | 0 | 1, time: t++ });
      return out;
    };
    const era = { rules: { baseK50: true } } as const;
    const early = replay(votes('2017-01-01'), { batches: 2, polisEra: era });
    const late = replay(votes('2017-05-01'), { batches: 2, polisEra: era });
    expect(early.baseClusters.id.length).toBeLessThanOrEqual(50);
    expect(late.baseClusters.id.length).toBeGreaterThan(50);
    expect(early.replay?.polisEra?.era).toEqual(era);
    expect(early.replay?.polisEra?.ruleTicks.baseK50).toBe(2);
    expect(late.replay?.polisEra?.ruleTicks).not.toHaveProperty('baseK50');
    expect(early.options.baseK).toBe(50);
    expect(late.options.baseK).toBe(100);
  });

  it('rejects a bad polisEra, naming it', () => {
    const { votes } = lightVoters('2018-01-01');
    expect(() => replay(votes, { polisEra: 'on' as never })).toThrow(/polisEra must be 'off', 'auto'.*"on"/);
    expect(() => replay(votes, { polisEra: { rules: { baseK49: true } } as never })).toThrow(/unknown rule baseK49/);
    expect(() => replay(votes, { polisEra: 'auto', mode: 'stable' })).toThrow(/polisEra needs mode 'polis'/);
    expect(() => new Conversation({ pcaImputation: 'median' as never })).toThrow(/pcaImputation must be mean or zero, got median/);
    expect(() => new Conversation().setOptions({ seed: 2 } as never)).toThrow(/cannot change seed/);
  });
});

describe('polisEra auto on real open data', () => {
  // Fewer batches than the default keep this quick; both runs use the same protocol.
  const name = 'brexit-consensus';
  // The era rules must not make agreement with Polis much worse here (its votes date from mid-2017, inside several eras).
  const tolerance = 0.1;
  it(`${name}: auto runs, applies its rules and reports a valid ARI against Polis's groups`, () => {
    const dir = `${fixturesDir}open-data/${name}/`;
    const votes = parsePolisVotesCsv(readFileSync(`${dir}votes.csv`), { source: `${name}/votes.csv` });
    const { moderation } = parsePolisCommentsCsv(readFileSync(`${dir}comments.csv`, 'utf8'));
    const polis = parsePolisParticipantsVotesCsv(readFileSync(`${dir}participants-votes.csv`, 'utf8'));
    const ari = (r: KuuloResult) => {
      const ours = new Map(r.participants.map((p, i) => [p, r.participantGroup[i]]));
      const both = polis.participants.filter((p) => p.groupId !== null && ours.get(p.id) != null);
      return adjustedRandIndex(both.map((p) => ours.get(p.id)!), both.map((p) => p.groupId!));
    };
    const era = replay(votes, { moderation, batches: 100, polisEra: 'auto' });
    const today = replay(votes, { moderation, batches: 100 });
    const eraAri = ari(era);
    console.log(`open-data ${name}: ARI ${ari(today).toFixed(3)} today, ${eraAri.toFixed(3)} with polisEra auto`);
    expect(Number.isFinite(eraAri)).toBe(true);
    expect(eraAri).toBeGreaterThanOrEqual(-1);
    expect(eraAri).toBeLessThanOrEqual(1);
    expect(Object.keys(era.replay!.polisEra!.ruleTicks).sort()).toEqual(['baseIterations10', 'baseIterations20', 'inConvCountsModeratedOut', 'pcaIterations10', 'zeroImputation']);
    expect(eraAri).toBeGreaterThanOrEqual(ari(today) - tolerance);
  });
});
