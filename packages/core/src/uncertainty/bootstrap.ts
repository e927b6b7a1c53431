import { Conversation } from '../conversation/conversation.js';
import type { ConversationState } from '../conversation/conversationState.js';
import type { ConversationOptions } from '../options.js';
import { stageRandom } from '../stable/stageRandom.js';
import { adjustedRandIndex } from '../stats/adjustedRandIndex.js';
import type { KuuloResult, StatementId, StatementModeration, Uncertainty, Vote } from '../types.js';
import { compareGroupings } from './compareGroupings.js';
import { resampleVotes, type VotesByParticipant } from './resampleVotes.js';
import { consensusHolds, significantFor } from './statementSupport.js';
import { summarizeBootstrap, type BootstrapTally } from './summarizeBootstrap.js';

/** Options of `bootstrap`; each field states its default. */
export interface BootstrapOptions {
  /** Resamples to run. Default 50. */
  resamples?: number;
  /** Seed of the resampling. Default: the result's seed. */
  seed?: number;
  /** Resample participants with replacement, or keep each vote with probability 1 − 1/e. Default 'participants'. */
  unit?: 'participants' | 'votes';
  /** A statement is robust when its support is at least this. Default 0.8. */
  robustThreshold?: number;
  /** Also collect bridging intervals (costs a factorisation per resample). Default: when the result has bridging. */
  bridging?: boolean;
  /** The result to judge. Default: the conversation's last result, else one update on the votes. */
  reference?: KuuloResult;
  /** Called after every resample. */
  onProgress?: (progress: { done: number; total: number }) => void;
}

const defaults = { resamples: 50, unit: 'participants', robustThreshold: 0.8 } as const;

/** Votes to bootstrap when there is no Conversation at hand. */
export interface BootstrapVotes {
  votes: readonly Vote[];
  moderation?: readonly StatementModeration[];
  options?: ConversationOptions;
}

/**
 * How sure a result's groups are: resample the votes (`unit`), rerun the same math (same mode, options and
 * seed) on each resample, and match each resample's groups to the result's. Gives every grouped participant a
 * membership confidence, every group a stability (mean Jaccard of its best match), every representative and
 * consensus statement a support (share of resamples where its test still passes), and the spread of k and of
 * the bridging scores. Pure and seeded: the same input and options give the same answer. Runs the full
 * pipeline `resamples` times, so hosts should call it off the request path (see `bootstrapJob`).
 */
export function bootstrap(source: Conversation | ConversationState | BootstrapVotes, options: BootstrapOptions = {}): Uncertainty {
  const { state, reference } = resolveSource(source, options.reference);
  const resamples = options.resamples ?? defaults.resamples;
  const unit = options.unit ?? defaults.unit;
  const robustThreshold = options.robustThreshold ?? defaults.robustThreshold;
  const seed = options.seed ?? reference.seed;
  if (!Number.isInteger(resamples) || resamples < 1) throw new RangeError(`bootstrap: options.resamples must be a positive integer, got ${resamples}`);
  if (unit !== 'participants' && unit !== 'votes') throw new RangeError(`bootstrap: options.unit must be participants or votes, got ${String(unit)}`);
  if (!(robustThreshold >= 0 && robustThreshold <= 1)) throw new RangeError(`bootstrap: options.robustThreshold must be in [0, 1], got ${robustThreshold}`);
  if (!Number.isInteger(seed)) throw new RangeError(`bootstrap: options.seed must be an integer, got ${seed}`);
  const wantBridging = options.bridging ?? reference.bridging !== undefined;

  const votes = votesInReferenceOrder(state, reference);
  const referenceGroup = groupIndexOf(reference);
  const statementColumn = new Map(reference.statements.map((id, c) => [id, c]));
  const resampleOptions = { ...(reference.options as ConversationOptions), bridging: wantBridging ? 'on' : 'off' } as ConversationOptions;
  const moderation = state.moderation.map(([statement, m, isMeta]) => ({ statement, moderation: m, isMeta }));
  const significance = { zThreshold: Number(reference.options.zThreshold), polisNumerics: Boolean(reference.options.polisNumerics) };
  const tally = newTally(reference, resamples, wantBridging);
  const random = stageRandom(seed, 'bootstrap');

  for (let t = 0; t < resamples; t++) {
    const sample = resampleVotes(votes, unit, random);
    const conversation = new Conversation(resampleOptions);
    conversation.moderate(moderation);
    conversation.addVoteColumns({ participant: sample.participant, statement: sample.statement, vote: sample.vote });
    const result = conversation.update();

    // Each reference participant's group in the resample (any copy; copies share a position).
    const groupIndex = new Map(result.groups.map((g, h) => [g.id, h]));
    const resampleGroup = new Int32Array(reference.participants.length).fill(-1);
    result.participants.forEach((id, r) => {
      const gid = result.participantGroup[r];
      if (gid !== null && gid !== undefined) resampleGroup[sample.copyOf[id as number]!] = groupIndex.get(gid)!;
    });
    const present = Uint8Array.from(sample.multiplicity, (m) => (m > 0 ? 1 : 0));
    const comparison = compareGroupings(referenceGroup, resampleGroup, present, reference.groups.length, result.groups.length);

    for (let k = 0; k < referenceGroup.length; k++) {
      const g = referenceGroup[k]!;
      if (g < 0 || !present[k]) continue;
      tally.present[k]!++;
      if (resampleGroup[k]! >= 0 && resampleGroup[k] === comparison.pairedWith[g]) tally.agreed[k]!++;
    }
    comparison.jaccard.forEach((j, g) => {
      if (!Number.isNaN(j)) (tally.jaccardSum[g]! += j), tally.jaccardCount[g]!++;
    });
    const both: number[] = [];
    for (let k = 0; k < referenceGroup.length; k++) if (present[k]) both.push(k);
    tally.ari.push(adjustedRandIndex(both.map((k) => referenceGroup[k]!), both.map((k) => resampleGroup[k]!)));
    tally.k.set(result.groups.length, (tally.k.get(result.groups.length) ?? 0) + 1);

    const column = new Map(result.statements.map((id, c) => [id, c]));
    tally.repness.forEach((entry) => {
      const h = comparison.pairedWith[entry.groupIndex]!;
      const col = column.get(entry.statement);
      if (h >= 0 && col !== undefined && significantFor(result.groups, h, col, entry.repfulFor, significance)) entry.supported++;
    });
    const overall = overallCounts(sample.statement, sample.vote, statementColumn);
    tally.consensus.forEach((entry) => {
      const c = statementColumn.get(entry.statement)!;
      if (consensusHolds(overall.agree[c]!, overall.disagree[c]!, overall.seen[c]!, entry.side, significance)) entry.supported++;
    });
    if (tally.bridging && result.bridging) {
      reference.statements.forEach((id, c) => {
        const col = column.get(id);
        const value = col === undefined ? null : result.bridging![col];
        tally.bridging![t * reference.statements.length + c] = value ?? NaN;
      });
    }
    options.onProgress?.({ done: t + 1, total: resamples });
  }
  return summarizeBootstrap(tally, { mode: reference.options.mode === 'stable' ? 'stable' : 'polis', unit, resamples, seed, robustThreshold, groupIds: reference.groups.map((g) => g.id) });
}

function resolveSource(source: Conversation | ConversationState | BootstrapVotes, given: KuuloResult | undefined): { state: ConversationState; reference: KuuloResult } {
  if (source instanceof Conversation) {
    const reference = given ?? source.result;
    if (!reference) throw new Error('bootstrap: the conversation has no result yet; call update() first or pass options.reference');
    return { state: source.serialize(), reference };
  }
  if ((source as ConversationState)?.format === 'kuulo-state@1') {
    const state = source as ConversationState;
    if (!state.votes) throw new Error('bootstrap: the state was saved without votes (serialize({ votes: true }) is needed)');
    return { state, reference: given ?? Conversation.restore(state).update() };
  }
  const { votes, moderation = [], options = {} } = source as BootstrapVotes;
  if (!Array.isArray(votes)) throw new TypeError('bootstrap: expected a Conversation, a ConversationState or { votes, moderation?, options? }');
  const conversation = new Conversation(options);
  conversation.moderate(moderation);
  conversation.addVotes(votes);
  const reference = given ?? conversation.update();
  return { state: conversation.serialize(), reference };
}

// The state's votes regrouped by reference participant, in the reference's row order.
function votesInReferenceOrder(state: ConversationState, reference: KuuloResult): VotesByParticipant {
  const { row, col, vote } = state.votes!;
  const stateRow = new Map(state.participants.map((id, r) => [id, r]));
  const start = new Int32Array(state.participants.length + 1);
  for (const r of row) start[r + 1]!++;
  for (let r = 0; r < state.participants.length; r++) start[r + 1]! += start[r]!;
  const rowPtr = new Int32Array(reference.participants.length + 1);
  const statement: StatementId[] = [];
  const values: number[] = [];
  reference.participants.forEach((id, k) => {
    const r = stateRow.get(id);
    if (r === undefined) throw new RangeError(`bootstrap: the result's participant ${JSON.stringify(id)} has no votes in the conversation`);
    // serialize() writes votes row by row, so row r's votes are one contiguous run.
    for (let p = start[r]!; p < start[r + 1]!; p++) statement.push(state.statements[col[p]!]!), values.push(vote[p]!);
    rowPtr[k + 1] = statement.length;
  });
  return { rowPtr, statement, vote: Int8Array.from(values) };
}

function groupIndexOf(result: KuuloResult): Int32Array {
  const index = new Map(result.groups.map((g, h) => [g.id, h]));
  return Int32Array.from(result.participantGroup, (gid) => (gid === null || gid === undefined ? -1 : index.get(gid)!));
}

function newTally(reference: KuuloResult, resamples: number, bridging: boolean): BootstrapTally {
  const n = reference.participants.length;
  return {
    referenceGroup: groupIndexOf(reference),
    present: new Int32Array(n),
    agreed: new Int32Array(n),
    jaccardSum: new Float64Array(reference.groups.length),
    jaccardCount: new Int32Array(reference.groups.length),
    ari: [],
    k: new Map(),
    repness: reference.groups.flatMap((g, groupIndex) => g.repness.map((e) => ({ groupIndex, group: g.id, statement: e.statement, repfulFor: e.repfulFor, supported: 0 }))),
    consensus: [
      ...reference.consensus.agree.map((e) => ({ statement: e.statement, side: 'agree' as const, supported: 0 })),
      ...reference.consensus.disagree.map((e) => ({ statement: e.statement, side: 'disagree' as const, supported: 0 })),
    ],
    bridging: bridging ? new Float64Array(resamples * reference.statements.length).fill(NaN) : null,
    nStatements: reference.statements.length,
  };
}

// Agree / disagree / seen per reference statement over every resampled vote (Polis's consensus population).
function overallCounts(statements: readonly StatementId[], votes: Int8Array, column: ReadonlyMap<StatementId, number>) {
  const m = column.size;
  const agree = new Int32Array(m);
  const disagree = new Int32Array(m);
  const seen = new Int32Array(m);
  for (let i = 0; i < votes.length; i++) {
    const c = column.get(statements[i]!)!;
    seen[c]!++;
    if (votes[i]! > 0) agree[c]!++;
    else if (votes[i]! < 0) disagree[c]!++;
  }
  return { agree, disagree, seen };
}
