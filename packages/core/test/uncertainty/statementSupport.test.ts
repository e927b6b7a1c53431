import { describe, expect, it } from 'vitest';
import { Conversation } from '../../src/conversation/conversation.js';
import { consensusHolds, significantFor } from '../../src/uncertainty/statementSupport.js';
import { fixtureConversations } from '../stable/fixtureConversations.js';

describe('significantFor / consensusHolds on a real result', () => {
  const c = fixtureConversations().find((x) => x.name === 'vtaiwan.uberx')!;
  const conversation = new Conversation();
  conversation.moderate(c.moderation);
  conversation.addVotes(c.votes);
  const result = conversation.update();
  const options = { zThreshold: 1.2816, polisNumerics: true };
  const column = new Map(result.statements.map((id, j) => [id, j]));

  it('agrees with repness: every listed statement except an unproven best-agree head is significant', () => {
    let checked = 0;
    result.groups.forEach((g, h) => {
      for (const entry of g.repness) {
        const significant = significantFor(result.groups, h, column.get(entry.statement)!, entry.repfulFor, options);
        if (!entry.bestAgree) expect(significant).toBe(true), checked++;
        else expect(significant).toBe(entry.repnessTest > 1.2816 && entry.pTest > 1.2816);
      }
    });
    expect(checked).toBeGreaterThan(3);
  });

  it('agrees with consensus on the overall tallies', () => {
    const counts = new Map<string | number, { a: number; d: number; s: number }>();
    // Latest vote per cell, as the store keeps it.
    const latest = new Map<string, (typeof c.votes)[number]>();
    for (const v of c.votes) {
      const key = `${v.participant}|${v.statement}`;
      const prev = latest.get(key);
      if (!prev || v.time! >= prev.time!) latest.set(key, v);
    }
    for (const v of latest.values()) {
      const t = counts.get(v.statement) ?? { a: 0, d: 0, s: 0 };
      t.s++;
      if (v.vote > 0) t.a++;
      else if (v.vote < 0) t.d++;
      counts.set(v.statement, t);
    }
    for (const side of ['agree', 'disagree'] as const) {
      for (const entry of result.consensus[side]) {
        const t = counts.get(entry.statement)!;
        expect(consensusHolds(t.a, t.d, t.s, side, options)).toBe(true);
      }
    }
    expect(consensusHolds(10, 80, 100, 'agree', options)).toBe(false);
  });
});
