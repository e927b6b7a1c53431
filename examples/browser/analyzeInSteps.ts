import { Conversation, type KuuloResult, type StatementModeration, type Vote } from '@kuulo/core';

/** Options of `analyzeInSteps`, with defaults. */
export interface AnalyzeOptions {
  /** Updates to spread the votes over, as if they arrived live. Default 10. */
  steps?: number;
  /** Seed of every random choice, so the page and Node give the same groups. Default 1. */
  seed?: number;
  /** Moderation from the comments file. Default none. */
  moderation?: readonly StatementModeration[];
}

/** One update: the result after the first `votes` votes (time order). */
export interface AnalyzeStep {
  step: number;
  steps: number;
  votes: number;
  result: KuuloResult;
}

/**
 * Feeds votes to one Conversation in time order, `steps` batches with an update after each, as a
 * live conversation would see them. Plain core code: the example's worker runs it, and so does its test in Node.
 */
export function* analyzeInSteps(votes: readonly Vote[], options: AnalyzeOptions = {}): Generator<AnalyzeStep> {
  const { steps = 10, seed = 1, moderation = [] } = options;
  if (!(Number.isInteger(steps) && steps >= 1)) throw new RangeError(`analyzeInSteps: steps must be a positive integer, got ${steps}`);
  if (votes.length === 0) throw new RangeError('analyzeInSteps: no votes to analyze');
  // Stable sort: votes without a time keep their file order, after the timed ones.
  const ordered = [...votes].sort((a, b) => (a.time ?? Infinity) - (b.time ?? Infinity) || 0);
  const size = Math.ceil(ordered.length / steps);
  const conversation = new Conversation({ seed });
  conversation.moderate(moderation);
  const total = Math.ceil(ordered.length / size);
  for (let step = 1; step <= total; step++) {
    conversation.addVotes(ordered.slice((step - 1) * size, step * size));
    yield { step, steps: total, votes: Math.min(step * size, ordered.length), result: conversation.update() };
  }
}
