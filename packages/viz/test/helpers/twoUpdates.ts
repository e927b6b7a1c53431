import { Conversation, type KuuloResult } from '@kuulo/core';
import { polisModeration, polisVotes } from './fixtures';

/**
 * Two successive results of one live Conversation on a Polis fixture: after the first `share`
 * of the votes (by time) and after all of them, so group ids carry over as they do live.
 */
export function twoUpdates(conversation = 'below-100-ptpts', share = 0.6): [KuuloResult, KuuloResult] {
  const votes = polisVotes(conversation).sort((a, b) => a.time! - b.time!);
  const cut = Math.floor(votes.length * share);
  const live = new Conversation();
  live.moderate(polisModeration(conversation));
  live.addVotes(votes.slice(0, cut));
  const first = live.update();
  live.addVotes(votes.slice(cut));
  return [first, live.update()];
}
