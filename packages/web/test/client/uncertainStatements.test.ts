import { describe, expect, it } from 'vitest';
import type { Statement } from '../../src/client/apiTypes.js';
import { uncertainStatements } from '../../src/client/uncertainStatements.js';

const statement = (id: number, agree: number, disagree: number, pass: number, isMeta = false): Statement => ({
  id,
  text: `statement ${id}`,
  lang: null,
  isSeed: false,
  isMeta,
  moderation: 'accepted',
  createdAt: 0,
  tally: { agree, disagree, pass },
});

describe('uncertainStatements(statements, options)', () => {
  const statements = [
    statement(1, 5, 5, 0), // no passes
    statement(2, 3, 3, 4), // 40 % pass
    statement(3, 1, 1, 8), // 80 % pass
    statement(4, 0, 0, 3), // all pass but only 3 votes
    statement(5, 2, 2, 6, true), // meta: about the conversation, not the topic
    statement(6, 7, 0, 3), // exactly 30 %
  ];

  it('defaults: at least 30 % passes and 5 votes, most passed first, meta left out', () => {
    expect(uncertainStatements(statements).map((u) => [u.statement.id, u.passShare])).toEqual([
      [3, 0.8],
      [2, 0.4],
      [6, 0.3],
    ]);
  });

  it('takes its thresholds and count from the options', () => {
    expect(uncertainStatements(statements, { minVotes: 3, minPassShare: 0.5 }).map((u) => u.statement.id)).toEqual([4, 3]);
    expect(uncertainStatements(statements, { count: 1 }).map((u) => u.statement.id)).toEqual([3]);
  });

  it('skips statements without a tally and does not change its input', () => {
    const input = [{ ...statement(7, 0, 0, 9), tally: undefined }, statement(8, 1, 1, 8)];
    const copy = structuredClone(input);
    expect(uncertainStatements(input).map((u) => u.statement.id)).toEqual([8]);
    expect(input).toEqual(copy);
  });
});
