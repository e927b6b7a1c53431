// Child process: the cold Kuulo pipeline (new conversation, load every vote, one update) on one input,
// or with --replay core's Polis-style replay of the vote history.
import { parseBenchArgs } from '../args.js';
import { emit, peakRssMb, timed } from '../child/emit.js';
import { columnBytes, sharedColumns, sliceColumns } from '../data/voteColumns.js';
import { prepareReplay, resultConsensus, resultGroups, resultOptions, resultSummary, runPipeline } from '../pipeline/runPipeline.js';
import { scoreCommonGround } from '../score/scoreCommonGround.js';
import { groupingReport } from '../score/groupingReport.js';
import { loadInput, warmupInput, warmupRounds } from './loadInput.js';
import { startHelperThread } from '../../packages/cli/src/helperThread.js';

const args = parseBenchArgs(process.argv.slice(2));
if (args.warmup) for (let i = 0; i < warmupRounds; i++) runPipeline({ votes: warmupInput(), options: args.coreOptions });
const input = loadInput(args);
const inputRssMb = peakRssMb();
const pipelineInput = { votes: input.votes, moderation: input.moderation, options: args.coreOptions };
// The CLI's helper thread, started before the timed run as the CLI starts it before loading the votes.
const helper = args.threads >= 2 ? startHelperThread() : null;
// Adopted with a helper, the votes come as the CLI's two CSV threads hand them over: the second half in shared memory (copied here, untimed).
const half = input.votes.vote.length >> 1;
const adopt = args.adopt && helper ? [sliceColumns(input.votes, 0, half), sharedColumns(sliceColumns(input.votes, half, input.votes.vote.length))] : args.adopt;
const work = args.replay ? prepareReplay(pipelineInput) : () => runPipeline(pipelineInput, { adopt, host: helper ? { helper } : {} });
const { value: run, cpuMs } = timed(work);
const grouped = resultGroups(run.result);
// The oracle reads the vote columns, which an adopting run has handed over (rewritten in place).
const score = input.reference ? groupingReport(grouped, input.reference, args.adopt ? null : (input.oracle?.() ?? null)) : null;
const consensus = resultConsensus(run.result);
const common = input.commonGround ? scoreCommonGround(consensus.statements, consensus.groupAwareConsensus, consensus.agree, input.commonGround) : null;
emit({
  task: args.replay ? 'replay' : 'core',
  input: input.name,
  votes: input.votes.vote.length,
  summary: resultSummary(run.result),
  options: resultOptions(run.result),
  stages_ms: run.stages,
  total_ms: run.total,
  cpu_ms: cpuMs,
  iterations: run.iterations,
  ari: score?.ari ?? null,
  ari_reference: input.reference?.source ?? null,
  compared: score?.compared ?? null,
  coverage: score?.coverage ?? null,
  ari_oracle: score?.ari_oracle ?? null,
  k: score?.k ?? null,
  ari_by_votes: score?.ari_by_votes ?? null,
  confusion: score?.confusion ?? null,
  common_ground: common,
  prepare_ms: input.prepareMs,
  input_mb: columnBytes(input.votes) / 2 ** 20,
  rss_after_input_mb: inputRssMb,
  adopted: args.adopt,
  threads: helper ? 2 : 1,
});
