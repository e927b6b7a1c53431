import type { Vote, VoteValue } from '../types.js';
import { createPolisVotesCsvColumnReader } from './createPolisVotesCsvColumnReader.js';
import type { PolisVoteColumns, PolisVotesLoadOptions } from './polisTypes.js';

export interface PolisVotesCsvReaderOptions extends PolisVotesLoadOptions {
  /**
   * Receives the votes parsed from each `push` (and the last ones from `end`), so a huge file never
   * sits in memory whole. When set, `end()` returns an empty array. Default: none.
   */
  onVotes?: (batch: Vote[]) => void;
}

/** A push-style `votes.csv` reader made by `createPolisVotesCsvReader`: feed chunks, then `end()`. */
export interface PolisVotesCsvReader {
  /** Feed the next piece of the file; pieces may split rows, fields or UTF-8 characters anywhere. */
  push(chunk: Uint8Array | string): void;
  /** Finish: checks the last row and returns every vote not already handed to `onVotes`. */
  end(): Vote[];
  /** Data rows parsed so far. */
  readonly rowCount: number;
}

/**
 * Streaming reader of a Polis `votes.csv` into `Vote` objects, in file order with repeated votes
 * kept. `time` is the `timestamp` column (absent when the file has none). See
 * `createPolisVotesCsvColumnReader` for the typed-array form, which is several times faster.
 */
export function createPolisVotesCsvReader(options: PolisVotesCsvReaderOptions = {}): PolisVotesCsvReader {
  const { onVotes, ...rest } = options;
  const collected: Vote[] = [];
  const toVotes = (columns: PolisVoteColumns) => {
    const out: Vote[] = onVotes === undefined ? collected : [];
    const { participant, statement, vote, time } = columns;
    for (let i = 0; i < columns.length; i++) {
      const t = time[i] as number;
      const v: Vote = { participant: participant[i] as number, statement: statement[i] as number, vote: vote[i] as VoteValue };
      if (t === t) v.time = t;
      out.push(v);
    }
    if (onVotes !== undefined && out.length > 0) onVotes(out);
  };
  const reader = createPolisVotesCsvColumnReader({ ...rest, onColumns: toVotes });
  return {
    push: (chunk) => reader.push(chunk),
    end() {
      reader.end();
      return collected;
    },
    get rowCount() {
      return reader.rowCount;
    },
  };
}
