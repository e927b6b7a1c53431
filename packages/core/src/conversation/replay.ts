import type { ConversationOptions } from '../options.js';
import type { KuuloResult, StatementModeration, Vote } from '../types.js';
import { Conversation } from './conversation.js';
import { checkPolisEra, polisEraOptions, polisEraRulesAt, type PolisEra } from './polisEra.js';

/** How a finished conversation is fed back through the math (recorded in `result.replay`). */
export interface ReplayOptions extends ConversationOptions {
  /** Number of updates to split the votes into, by time. Default 500 (ignored when batchSize or batchMs is set). */
  batches?: number;
  /** Votes per update, in time order. */
  batchSize?: number;
  /** Time window per update in ms (Polis polls about every 1000 ms). */
  batchMs?: number;
  /**
   * After the last vote, restart as Polis's math worker does: reload the votes in (statement,
   * participant, time) order, keep the persisted PCA, base clusters and in-conv set, and cold-start
   * the group clusterings and the k smoother. Default true (4 of 5 Polis fixtures match it).
   */
  finalRestart?: boolean;
  /** Final moderation state, applied before the first update (exports carry no moderation times). */
  moderation?: readonly StatementModeration[];
  /**
   * Polis's code of the time: 'off' (default) replays with today's algorithm; 'auto' runs each tick with
   * the rules of `polisEraRules` in force on its date (the time of its last vote); `{ rules }` switches
   * single rules on or off. Polis mode only. Recorded in `result.replay.polisEra` when not 'off'.
   */
  polisEra?: PolisEra;
}

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
 * Re-runs a finished conversation the way it evolved: votes sorted by time, fed in batches, each
 * batch ordered (statement, participant, time) as Polis's poller reads it, one update per batch.
 * Polis's groups depend on this history (see docs), so the protocol is explicit and recorded.
 */
export function replay(votes: readonly Vote[], options: ReplayOptions = {}): KuuloResult {
  const steps = replaySteps(votes, options);
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

/** `replay` one update at a time (for progress, or groups after every batch); returns its result. */
export function* replaySteps(votes: readonly Vote[], options: ReplayOptions = {}): Generator<ReplayStep, KuuloResult> {
  const { batches = 500, batchSize, batchMs, finalRestart = true, moderation = [], polisEra = 'off', ...conversationOptions } = options;
  checkPolisEra(polisEra);
  if (polisEra !== 'off' && conversationOptions.mode === 'stable') throw new RangeError("replay polisEra needs mode 'polis': stable mode does not follow Polis's code");
  if (batchSize !== undefined && !(Number.isInteger(batchSize) && batchSize >= 1)) throw new RangeError(`replay batchSize must be a positive integer, got ${batchSize}`);
  if (batchMs !== undefined && !(batchMs > 0)) throw new RangeError(`replay batchMs must be positive, got ${batchMs}`);
  if (!(Number.isInteger(batches) && batches >= 1)) throw new RangeError(`replay batches must be a positive integer, got ${batches}`);
  votes.forEach((v, i) => {
    if (typeof v?.time !== 'number' || !Number.isFinite(v.time)) throw new TypeError(`replay needs vote times: votes[${i}].time is ${JSON.stringify(v?.time)}`);
  });
  // Stable time order: equal times keep input order.
  const timeOrder = votes.map((v, i) => ({ v, i })).sort((a, b) => a.v.time! - b.v.time! || a.i - b.i).map((x) => x.v);
  const chunks = batchMs !== undefined ? byWindow(timeOrder, batchMs) : bySize(timeOrder, batchSize ?? Math.max(1, Math.ceil(timeOrder.length / batches)));

  let conversation = new Conversation(conversationOptions);
  conversation.moderate(moderation);
  let result: KuuloResult | null = null;
  let fed = 0;
  const ruleTicks = new Map<string, number>();
  for (const chunk of chunks) {
    if (polisEra !== 'off') {
      // Chunks are in time order, so the last vote is the tick's date.
      const date = chunk[chunk.length - 1]!.time!;
      conversation.setOptions(polisEraOptions(polisEra, date, conversationOptions));
      for (const rule of polisEraRulesAt(polisEra, date)) ruleTicks.set(rule.name, (ruleTicks.get(rule.name) ?? 0) + 1);
    }
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
    replay: {
      batchSize: batchMs !== undefined ? 0 : chunks[0]?.length ?? 0,
      batchMs: batchMs ?? 0,
      finalRestart,
      ticks: result.tick,
      ...(polisEra === 'off' ? {} : { polisEra: { era: polisEra, ruleTicks: Object.fromEntries(ruleTicks) } }),
    },
  };
}

/**
 * A new Conversation as Polis's worker has it after a restart: the matrix reloaded in (statement,
 * participant, time) order, persisted PCA, base clusters, in-conv and group votes kept, the per-k
 * group clusterings, the k smoother and the shown group ids dropped.
 */
export function restartLikePolis(conversation: Conversation): Conversation {
  const state = conversation.serialize();
  const { participants, statements } = state;
  const votes = state.votes!;
  const order = votes.row.map((_, i) => i).sort((a, b) => {
    const ta = statements[votes.col[a]!]!;
    const tb = statements[votes.col[b]!]!;
    const pa = participants[votes.row[a]!]!;
    const pb = participants[votes.row[b]!]!;
    return compareIds(ta, tb) || compareIds(pa, pb) || (votes.time[a] ?? 0) - (votes.time[b] ?? 0);
  });
  const reloadedParticipants = [...new Set(order.map((i) => participants[votes.row[i]!]!))];
  const reloadedStatements = [...new Set(order.map((i) => statements[votes.col[i]!]!))];
  const rowOf = new Map(reloadedParticipants.map((p, r) => [p, r]));
  const colOf = new Map(reloadedStatements.map((s, c) => [s, c]));
  const oldCol = new Map(statements.map((s, c) => [s, c]));
  // Columns are reordered, so per-statement state is permuted to follow its statements.
  const permute = (values: number[]) => reloadedStatements.map((s) => values[oldCol.get(s)!] ?? 0);
  return Conversation.restore({
    ...state,
    participants: reloadedParticipants,
    statements: reloadedStatements,
    votes: {
      row: order.map((i) => rowOf.get(participants[votes.row[i]!]!)!),
      col: order.map((i) => colOf.get(statements[votes.col[i]!]!)!),
      vote: order.map((i) => votes.vote[i]!),
      time: order.map((i) => votes.time[i]!),
    },
    comps: state.comps ? [permute(state.comps[0]), permute(state.comps[1])] : null,
    previousGroupVotes: state.previousGroupVotes
      ? {
          agree: permute(state.previousGroupVotes.agree),
          disagree: permute(state.previousGroupVotes.disagree),
          seen: permute(state.previousGroupVotes.seen),
        }
      : null,
    groupClusterings: null,
    smoother: null,
    shownGroups: [],
  });
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
