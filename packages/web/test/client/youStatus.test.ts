import { Conversation, type Vote } from '@kuulo/core';
import { describe, expect, it } from 'vitest';
import { youStatus } from '../../src/client/youStatus.js';
import { participantReply } from '../support/participantReply.js';
import { pageTranslatorFor } from '../support/translator.js';

const en = pageTranslatorFor('en');

/** Two camps of 12 voting opposite ways on 8 statements, plus one person who voted once (not clustered). */
function twoCamps() {
  const votes: Vote[] = [];
  for (let p = 0; p < 24; p++) {
    for (let s = 0; s < 8; s++) votes.push({ participant: p, statement: s, vote: (p < 12) === (s < 4) ? 1 : -1, time: p * 100 + s });
  }
  votes.push({ participant: 99, statement: 0, vote: 1, time: 10_000 });
  const conversation = new Conversation({ seed: 7 });
  conversation.addVotes(votes);
  return conversation.update();
}

describe('youStatus(reply, pid)', () => {
  const result = twoCamps();
  const status = (pid: number | undefined) => youStatus(participantReply(result, pid), pid, en);

  it('names the participant’s group and how many others are in it', () => {
    const row = result.participants.indexOf(3);
    const group = result.groups.find((g) => g.id === result.participantGroup[row])!;
    expect(result.groups.length).toBeGreaterThanOrEqual(2);
    expect(status(3)).toBe(`You are in group ${group.label}, with ${group.size - 1} other participants.`);
  });

  it('tells an unclustered participant, one not on the map yet, and one without votes what to expect', () => {
    expect(result.participantGroup[result.participants.indexOf(99)]).toBeNull();
    expect(status(99)).toBe('You are on the map, not in a group yet: vote on more statements to join one.');
    expect(status(12345)).toBe('Thanks for voting: your place on the map appears with the next update.');
    expect(status(undefined)).toBe('Vote on a few statements to see where you stand.');
  });

  it('says the map comes later while there is no math or no group', () => {
    expect(youStatus(null, 3, en)).toBe('The map appears once enough people have voted.');
    expect(youStatus(participantReply({ ...result, groups: [], participantGroup: result.participantGroup.map(() => null) }, 3), 3, en)).toBe('The map appears once enough people have voted.');
  });
});
