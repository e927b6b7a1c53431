import { Conversation, restartLikePolis, type KuuloResult, type ReplayOptions, type Vote } from '@kuulo/core';

/** One update of a replay: the result after `votes` votes (time order), or after the restart tick. */
export interface ReplayStep {
  /** Votes fed so far. */
  votes: number;
  /** Votes in the whole replay. */
  total: number;
  /** True for the final restart tick. */
  restart: boolean;
  result: KuuloResult;
}

/**
 * Core's `replay` one update at a time, so the CLI can show progress and print the groups after
 * every batch. Same protocol, same order, same result: the generator's return value equals
 * `replay(votes, options)` (a test holds the two together). Votes must all have a time.
 */
export function* replaySteps(votes: readonly Vote[], options: ReplayOptions = {}): Generator<ReplayStep, KuuloResult> {
  const { batches = 500, batchSize, batchMs, finalRestart = true, moderation = [], ...conversationOptions } = options;
  // Stable time order: equal times keep file order, as in core's replay.
  const timeOrder = votes.map((v, i) => ({ v, i })).sort((a, b) => a.v.time! - b.v.time! || a.i - b.i).map((x) => x.v);
  const chunks = batchMs !== undefined ? byWindow(timeOrder, batchMs) : bySize(timeOrder, batchSize ?? Math.max(1, Math.ceil(timeOrder.length / batches)));

  let conversation = new Conversation(conversationOptions);
  conversation.moderate(moderation);
  let result: KuuloResult | null = null;
  let fed = 0;
  for (const chunk of chunks) {
    // Within a batch, Polis's poller reads votes ordered by (statement, participant, time).
    conversation.addVotes(chunk.sort(pollOrder));
    fed += chunk.length;
    result = conversation.update();
    yield { votes: fed, total: timeOrder.length, restart: false, result };
  }
  if (finalRestart) {
    conversation = restartLikePolis(conversation);
    result = conversation.update();
    yield { votes: fed, total: timeOrder.length, restart: true, result };
  }
  result ??= conversation.update();
  return {
    ...result,
    replay: { batchSize: batchMs !== undefined ? 0 : (chunks[0]?.length ?? 0), batchMs: batchMs ?? 0, finalRestart, ticks: result.tick },
  };
}

function compareIds(a: string | number, b: string | number): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
}

function pollOrder(a: Vote, b: Vote): number {
  return compareIds(a.statement, b.statement) || compareIds(a.participant, b.participant) || a.time! - b.time!;
}

function bySize(votes: Vote[], size: number): Vote[][] {
  const out: Vote[][] = [];
  for (let i = 0; i < votes.length; i += size) out.push(votes.slice(i, i + size));
  return out;
}

function byWindow(votes: Vote[], ms: number): Vote[][] {
  const out: Vote[][] = [];
  let current: Vote[] = [];
  let windowEnd = -Infinity;
  for (const v of votes) {
    if (v.time! >= windowEnd) {
      if (current.length) out.push(current);
      current = [];
      windowEnd = v.time! + ms;
    }
    current.push(v);
  }
  if (current.length) out.push(current);
  return out;
}
