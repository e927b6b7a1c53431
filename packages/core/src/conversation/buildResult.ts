import type { Cluster } from '../cluster/cluster.js';
import { clojureHashOrder } from '../clojure/hashOrder.js';
import type { ResolvedOptions } from '../options.js';
import type { PcaResult } from '../pca/pca.js';
import type { ConsensusRow } from '../stats/consensus.js';
import type { RepnessRow } from '../stats/repness.js';
import type { Tallies } from '../stats/tallies.js';
import type { VoteStore } from '../store/voteStore.js';
import type { ConsensusEntry, KuuloResult, RepnessEntry, StatementId, VoteTallies } from '../types.js';
import type { ModerationMasks, ModerationRecord } from './moderationMasks.js';

export interface ResultInput {
  options: ResolvedOptions;
  tick: number;
  /** Row and column ids in result order (the store's own order in Polis mode). */
  store: Pick<VoteStore, 'participantIds' | 'statementIds' | 'lastVoteTime'>;
  moderation: ReadonlyMap<StatementId, ModerationRecord>;
  masks: ModerationMasks;
  voteCounts: Int32Array;
  inConv: Uint8Array;
  geometry: PcaResult;
  projection: Float64Array;
  base: readonly Cluster[];
  shown: readonly { id: number; baseIds: number[]; center: [number, number]; rows: Int32Array }[];
  rowGroup: Int32Array;
  k: { best: number; chosen: number; silhouettes: ReadonlyMap<number, number> };
  groupTallies: Tallies;
  baseTallies: Tallies;
  repness: RepnessRow[][];
  consensus: { agree: ConsensusRow[]; disagree: ConsensusRow[] };
  groupAwareConsensus: Float64Array;
  priorities: Float64Array;
}

/** Assembles the JSON-safe result from the update's typed arrays. */
export function buildResult(input: ResultInput): KuuloResult {
  const { options, store, masks, geometry, shown } = input;
  const participants = [...store.participantIds];
  const statements = [...store.statementIds];
  const n = participants.length;
  const inConvIds = participants.filter((_, r) => input.inConv[r]);
  const statementOf = (col: number) => statements[col]!;
  const moderated = (test: (m: ModerationRecord) => boolean) => hashOrdered([...input.moderation].filter(([, m]) => test(m)).map(([id]) => id));
  const strictOut = options.strictModeration && options.strictExcludesUnmoderated;
  const x = new Array<number>(n);
  const y = new Array<number>(n);
  for (let r = 0; r < n; r++) {
    x[r] = input.projection[2 * r]!;
    y[r] = input.projection[2 * r + 1]!;
  }
  return {
    format: 'kuulo-result@1',
    seed: options.seed,
    options: { ...options },
    replay: null,
    tick: input.tick,
    lastVoteTime: store.lastVoteTime,
    statements,
    participants,
    voteCounts: Array.from(input.voteCounts),
    inConv: hashOrdered(inConvIds),
    modOut: moderated((m) => m.isMeta || m.moderation === -1 || (strictOut && m.moderation === 0)),
    modIn: moderated((m) => m.isMeta || m.moderation === 1),
    meta: moderated((m) => m.isMeta),
    pca: {
      center: Array.from(geometry.center),
      comps: [Array.from(geometry.comps[0]), Array.from(geometry.comps[1])],
      statementProjection: [Array.from(geometry.statementProjection[0]), Array.from(geometry.statementProjection[1])],
      statementExtremity: Array.from(geometry.statementExtremity),
    },
    participantProjection: { x, y },
    participantGroup: Array.from(input.rowGroup, (g) => (g < 0 ? null : shown[g]!.id)),
    baseClusters: {
      id: input.base.map((b) => b.id),
      members: input.base.map((b) => b.members.map((r) => participants[r]!)),
      x: input.base.map((b) => b.center[0]),
      y: input.base.map((b) => b.center[1]),
      count: input.base.map((b) => b.members.length),
    },
    groups: shown.map((g, gi) => ({
      id: g.id,
      label: groupLabel(gi),
      baseClusters: g.baseIds,
      center: g.center,
      size: g.rows.length,
      tallies: talliesOf(input.groupTallies, gi),
      repness: (input.repness[gi] ?? []).map((row) => repnessEntry(row, statementOf)),
    })),
    k: { silhouettes: Object.fromEntries(input.k.silhouettes), best: input.k.best, chosen: input.k.chosen },
    votesBase: perStatementPerBase(input.baseTallies),
    consensus: {
      agree: input.consensus.agree.map((row) => consensusEntry(row, statementOf)),
      disagree: input.consensus.disagree.map((row) => consensusEntry(row, statementOf)),
    },
    groupAwareConsensus: Array.from(input.groupAwareConsensus),
    priorities: Array.from(input.priorities),
  };
}

/** 'A', 'B', … 'Z', 'AA', … */
export function groupLabel(index: number): string {
  let label = '';
  for (let i = index + 1; i > 0; i = Math.floor((i - 1) / 26)) label = String.fromCharCode(65 + ((i - 1) % 26)) + label;
  return label;
}

// Polis's sets come out in Clojure hash order; ids that are not integers keep insertion order.
function hashOrdered<T extends string | number>(ids: T[]): T[] {
  return ids.every((id) => typeof id === 'number' && Number.isSafeInteger(id)) ? (clojureHashOrder(ids as number[]) as T[]) : ids;
}

function talliesOf(t: Tallies, g: number): VoteTallies {
  const from = g * t.nCols;
  const to = from + t.nCols;
  return { agree: Array.from(t.agree.subarray(from, to)), disagree: Array.from(t.disagree.subarray(from, to)), seen: Array.from(t.seen.subarray(from, to)) };
}

function perStatementPerBase(t: Tallies): KuuloResult['votesBase'] {
  const pick = (a: Int32Array) => Array.from({ length: t.nCols }, (_, c) => Array.from({ length: t.nGroups }, (_, b) => a[b * t.nCols + c]!));
  return { agree: pick(t.agree), disagree: pick(t.disagree), seen: pick(t.seen) };
}

function repnessEntry(row: RepnessRow, statementOf: (col: number) => StatementId): RepnessEntry {
  const { col, ...rest } = row;
  return { statement: statementOf(col), ...rest };
}

function consensusEntry(row: ConsensusRow, statementOf: (col: number) => StatementId): ConsensusEntry {
  const { col, ...rest } = row;
  return { statement: statementOf(col), ...rest };
}
