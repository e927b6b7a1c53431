import { Conversation } from '../../src/conversation/conversation.js';
import type { KuuloResult, Vote } from '../../src/types.js';

/**
 * Two camps voting opposite ways on 9 statements (each on all 12): the math finds one group per camp.
 * The first `few` of camp A also answer statement 12: a thin cell in their group's tallies.
 */
export function camps(a: number, b: number, few = 0): KuuloResult {
  const votes: Vote[] = [];
  for (let p = 0; p < a + b; p++) {
    const camp = p < a ? 1 : -1;
    for (let s = 0; s < 12; s++) votes.push({ participant: p, statement: s, vote: s < 9 ? camp : p % 3 === s % 3 ? 0 : 1 });
  }
  for (let p = 0; p < few; p++) votes.push({ participant: p, statement: 12, vote: 1 });
  const conversation = new Conversation({ seed: 1 });
  conversation.addVotes(votes);
  return conversation.update();
}
