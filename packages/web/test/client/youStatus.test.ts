import { Conversation, defaultOptions, type Vote } from '@kuulo/core';
import { describe, expect, it } from 'vitest';
import { groupVoteThreshold, votesToJoin } from '../../src/client/groupJoin.js';
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

describe('youStatus(reply, pid, t, progress) with the privacy floor and the participant’s own votes', () => {
  const result = twoCamps();
  const fi = pageTranslatorFor('fi');
  const sv = pageTranslatorFor('sv');

  /** The first `n` participants of the two camps, all votes each. */
  function firstVoters(n: number) {
    const votes: Vote[] = [];
    for (let p = 0; p < n; p++) for (let s = 0; s < 8; s++) votes.push({ participant: p, statement: s, vote: (p % 2 === 0) === (s < 4) ? 1 : -1, time: p * 100 + s });
    const conversation = new Conversation({ seed: 7 });
    conversation.addVotes(votes);
    return conversation.update();
  }

  it('says below the floor how many people the map waits for and how many voted, in en, fi and sv', () => {
    const reply = participantReply(firstVoters(4), 1);
    expect(reply.view.groups).toEqual([]);
    expect(youStatus(reply, 1, en)).toBe('The map appears when 7 people have voted, so that nobody can be recognised from their votes. 4 people have voted so far.');
    expect(youStatus(reply, 1, fi)).toBe('Kartta tulee näkyviin, kun 7 ihmistä on äänestänyt, jotta ketään ei voi tunnistaa äänistä. Tähän mennessä on äänestänyt 4 ihmistä.');
    expect(youStatus(reply, 1, sv)).toBe('Kartan visas när 7 personer har röstat, så att ingen kan kännas igen på sina röster. Hittills har 4 personer röstat.');
    expect(youStatus(participantReply(firstVoters(1), 0), 0, en)).toMatch(/ 1 person has voted so far\.$/);
    expect(youStatus(participantReply(firstVoters(1), 0), 0, sv)).toMatch(/ Hittills har 1 person röstat\.$/);
  });

  it('says groups below the floor are too small to show, and tells a member with enough votes why they have no group', () => {
    const reply = participantReply(result, 99);
    const privacy = { ...reply.view.privacy, hiddenGroups: 1, hiddenParticipants: 3 };
    const hidden = { ...reply, view: { ...reply.view, privacy } };
    expect(youStatus({ ...hidden, view: { ...hidden.view, groups: [] } }, 99, en)).toBe(
      'The groups are still too small to show: a group appears once it has at least 5 people, so that nobody can be recognised from their votes.',
    );
    expect(youStatus(hidden, 99, en, { voted: 8, total: 8 })).toBe('You have voted enough to join a group. It appears on the map once it has at least 5 people.');
    expect(youStatus(hidden, 99, fi, { voted: 8, total: 8 })).toBe('Olet äänestänyt tarpeeksi päästäksesi ryhmään. Ryhmäsi tulee kartalle, kun siinä on vähintään 5 ihmistä.');
  });

  it('leaves "vote on N more" to the legend, and says the next update places a participant with enough votes', () => {
    expect(youStatus(participantReply(result, 99), 99, en, { voted: 1, total: 8 })).toBe('You are on the map, not in a group yet.');
    expect(youStatus(participantReply(result, 99), 99, en, { voted: 7, total: 8 })).toBe('Thanks for voting: your place on the map appears with the next update.');
  });
});

describe('votesToJoin(progress)', () => {
  it('counts down to min(7, statements) votes, as Polis groups people', () => {
    expect(groupVoteThreshold).toBe(defaultOptions.inConvThreshold);
    expect(votesToJoin({ voted: 0, total: 6 })).toBe(6);
    expect(votesToJoin({ voted: 3, total: 20 })).toBe(4);
    expect(votesToJoin({ voted: 7, total: 20 })).toBe(0);
    expect(votesToJoin({ voted: 12, total: 20 })).toBe(0);
    expect(votesToJoin({ voted: 0, total: 0 })).toBe(0);
  });
});
