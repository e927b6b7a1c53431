import { describe, expect, it } from 'vitest';
import { createPolisVotesCsvColumnReader } from '../../src/load/createPolisVotesCsvColumnReader.js';
import { createPolisVotesCsvReader } from '../../src/load/createPolisVotesCsvReader.js';
import type { Vote } from '../../src/types.js';
import { openDataBytes, openDataNames } from './fixtureFiles.js';

describe('createPolisVotesCsvReader()', () => {
  it.each(openDataNames)('gives the same votes as the column reader for %s/votes.csv', (name) => {
    const bytes = openDataBytes(name, 'votes.csv');
    const reader = createPolisVotesCsvReader();
    reader.push(bytes);
    const votes = reader.end();
    const columns = createPolisVotesCsvColumnReader();
    columns.push(bytes);
    const c = columns.end();
    expect(votes).toHaveLength(c.length);
    expect(votes).toEqual(
      Array.from({ length: c.length }, (_, i) => ({ participant: c.participant[i], statement: c.statement[i], vote: c.vote[i], time: c.time[i] })),
    );
  });

  it('keeps repeated votes on a cell in file order (15-per-hour-seattle has 63)', () => {
    const reader = createPolisVotesCsvReader();
    reader.push(openDataBytes('15-per-hour-seattle', 'votes.csv'));
    const votes = reader.end();
    const rowsPerCell = new Map<string, number>();
    for (const v of votes) rowsPerCell.set(`${v.participant}:${v.statement}`, (rowsPerCell.get(`${v.participant}:${v.statement}`) ?? 0) + 1);
    expect([...rowsPerCell.values()].filter((n) => n > 1)).toHaveLength(63);
    expect(votes).toHaveLength(2995);
  });

  it('streams batches to onVotes and then returns nothing more', () => {
    const batches: Vote[][] = [];
    const reader = createPolisVotesCsvReader({ onVotes: (b) => batches.push(b) });
    const bytes = openDataBytes('brexit-consensus', 'votes.csv');
    for (let i = 0; i < bytes.length; i += 4096) reader.push(bytes.subarray(i, i + 4096));
    expect(reader.end()).toEqual([]);
    expect(batches.length).toBeGreaterThan(10);
    const all = createPolisVotesCsvReader();
    all.push(bytes);
    expect(batches.flat()).toEqual(all.end());
  });

  it('omits time when the file has no timestamp column', () => {
    const reader = createPolisVotesCsvReader();
    reader.push('comment-id,voter-id,vote\n4,9,-1\n');
    expect(reader.end()).toEqual([{ participant: 9, statement: 4, vote: -1 }]);
  });
});
