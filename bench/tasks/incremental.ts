// Child process: a warm update. Load all but the last --batch votes, update once (cold, untimed
// for the headline), then add the batch and time the warm-started update.
import { parseBenchArgs } from '../args.js';
import { median } from '../score/median.js';
import { emit, peakRssMb, timed } from '../child/emit.js';
import { sliceColumns } from '../data/voteColumns.js';
import { createConversation, loadVotes, resultGroups, resultOptions, resultSummary, updateConversation } from '../pipeline/runPipeline.js';
import { groupingReport } from '../score/groupingReport.js';
import { loadInput, warmupRounds, warmupUpdateVotes, warmupUpdatesInput } from './loadInput.js';

const args = parseBenchArgs(process.argv.slice(2));
// Warm-up compiles the warm-update code too (group-id matching, lineage, folding in, shared chunks), as in a running server.
if (args.warmup) {
  for (let i = 0; i < warmupRounds; i++) {
    const votes = warmupUpdatesInput();
    const n = votes.vote.length;
    const c = createConversation({ options: args.coreOptions });
    updateConversation(c, loadVotes(c, sliceColumns(votes, 0, n - warmupUpdateVotes)));
    for (let at = n - warmupUpdateVotes; at < n; at += 100) updateConversation(c, loadVotes(c, sliceColumns(votes, at, Math.min(n, at + 100))));
  }
}
const input = loadInput(args);
const inputRssMb = peakRssMb();
const total = input.votes.vote.length;
const batch = Math.max(1, Math.min(args.batch, Math.floor((total - 1) / args.updates)));
// Votes are in arrival order, so each batch is the newest votes (mostly from newly arrived participants).
// A running platform updates again and again: time several consecutive warm updates and take their median.
const conversation = createConversation({ moderation: input.moderation, options: args.coreOptions });
const firstNew = total - batch * args.updates;
const cold = updateConversation(conversation, loadVotes(conversation, sliceColumns(input.votes, 0, firstNew)));
const updates = Array.from({ length: args.updates }, (_, i) => {
  const at = firstNew + i * batch;
  return timed(() => updateConversation(conversation, loadVotes(conversation, sliceColumns(input.votes, at, at + batch))));
});
const middle = [...updates].sort((a, b) => a.value.total - b.value.total)[Math.floor((updates.length - 1) / 2)]!;
const warm = { ...middle.value, stages: medianStages(updates.map((u) => u.value.stages)) };
const cpuMs = median(updates.map((u) => u.cpuMs));
const grouped = resultGroups(warm.result);
const score = input.reference ? groupingReport(grouped, input.reference, input.oracle?.() ?? null) : null;
emit({
  task: 'incremental',
  input: input.name,
  votes: total,
  batch,
  updates: args.updates,
  summary: resultSummary(warm.result),
  options: resultOptions(warm.result),
  stages_ms: warm.stages,
  total_ms: warm.total,
  cpu_ms: cpuMs,
  iterations: warm.iterations,
  warm_updates_ms: updates.map((u) => u.value.total),
  warm_iterations: updates.map((u) => u.value.iterations),
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

// Median of each stage over the warm updates.
function medianStages(all: Record<string, number>[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const name of Object.keys(all[0] ?? {})) out[name] = median(all.map((s) => s[name] ?? 0));
  return out;
}
