import { readFileSync } from 'node:fs';
import { bootstrap, Conversation, parsePolisCommentsJson, parsePolisVotesJson, withUncertainty, type KuuloResult } from '@kuulo/core';
import { describe, expect, it } from 'vitest';
import { uncertaintyNote } from '../../src/client/uncertaintyNote.js';
import { youStatus } from '../../src/client/youStatus.js';
import { participantReply } from '../support/participantReply.js';
import { pageTranslatorFor } from '../support/translator.js';

const en = pageTranslatorFor('en');

// A real Polis conversation in stable mode, with core's seeded bootstrap attached.
const dir = new URL('../../../core/test/fixtures/polis-math-fixtures/below-100-ptpts/', import.meta.url);
const conversation = new Conversation({ mode: 'stable' });
conversation.moderate(parsePolisCommentsJson(readFileSync(new URL('comments.json', dir), 'utf8')).moderation);
conversation.addVotes(parsePolisVotesJson(readFileSync(new URL('votes.json', dir), 'utf8')));
const plain = conversation.update();
const result = withUncertainty(plain, bootstrap(conversation, { resamples: 12 }));
const u = result.uncertainty!;

describe('uncertaintyNote(result)', () => {
  it('names the unstable groups with their stability and the share of confident members', () => {
    const note = uncertaintyNote(result, en)!;
    const unstable = result.groups.filter((g, i) => u.groups[i]!.stability < 0.75);
    expect(unstable.length).toBeGreaterThan(0);
    for (const g of unstable) expect(note).toContain(`group ${g.label}`);
    for (const g of result.groups.filter((g) => !unstable.includes(g))) expect(note).not.toContain(`group ${g.label}`);
    const measured = u.membershipConfidence.filter((c) => c !== null);
    expect(note).toContain(`${Math.round((100 * measured.filter((c) => c! >= 0.9).length) / measured.length)}% of people in groups stayed in theirs`);
    expect(note).toContain('fainter dots');
  });

  it('says all groups held when every stability reaches 0.75, and is null without a bootstrap', () => {
    const stable: KuuloResult = { ...result, uncertainty: { ...u, groups: u.groups.map((g) => ({ ...g, stability: 0.9 })) } };
    expect(uncertaintyNote(stable, en)).toMatch(new RegExp(`^All ${result.groups.length} groups held together when the votes were resampled 12 times\\.`));
    expect(uncertaintyNote(plain, en)).toBeNull();
  });
});

describe('youStatus(reply, pid) with a bootstrap (the reply carries your membership confidence)', () => {
  it('adds a caution exactly for participants who stayed in their group in under half the resamples', () => {
    let cautioned = 0;
    result.participants.forEach((pid, i) => {
      const c = u.membershipConfidence[i];
      const status = youStatus(participantReply(result, Number(pid)), Number(pid), en);
      const without = youStatus(participantReply(plain, Number(pid)), Number(pid), en);
      expect(status.startsWith(without)).toBe(true);
      if (c !== null && c !== undefined && c < 0.5) {
        cautioned++;
        expect(status).toContain(`only ${Math.round(100 * c)}% of the time.`);
      } else expect(status).toBe(without);
    });
    expect(cautioned).toBeGreaterThan(0);
  });
});
