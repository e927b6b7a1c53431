import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Conversation, fullRecompute } from '../../src/conversation/conversation.js';
import { parsePolisCommentsCsv } from '../../src/load/parsePolisCommentsCsv.js';
import { parsePolisVotesCsv } from '../../src/load/parsePolisVotesCsv.js';
import type { ConversationOptions } from '../../src/options.js';
import { lcg } from '../../src/random/lcg.js';
import type { KuuloResult, StatementModeration, Vote } from '../../src/types.js';
import { fixturesDir } from '../helpers/fixtures.js';
import { plantedConversation } from '../helpers/synthetic.js';

// Warm updates reuse buffers, memoised statistics, the base k-means bounds and the previous result's
// parts. They must not change a bit of the result: each update is compared with a conversation fed
// the same votes that recomputes everything (`fullRecompute`), and now and then with one restored
// from the warm conversation's saved state (which starts with no memory).

function pair(options: ConversationOptions): { warm: Conversation; reference: Conversation } {
  const warm = new Conversation(options);
  const reference = new Conversation(options);
  reference[fullRecompute] = true;
  return { warm, reference };
}

// Equal as values, and as JSON (which toEqual does not check for key order or sparse arrays).
function expectSame(a: KuuloResult, b: KuuloResult, where: string): void {
  expect(a, where).toEqual(b);
  expect(JSON.stringify(a), where).toBe(JSON.stringify(b));
}

// How many arrays of `next` are the very arrays of `previous` (proof that the warm paths ran).
function sharedParts(previous: KuuloResult, next: KuuloResult): number {
  let shared = 0;
  next.baseClusters.members.forEach((m) => (shared += previous.baseClusters.members.includes(m) ? 1 : 0));
  next.votesBase.agree.forEach((row, c) => (shared += row === previous.votesBase.agree[c] ? 1 : 0));
  for (const key of ['participants', 'inConv', 'voteCounts', 'participantGroup'] as const) shared += next[key] === previous[key] ? 1 : 0;
  return shared;
}

describe('warm updates give the same result as a full recompute', () => {
  it('on a synthetic conversation with new participants, changed votes, new statements and moderation', () => {
    const planted = plantedConversation({ participants: 3000, statements: 60, groups: 3, density: 0.35, seed: 7 });
    const votes = planted.votes;
    const random = lcg(99);
    // Folding in above 10,000 participants only by default: ask for it, so the kept-basis paths run too.
    const { warm, reference } = pair({ pcaRefitShare: 0.5 });
    const first = Math.floor(votes.length * 0.7);
    warm.addVotes(votes.slice(0, first));
    reference.addVotes(votes.slice(0, first));
    let previous = warm.update();
    expectSame(previous, reference.update(), 'first update');
    let at = first;
    let shared = 0;
    for (let step = 0; step < 24; step++) {
      // Step 20 adds nothing and step 21 only changes votes: no new participants, so whole arrays are reused.
      const batch: Vote[] = step === 20 || step === 21 ? [] : votes.slice(at, at + 250);
      at += batch.length;
      // Changed votes of participants already in (they move between base clusters and groups).
      for (let i = 0; i < (step === 20 ? 0 : 20); i++) {
        const v = votes[Math.floor(random() * at)]!;
        batch.push({ ...v, vote: (v.vote === 1 ? -1 : v.vote + 1) as Vote['vote'], time: 1e9 + step * 100 + i });
      }
      // Now and then a new statement (widens tallies, extends the kept basis).
      if (step % 7 === 3 && step < 20) for (let p = 0; p < 40; p++) batch.push({ participant: Math.floor(random() * 2000), statement: 1000 + step, vote: random() < 0.5 ? 1 : -1, time: 2e9 + step * 100 + p });
      // Saved before the batch: votes added after a restore are changes, as in the warm conversation.
      const restored = step % 6 === 5 ? Conversation.restore(warm.serialize()) : null;
      warm.addVotes(batch);
      reference.addVotes(batch);
      restored?.addVotes(batch);
      if (step === 10) {
        // A moderation change refits the PCA: every projection moves.
        const moderation: StatementModeration[] = [{ statement: 5, moderation: -1 }];
        warm.moderate(moderation);
        reference.moderate(moderation);
      }
      if (step === 15) {
        warm.setOptions({ repnessPerGroup: 4 });
        reference.setOptions({ repnessPerGroup: 4 });
      }
      if (restored) {
        // Restored from the warm conversation's state and given the same votes, it starts with no memory.
        const next = warm.update();
        expectSame(next, reference.update(), `step ${step}`);
        expectSame(restored.update(), next, `step ${step} (restored)`);
        shared += sharedParts(previous, next);
        previous = next;
        continue;
      }
      // The previous result is a snapshot: the next one shares its arrays but never writes into them.
      const before = JSON.stringify(previous);
      const next = warm.update();
      expectSame(next, reference.update(), `step ${step}`);
      expect(JSON.stringify(previous), `step ${step}: the previous result changed`).toBe(before);
      shared += sharedParts(previous, next);
      previous = next;
    }
    expect(shared).toBeGreaterThan(0);
  });

  it('on a real conversation replayed in batches (15-per-hour-seattle)', () => {
    const dir = `${fixturesDir}open-data/15-per-hour-seattle/`;
    const votes = parsePolisVotesCsv(readFileSync(`${dir}votes.csv`), { source: 'votes.csv' });
    const comments = parsePolisCommentsCsv(readFileSync(`${dir}comments.csv`, 'utf8'), { source: 'comments.csv' });
    const ordered = [...votes].sort((a, b) => (a.time ?? 0) - (b.time ?? 0));
    for (const options of [{}, { pcaRefitShare: 0.5 }] as ConversationOptions[]) {
      const { warm, reference } = pair(options);
      warm.moderate(comments.moderation);
      reference.moderate(comments.moderation);
      const batch = Math.ceil(ordered.length / 40);
      for (let at = 0; at < ordered.length; at += batch) {
        const chunk = ordered.slice(at, at + batch);
        warm.addVotes(chunk);
        reference.addVotes(chunk);
        expectSame(warm.update(), reference.update(), `${JSON.stringify(options)} after ${at + chunk.length} votes`);
      }
    }
  });
});
