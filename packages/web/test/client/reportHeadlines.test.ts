import { defaultHeadlineSupport } from '@kuulo/viz';
import { describe, expect, it } from 'vitest';
import type { Conversation, Statement } from '../../src/client/apiTypes.js';
import { headlineOptions } from '../../src/client/reportHeadlines.js';

const conversation = { id: 'c', counts: { participants: 3, statements: 2, votes: 4 } } as Conversation;
const statements = [
  { id: 1, tally: { agree: 2, disagree: 1, pass: 0 } },
  { id: 2, tally: { agree: 0, disagree: 0, pass: 1 } },
] as Statement[];

describe('headlineOptions(conversation, statements)', () => {
  it('takes the conversation’s minimums, else the defaults 10 and 5 from one constant', () => {
    expect(defaultHeadlineSupport).toMatchObject({ minVotes: 10, minGroupVotes: 5 });
    expect(headlineOptions(conversation, statements)).toMatchObject({ minVotes: 10, minGroupVotes: 5 });
    expect(headlineOptions({ ...conversation, headlineMinVotes: 25, headlineMinGroupVotes: 8 }, statements)).toMatchObject({ minVotes: 25, minGroupVotes: 8 });
  });

  it('gives the charts everyone’s tally by statement id, whether the math names it by number or string', () => {
    const { statementTally } = headlineOptions(conversation, statements);
    expect(statementTally!(1)).toEqual({ agree: 2, disagree: 1, pass: 0 });
    expect(statementTally!('2')).toEqual({ agree: 0, disagree: 0, pass: 1 });
    expect(statementTally!(3)).toBeUndefined();
  });
});
