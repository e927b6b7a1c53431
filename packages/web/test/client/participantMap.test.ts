import { Conversation, type Vote } from '@kuulo/core';
import { describe, expect, it } from 'vitest';
import type { ParticipantMathReply } from '../../src/client/apiTypes.js';
import { mapCaption } from '../../src/client/participantMap.js';
import { participantReply } from '../support/participantReply.js';
import { pageTranslatorFor } from '../support/translator.js';

const en = pageTranslatorFor('en');

/** Two camps of 12 voting opposite ways on 8 statements. */
function twoCamps() {
  const votes: Vote[] = [];
  for (let p = 0; p < 24; p++) {
    for (let s = 0; s < 8; s++) votes.push({ participant: p, statement: s, vote: (p < 12) === (s < 4) ? 1 : -1, time: p * 100 + s });
  }
  const conversation = new Conversation({ seed: 7 });
  conversation.addVotes(votes);
  return conversation.update();
}

describe('mapCaption(reply, t)', () => {
  const reply = participantReply(twoCamps(), undefined);
  const groups = [...reply.view.groups].sort((a, b) => a.id - b.id);
  const withStability = (stability: number[]): ParticipantMathReply => ({
    ...reply,
    // Listed backwards: the caption matches stabilities to groups by id.
    uncertainty: { resamples: 10, groups: groups.map((g, i) => ({ id: g.id, stability: stability[i]! })).reverse() },
  });
  const base = 'Each outline is an opinion group. People who voted alike are close together.';

  it('explains the outlines, and without a bootstrap nothing more', () => {
    expect(groups.length).toBe(2);
    expect(mapCaption(reply, en)).toBe(base);
  });

  it('names each group below 0.75 with its stability and says what a dashed outline means', () => {
    const [a, b] = groups;
    expect(mapCaption(withStability([0.9, 0.62]), en)).toBe(
      `${base} Resampling the votes 10 times, group ${b!.label} often came out differently (stability 0.62), so it has a dashed outline. A dashed outline means who belongs to that group is uncertain.`,
    );
    expect(mapCaption(withStability([0.5, 0.7]), en)).toContain(`group ${a!.label} and group ${b!.label} often came out differently (stability 0.50, 0.70), so they have a dashed outline.`);
  });

  it('says every group held when all reach 0.75', () => {
    expect(mapCaption(withStability([0.75, 1]), en)).toBe(`${base} All 2 groups held together when the votes were resampled 10 times.`);
  });
});
