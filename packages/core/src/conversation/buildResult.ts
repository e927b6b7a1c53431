import type { Cluster } from '../cluster/cluster.js';
import { clojureHashOrder } from '../clojure/hashOrder.js';
import type { ResolvedOptions } from '../options.js';
import type { PcaResult } from '../pca/pca.js';
import type { ConsensusRow } from '../stats/consensus.js';
import type { RepnessRow } from '../stats/repness.js';
import type { Tallies } from '../stats/tallies.js';
import type { VoteStore } from '../store/voteStore.js';
import type { ConsensusEntry, KuuloResult, ParticipantId, RepnessEntry, StatementId, VoteTallies } from '../types.js';
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
  const participants = store.participantIds.slice();
  const statements = store.statementIds.slice();
  const n = participants.length;
  const inConvIds: ParticipantId[] = [];
  for (let r = 0; r < n; r++) if (input.inConv[r]) inConvIds.push(participants[r]!);
  const statementOf = (col: number) => statements[col]!;
  const moderated = (test: (m: ModerationRecord) => boolean) => hashOrdered([...input.moderation].filter(([, m]) => test(m)).map(([id]) => id));
  const strictOut = options.strictModeration && options.strictExcludesUnmoderated;
  const x = new Array<number>(n);
  const y = new Array<number>(n);
  const group = new Array<number | null>(n);
  for (let r = 0; r < n; r++) {
    x[r] = input.projection[2 * r]!;
    y[r] = input.projection[2 * r + 1]!;
    const g = input.rowGroup[r]!;
    group[r] = g < 0 ? null : shown[g]!.id;
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
    voteCounts: plainArray(input.voteCounts),
    inConv: hashOrdered(inConvIds),
    modOut: moderated((m) => m.isMeta || m.moderation === -1 || (strictOut && m.moderation === 0)),
    modIn: moderated((m) => m.isMeta || m.moderation === 1),
    meta: moderated((m) => m.isMeta),
    pca: {
      center: plainArray(geometry.center),
      comps: [plainArray(geometry.comps[0]), plainArray(geometry.comps[1])],
      statementProjection: [plainArray(geometry.statementProjection[0]), plainArray(geometry.statementProjection[1])],
      statementExtremity: plainArray(geometry.statementExtremity),
    },
    participantProjection: { x, y },
    participantGroup: group,
    baseClusters: {
      id: input.base.map((b) => b.id),
      members: input.base.map((b) => idsOf(b.members, participants)),
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
    groupAwareConsensus: plainArray(input.groupAwareConsensus),
    priorities: plainArray(input.priorities),
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
  for (let i = 0; i < ids.length; i++) if (!Number.isSafeInteger(ids[i])) return ids;
  return clojureHashOrder(ids as number[]) as T[];
}

// A plain array copy by index: Array.from walks a typed array through its iterator, far slower at 100k entries.
function plainArray(a: ArrayLike<number>): number[] {
  const out = new Array<number>(a.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i]!;
  return out;
}

function idsOf(rows: readonly number[], participants: readonly ParticipantId[]): ParticipantId[] {
  const out = new Array<ParticipantId>(rows.length);
  for (let i = 0; i < rows.length; i++) out[i] = participants[rows[i]!]!;
  return out;
}

function talliesOf(t: Tallies, g: number): VoteTallies {
  const from = g * t.nCols;
  const to = from + t.nCols;
  return { agree: plainArray(t.agree.subarray(from, to)), disagree: plainArray(t.disagree.subarray(from, to)), seen: plainArray(t.seen.subarray(from, to)) };
}

function perStatementPerBase(t: Tallies): KuuloResult['votesBase'] {
  const pick = (a: Int32Array) => {
    const out = new Array<number[]>(t.nCols);
    for (let c = 0; c < t.nCols; c++) {
      const row = new Array<number>(t.nGroups);
      for (let b = 0; b < t.nGroups; b++) row[b] = a[b * t.nCols + c]!;
      out[c] = row;
    }
    return out;
  };
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
