// Child process: a warm update. Load all but the last --batch votes, update once (cold, untimed
// for the headline), then add the batch and time the warm-started update.
import { parseBenchArgs } from '../args.js';
import { emit, peakRssMb, timed } from '../child/emit.js';
import { sliceColumns } from '../data/voteColumns.js';
import { createConversation, loadVotes, resultGroups, resultOptions, resultSummary, runPipeline, updateConversation } from '../pipeline/runPipeline.js';
import { groupingReport } from '../score/groupingReport.js';
import { loadInput, warmupInput, warmupRounds } from './loadInput.js';

const args = parseBenchArgs(process.argv.slice(2));
if (args.warmup) for (let i = 0; i < warmupRounds; i++) runPipeline({ votes: warmupInput(), options: args.coreOptions });
const input = loadInput(args);
const inputRssMb = peakRssMb();
const total = input.votes.vote.length;
const batch = Math.min(args.batch, total - 1);
// Votes are in arrival order, so the batch is the newest votes (mostly from newly arrived participants).
const conversation = createConversation({ moderation: input.moderation, options: args.coreOptions });
const cold = updateConversation(conversation, loadVotes(conversation, sliceColumns(input.votes, 0, total - batch)));
const { value: warm, cpuMs } = timed(() => updateConversation(conversation, loadVotes(conversation, sliceColumns(input.votes, total - batch, total))));
const grouped = resultGroups(warm.result);
const score = input.reference ? groupingReport(grouped, input.reference, input.oracle?.() ?? null) : null;
emit({
  task: 'incremental',
  input: input.name,
  votes: total,
  batch,
  summary: resultSummary(warm.result),
  options: resultOptions(warm.result),
  stages_ms: warm.stages,
  total_ms: warm.total,
  cpu_ms: cpuMs,
  iterations: warm.iterations,
  cold_total_ms: cold.total,
  cold_iterations: cold.iterations,
  ari: score?.ari ?? null,
  ari_reference: input.reference?.source ?? null,
  compared: score?.compared ?? null,
  coverage: score?.coverage ?? null,
  ari_oracle: score?.ari_oracle ?? null,
  k: score?.k ?? null,
  ari_by_votes: score?.ari_by_votes ?? null,
  confusion: score?.confusion ?? null,
  prepare_ms: input.prepareMs,
  rss_after_input_mb: inputRssMb,
});
