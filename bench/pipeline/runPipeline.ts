// The only module of bench/ that touches core's Conversation API: if that API changes, change it here.
import { Conversation, replay, type ConversationHost, type ConversationOptions, type KuuloResult, type StatementModeration, type Vote } from '../../packages/core/src/index.js';
import { sliceColumns, type VoteColumns } from '../data/voteColumns.js';
import type { Grouping } from '../score/groupingReport.js';

/** Votes per addVoteColumns call: bounds the validation churn per call without changing the total work. */
const chunkVotes = 1 << 20;

export interface PipelineInput {
  votes: VoteColumns;
  moderation?: readonly StatementModeration[];
  /** Conversation options; from the command line (`--set key=value`), so core validates them. */
  options?: ConversationOptions | Record<string, unknown>;
}

export interface PipelineRun {
  result: KuuloResult;
  /**
   * Wall time per stage in ms: `load` (votes into the conversation) is timed here; the rest come
   * from the conversation's own timings side channel (matrix, pca, baseClusters, groups, stats =
   * repness + consensus + priorities, result = building the result object).
   */
  stages: Record<string, number>;
  /** load + update, ms. */
  total: number;
  /** Iteration counts the conversation reports (PCA: XᵀX products per component). */
  iterations: Record<string, number | number[]>;
}

/** A fresh conversation with moderation applied. */
export function createConversation(input: Pick<PipelineInput, 'moderation' | 'options'>, host: ConversationHost = {}): Conversation {
  const conversation = new Conversation((input.options ?? {}) as ConversationOptions, host);
  if (input.moderation && input.moderation.length > 0) conversation.moderate(input.moderation);
  return conversation;
}

/** Feed columnar votes into a conversation (no math yet); returns the wall time in ms. */
export function loadVotes(conversation: Conversation, votes: VoteColumns, adopt: boolean | VoteColumns[] = false): number {
  const started = performance.now();
  // Handed over in one call, as the CLI does with a votes.csv (as its two threads' parts when given): nothing is copied, so there is nothing to chunk.
  if (adopt) {
    conversation.addVoteColumns(Array.isArray(adopt) ? adopt : votes, { adopt: true, keepTimes: false });
    return performance.now() - started;
  }
  for (let at = 0; at < votes.vote.length; at += chunkVotes) {
    conversation.addVoteColumns(sliceColumns(votes, at, Math.min(votes.vote.length, at + chunkVotes)));
  }
  return performance.now() - started;
}

/** Run `update()` on a loaded conversation and collect its stage timings. */
export function updateConversation(conversation: Conversation, loadMs: number): PipelineRun {
  const started = performance.now();
  const result = conversation.update();
  const updateMs = performance.now() - started;
  const timings = conversation.timings;
  const stages: Record<string, number> = { load: loadMs };
  const iterations: Record<string, number | number[]> = {};
  if (timings) {
    // Counts (PCA products, k-means steps) go to iterations; every other number is a stage's ms.
    for (const [key, value] of Object.entries(timings)) {
      if (Array.isArray(value) || /iteration|product|step|tick/i.test(key)) iterations[key] = Array.isArray(value) ? [...(value as number[])] : (value as number);
      else if (typeof value === 'number' && key !== 'total') stages[key] = value;
    }
  } else stages.update = updateMs;
  return { result, stages, total: loadMs + updateMs, iterations };
}

/** The cold pipeline: a new conversation, every vote loaded, one update. */
export function runPipeline(input: PipelineInput, options: { adopt?: boolean | VoteColumns[]; host?: ConversationHost } = {}): PipelineRun & { conversation: Conversation } {
  const conversation = createConversation(input, options.host);
  const loadMs = loadVotes(conversation, input.votes, options.adopt);
  return { ...updateConversation(conversation, loadMs), conversation };
}

/**
 * Polis-style history: core's `replay` feeds the votes in time order, in `batches` updates, then
 * restarts like Polis's worker. Returns the run to time; converting the columns to vote objects
 * happens here, before it, untimed.
 */
export function prepareReplay(input: PipelineInput, batches = 500): () => PipelineRun {
  const { participant, statement, vote, time } = input.votes;
  const votes: Vote[] = Array.from(vote, (v, k) => ({ participant: participant[k]!, statement: statement[k]!, vote: v as Vote['vote'], time: time[k]! }));
  return () => {
    const started = performance.now();
    const result = replay(votes, { ...(input.options as ConversationOptions), batches, moderation: input.moderation ?? [] });
    const total = performance.now() - started;
    return { result, stages: { replay: total }, total, iterations: { ticks: result.tick } };
  };
}

/**
 * A result's grouping: group id per participant aligned with `result.participants` (null = not
 * grouped), votes per participant, the group ids in result order and how k was chosen.
 */
export function resultGroups(result: KuuloResult): Grouping {
  return {
    participants: result.participants,
    groups: result.participantGroup,
    voteCounts: result.voteCounts,
    groupIds: result.groups.map((g) => g.id),
    k: { chosen: result.k.chosen, best: result.k.best, silhouettes: result.k.silhouettes },
  };
}

/** What a result says about consensus, for scoring planted common ground. */
export function resultConsensus(result: KuuloResult): { statements: ArrayLike<number | string>; groupAwareConsensus: ArrayLike<number>; agree: (number | string)[] } {
  return { statements: result.statements, groupAwareConsensus: result.groupAwareConsensus, agree: result.consensus.agree.map((e) => e.statement) };
}

/** Summary numbers of a result worth printing. */
export function resultSummary(result: KuuloResult): { groups: number; inConv: number; participants: number; statements: number; k: number } {
  return { groups: result.groups.length, inConv: result.inConv.length, participants: result.participants.length, statements: result.statements.length, k: result.k.chosen };
}

/** The options in force (after defaults), so a figure says which configuration it measured. */
export function resultOptions(result: KuuloResult): Record<string, unknown> {
  return result.options;
}
