import { describe, expect, it } from 'vitest';
import { Conversation } from '../../src/conversation/conversation.js';
import { replay } from '../../src/conversation/replay.js';
import { toPolisMath } from '../../src/conversation/toPolisMath.js';
import { adjustedRandIndex } from '../../src/stats/adjustedRandIndex.js';
import type { KuuloResult } from '../../src/types.js';
import { polisFixtureNames, readPolisFixture, recoverMissingVotes, type PolisFixture } from '../helpers/fixtures.js';

// Full pipeline from the votes alone against Polis's own math output.
// Recipe: votes.json (agree = +1) → replay in time order (500 batches, each batch in Polis's poll
// order) → one restart tick, as Polis's worker does after a restart. The 50ptpt export lacks
// participant 50's 4 votes; they are recovered from Polis's centre (helpers/fixtures.ts).

function load(name: string): PolisFixture {
  return recoverMissingVotes(readPolisFixture(name)).fixture;
}

function polisGroupOf(fx: PolisFixture): Map<number, number> {
  const bases = fx.math['base-clusters'];
  const groupOfBase = new Map<number, number>();
  for (const g of fx.math['group-clusters']) for (const b of g.members) groupOfBase.set(b, g.id);
  const out = new Map<number, number>();
  bases.id.forEach((bid, i) => bases.members[i]!.forEach((pid) => out.set(pid, groupOfBase.get(bid)!)));
  return out;
}

function ourGroupOf(result: KuuloResult): Map<number, number> {
  const out = new Map<number, number>();
  result.participants.forEach((p, r) => {
    const g = result.participantGroup[r];
    if (g !== null && g !== undefined) out.set(p as number, g);
  });
  return out;
}

function run(fx: PolisFixture): KuuloResult {
  return replay(fx.votes, { moderation: fx.moderation, strictModeration: fx.strictModeration, seed: 7 });
}

describe('full pipeline on Polis fixtures', () => {
  for (const name of polisFixtureNames) {
    describe(name, () => {
      const fx = load(name);
      const result = run(fx);
      const polis = fx.math;

      it('counts, statement order and vote counts equal Polis', () => {
        expect(result.participants.length).toBe(polis.n);
        expect(result.statements.length).toBe(polis['n-cmts']);
        expect([...result.statements].sort((a, b) => Number(a) - Number(b))).toEqual([...polis.tids].sort((a, b) => a - b));
        const ours = Object.fromEntries(result.participants.map((p, r) => [String(p), result.voteCounts[r]]));
        expect(ours).toEqual(polis['user-vote-counts']);
      });

      it('moderation sets equal Polis, in Polis array order', () => {
        expect(result.modOut).toEqual(polis['mod-out']);
        expect(result.meta).toEqual(polis['meta-tids']);
      });

      it('in-conv equals Polis (history replayed), in Polis array order', () => {
        expect(result.inConv).toEqual(polis['in-conv']);
      });

      it('groups: every participant clustered by both sides is in the same group (ARI 1.0)', () => {
        const theirs = polisGroupOf(fx);
        const ours = ourGroupOf(result);
        const both = [...theirs.keys()].filter((p) => ours.has(p));
        expect(both.length).toBe(theirs.size);
        expect(ours.size).toBe(theirs.size);
        expect(result.groups.length).toBe(polis['group-clusters'].length);
        expect(adjustedRandIndex(both.map((p) => ours.get(p)!), both.map((p) => theirs.get(p)!))).toBe(1);
      });

      it('toPolisMath has every math/pca2 key Polis serves', () => {
        const math = toPolisMath(result);
        expect(Object.keys(math).sort()).toEqual(Object.keys(polis).sort());
        expect(Object.keys(math['group-votes']).length).toBe(result.groups.length);
        expect(math.math_tick).toBe(result.tick);
        expect(result.replay).toEqual({ batchSize: Math.ceil(fx.votes.length / 500), batchMs: 0, finalRestart: true, ticks: result.tick });
      });
    });
  }

  it('is deterministic: same votes and seed give identical bytes', () => {
    const fx = load('25ptpt-3gp-no-strict-with-meta');
    expect(JSON.stringify(run(fx))).toBe(JSON.stringify(run(fx)));
  });

  it('a cold single update on the final votes still reproduces the threshold part of in-conv', () => {
    for (const name of polisFixtureNames) {
      const fx = load(name);
      const conversation = new Conversation({ strictModeration: fx.strictModeration });
      conversation.moderate(fx.moderation);
      conversation.addVotes(fx.votes);
      const result = conversation.update();
      const threshold = Math.min(7, result.statements.length);
      const byThreshold = result.participants.filter((_, r) => result.voteCounts[r]! >= threshold);
      expect(byThreshold.length).toBeGreaterThan(0);
      for (const p of byThreshold) expect(fx.math['in-conv']).toContain(p);
    }
  });
});
