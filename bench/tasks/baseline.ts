// Child process: the dense baseline (ml-matrix + mean imputation + ml-pca + ml-kmeans) on one input.
import { parseBenchArgs } from '../args.js';
import { runBaseline } from '../baseline/runBaseline.js';
import { columnBytes } from '../data/voteColumns.js';
import { emit, peakRssMb, timed } from '../child/emit.js';
import { scoreGroups } from '../score/scoreGroups.js';
import { activeParticipants, loadInput, warmupInput, warmupRounds } from './loadInput.js';

const args = parseBenchArgs(process.argv.slice(2));
if (args.warmup) for (let i = 0; i < warmupRounds; i++) runBaseline(warmupInput(), { k: 3 });
const input = loadInput(args);
const inputRssMb = peakRssMb();
const k = input.reference?.k ?? args.groups;
const { value: run, cpuMs } = timed(() => runBaseline(input.votes, { k, seed: args.seed }));
const score = input.reference ? scoreGroups(run.participant, run.group, input.reference) : null;
// Polis only groups participants with enough votes; score the baseline on that set too, for a like-for-like figure.
const active = activeParticipants(input.votes);
const activeScore = input.reference ? scoreGroups(run.participant, Int32Array.from(run.group, (g, i) => (active.has(run.participant[i]!) ? g : -1)), input.reference) : null;
emit({
  task: 'baseline',
  input: input.name,
  votes: input.votes.vote.length,
  k,
  stages_ms: run.stages,
  total_ms: run.total,
  cpu_ms: cpuMs,
  iterations: run.iterations,
  ari: score?.ari ?? null,
  ari_reference: input.reference?.source ?? null,
  compared: score?.compared ?? null,
  ari_active: activeScore?.ari ?? null,
  compared_active: activeScore?.compared ?? null,
  prepare_ms: input.prepareMs,
  input_mb: columnBytes(input.votes) / 2 ** 20,
  rss_after_input_mb: inputRssMb,
});
