import { describe, expect, it } from 'vitest';
import { parsePolisVotesCsv } from '../../src/load/parsePolisVotesCsv.js';
import { openDataBytes, openDataText } from './fixtureFiles.js';

describe('parsePolisVotesCsv(input)', () => {
  it('reads a whole file given as text or bytes', () => {
    const text = openDataText('scoop-hivemind.ubi', 'votes.csv');
    const votes = parsePolisVotesCsv(text);
    expect(votes).toHaveLength(text.trimEnd().split('\n').length - 1);
    expect(parsePolisVotesCsv(openDataBytes('scoop-hivemind.ubi', 'votes.csv'))).toEqual(votes);
    expect(votes[0]).toEqual({ participant: 1, statement: 0, vote: 1, time: 1502659005668 });
  });

  it('uses the source option in errors', () => {
    expect(() => parsePolisVotesCsv('comment-id,voter-id,vote\n1,2,3\n', { source: 'x.csv' })).toThrow(
      'x.csv line 2, field "vote": expected -1, 0 or 1, got "3"',
    );
  });
});
