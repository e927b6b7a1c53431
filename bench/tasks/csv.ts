// Child process: read a votes.csv with core's streaming reader (timed), then load the columns into a
// conversation (timed separately; no update).
import { statSync } from 'node:fs';
import { parseBenchArgs } from '../args.js';
import { emit } from '../child/emit.js';
import { createConversation, loadVotes } from '../pipeline/runPipeline.js';
import { readVotesFile } from '../pipeline/readVotesFile.js';

const args = parseBenchArgs(process.argv.slice(2));
const path = args.file;
if (path === null) throw new Error('csv task needs --file <votes.csv>');
if (args.warmup) loadVotes(createConversation({}), readVotesFile(new URL('../../packages/core/test/fixtures/open-data/vtaiwan.uberx/votes.csv', import.meta.url).pathname));
const started = performance.now();
const votes = readVotesFile(path);
const parseMs = performance.now() - started;
const ingestMs = loadVotes(createConversation({}), votes);
const bytes = statSync(path).size;
emit({
  task: 'csv',
  votes: votes.vote.length,
  file_mb: bytes / 2 ** 20,
  stages_ms: { parse: parseMs, ingest: ingestMs },
  total_ms: parseMs + ingestMs,
  parse_votes_per_s: votes.vote.length / (parseMs / 1000),
  parse_mb_per_s: bytes / 2 ** 20 / (parseMs / 1000),
  ingest_votes_per_s: votes.vote.length / (ingestMs / 1000),
});
