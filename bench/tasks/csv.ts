// Child process: read a votes.csv with core's streaming reader (timed), then load the columns into a
// conversation (timed separately; no update).
import { statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseBenchArgs } from '../args.js';
import { emit, timed } from '../child/emit.js';
import { createConversation, loadVotes } from '../pipeline/runPipeline.js';
import { readVotesFile } from '../pipeline/readVotesFile.js';
import { warmupRounds } from './loadInput.js';

const args = parseBenchArgs(process.argv.slice(2));
const path = args.file;
if (path === null) throw new Error('csv task needs --file <votes.csv>');
const warmupFile = fileURLToPath(new URL('../../packages/core/test/fixtures/open-data/vtaiwan.uberx/votes.csv', import.meta.url));
if (args.warmup) for (let i = 0; i < warmupRounds; i++) loadVotes(createConversation({}), readVotesFile(warmupFile));
const parsed = timed(() => readVotesFile(path));
const votes = parsed.value;
const parseMs = parsed.wallMs;
const ingested = timed(() => loadVotes(createConversation({}), votes));
const ingestMs = ingested.value;
const bytes = statSync(path).size;
emit({
  task: 'csv',
  votes: votes.vote.length,
  file_mb: bytes / 2 ** 20,
  stages_ms: { parse: parseMs, ingest: ingestMs },
  total_ms: parseMs + ingestMs,
  cpu_ms: parsed.cpuMs + ingested.cpuMs,
  parse_votes_per_s: votes.vote.length / (parseMs / 1000),
  parse_mb_per_s: bytes / 2 ** 20 / (parseMs / 1000),
  ingest_votes_per_s: votes.vote.length / (ingestMs / 1000),
});
