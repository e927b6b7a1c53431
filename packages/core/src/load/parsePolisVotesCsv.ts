import type { Vote } from '../types.js';
import { createPolisVotesCsvReader } from './createPolisVotesCsvReader.js';
import type { PolisVotesLoadOptions } from './polisTypes.js';

/** Every vote of a whole Polis `votes.csv` held in memory, in file order with repeated votes kept. */
export function parsePolisVotesCsv(input: string | Uint8Array, options: PolisVotesLoadOptions = {}): Vote[] {
  const reader = createPolisVotesCsvReader(options);
  reader.push(input);
  return reader.end();
}
