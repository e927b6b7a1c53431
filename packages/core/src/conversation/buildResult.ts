import type { Cluster } from '../cluster/cluster.js';
import { clojureHashLong, clojureHashOrder, clojureTrieKey, trieOrder } from '../clojure/hashOrder.js';
import type { ResolvedOptions } from '../options.js';
import type { PcaResult } from '../pca/pca.js';
import type { ConsensusRow } from '../stats/consensus.js';
import type { RepnessRow } from '../stats/repness.js';
import type { Tallies } from '../stats/tallies.js';
import type { VoteStore } from '../store/voteStore.js';
import type { ConsensusEntry, KuuloResult, ParticipantId, RepnessEntry, StatementId, VoteTallies } from '../types.js';
import type { ModerationMasks, ModerationRecord } from './moderationMasks.js';
import type { TallyLevels } from './tallyLevels.js';

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
  /** Per-base-cluster tallies in `base` order. */
  baseTallies: Tallies;
  repness: RepnessRow[][];
  consensus: { agree: ConsensusRow[]; disagree: ConsensusRow[] };
  groupAwareConsensus: Float64Array;
  priorities: Float64Array;
}

/** A ResultInput whose base tallies stay in their buckets (no copy), with what changed in them. */
export type LevelsResultInput = Omit<ResultInput, 'baseTallies'> & { levels: Pick<TallyLevels, 'buckets' | 'baseBucket' | 'touched'> };

/**
 * What a warm update reuses from the previous result: parts whose inputs did not change are shared with
 * it (the same arrays), and the hash order of the clustered participants is merged rather than re-sorted.
 * Valid only for consecutive updates of one conversation (the caller drops it otherwise).
 */
export class ResultMemory {
  previous: KuuloResult | null = null;
  /** Base clusters of `previous`, whose member rows tell which member lists are unchanged. */
  base: readonly Cluster[] = [];
  /** Clustered rows of `previous` (first `inConvCount` entries), sorted by (trie key, row), and their keys. */
  inConvSorted = new Int32Array(0);
  inConvKeys = new Uint32Array(0);
  inConvCount = 0;
  /** The other pair of buffers, written by the next merge. */
  spareSorted = new Int32Array(0);
  spareKeys = new Uint32Array(0);
  /** Which rows were clustered in `previous` (the first `inConvRows` entries). */
  inConvWas = new Uint8Array(0);
  inConvRows = 0;
  /** Whether every clustered id is a safe integer (else the order is row order). */
  integerIds = true;
}

/** Assembles the JSON-safe result from the update's typed arrays; with `memory`, reuses what did not change. */
export function buildResult(input: ResultInput | LevelsResultInput, memory: ResultMemory | null = null): KuuloResult {
  const { options, store, masks, geometry, shown } = input;
  const previous = memory?.previous ?? null;
  const n = store.participantIds.length;
  // Ids only append, so the same count means the same ids.
  const participants = previous && previous.participants.length === n ? previous.participants : store.participantIds.slice();
  const statements = store.statementIds.slice();
  const inConvOrdered = memory ? inConvOrder(input.inConv, participants, memory) : hashOrdered(inConvIdsOf(input.inConv, participants));
  const statementOf = (col: number) => statements[col]!;
  const moderated = (test: (m: ModerationRecord) => boolean) => hashOrdered([...input.moderation].filter(([, m]) => test(m)).map(([id]) => id));
  const strictOut = options.strictModeration && options.strictExcludesUnmoderated;
  const { projection, rowGroup, voteCounts } = input;
  const groupOf = (r: number) => (rowGroup[r]! < 0 ? null : shown[rowGroup[r]!]!.id);
  // Per-participant arrays are shared with the previous result when every entry is the same.
  const keptX = unchanged(previous?.participantProjection.x, n, (r) => projection[2 * r]!);
  const keptY = unchanged(previous?.participantProjection.y, n, (r) => projection[2 * r + 1]!);
  const keptGroup = unchanged(previous?.participantGroup, n, groupOf);
  const counts = unchanged(previous?.voteCounts, n, (r) => voteCounts[r]!) ?? plainArray(voteCounts);
  const x = keptX ?? new Array<number>(n);
  const y = keptY ?? new Array<number>(n);
  const group = keptGroup ?? new Array<number | null>(n);
  if (!keptX || !keptY || !keptGroup) {
    for (let r = 0; r < n; r++) {
      if (!keptX) x[r] = projection[2 * r]!;
      if (!keptY) y[r] = projection[2 * r + 1]!;
      if (!keptGroup) group[r] = groupOf(r);
    }
  }
  const result: KuuloResult = {
    format: 'kuulo-result@1',
    seed: options.seed,
    options: { ...options },
    replay: null,
    tick: input.tick,
    lastVoteTime: store.lastVoteTime,
    statements,
    participants,
    voteCounts: counts,
    inConv: inConvOrdered,
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
      members: memberIds(input.base, participants, memory),
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
    votesBase: votesBase(input, memory),
    consensus: {
      agree: input.consensus.agree.map((row) => consensusEntry(row, statementOf)),
      disagree: input.consensus.disagree.map((row) => consensusEntry(row, statementOf)),
    },
    groupAwareConsensus: plainArray(input.groupAwareConsensus),
    priorities: plainArray(input.priorities),
  };
  if (memory) {
    memory.previous = result;
    memory.base = input.base;
  }
  return result;
}

// `previous` when it has n entries all equal (as Object.is) to value(r), else null.
function unchanged<T>(previous: T[] | undefined, n: number, value: (r: number) => T): T[] | null {
  if (!previous || previous.length !== n) return null;
  for (let r = 0; r < n; r++) if (!Object.is(previous[r], value(r))) return null;
  return previous;
}

function inConvIdsOf(inConv: Uint8Array, participants: readonly ParticipantId[]): ParticipantId[] {
  const ids: ParticipantId[] = [];
  for (let r = 0; r < participants.length; r++) if (inConv[r]) ids.push(participants[r]!);
  return ids;
}

// The clustered ids in hash order, merging the rows that joined since the last result into its sorted list.
function inConvOrder(inConv: Uint8Array, participants: readonly ParticipantId[], memory: ResultMemory): ParticipantId[] {
  const n = participants.length;
  // Rows that joined (inConv only grows; a row that left means the memory does not apply).
  const joined: number[] = [];
  let warm = memory.previous !== null;
  for (let r = 0; r < n && warm; r++) {
    const was = r < memory.inConvRows ? memory.inConvWas[r]! : 0;
    if (inConv[r] && !was) joined.push(r);
    else if (was && !inConv[r]) warm = false;
  }
  if (!warm) {
    joined.length = 0;
    for (let r = 0; r < n; r++) if (inConv[r]) joined.push(r);
    memory.inConvCount = 0;
    memory.integerIds = true;
  }
  if (memory.inConvWas.length < n) memory.inConvWas = new Uint8Array(Math.ceil(n * 1.5));
  memory.inConvWas.set(inConv.subarray(0, n));
  memory.inConvRows = n;
  for (const r of joined) if (!Number.isSafeInteger(participants[r])) memory.integerIds = false;
  // Not all integers: Polis's set keeps insertion order (see hashOrdered).
  if (!memory.integerIds) return inConvIdsOf(inConv, participants);
  if (warm && joined.length === 0 && memory.previous) return memory.previous.inConv;

  const keys = Uint32Array.from(joined, (r) => clojureTrieKey(clojureHashLong(participants[r] as number)));
  // Stable by index and `joined` is in row order, so (key, row) order: clojureHashOrder of the row-ordered ids.
  const order = trieOrder(keys);
  const total = memory.inConvCount + joined.length;
  if (memory.spareSorted.length < total) {
    memory.spareSorted = new Int32Array(Math.ceil(total * 1.5));
    memory.spareKeys = new Uint32Array(memory.spareSorted.length);
  }
  const rows = memory.spareSorted;
  const merged = memory.spareKeys;
  const oldRows = memory.inConvSorted;
  const oldKeys = memory.inConvKeys;
  const oldCount = memory.inConvCount;
  for (let i = 0, j = 0, w = 0; w < total; w++) {
    const takeOld = i < oldCount && (j >= joined.length || oldKeys[i]! < keys[order[j]!]! || (oldKeys[i] === keys[order[j]!] && oldRows[i]! < joined[order[j]!]!));
    if (takeOld) (rows[w] = oldRows[i]!), (merged[w] = oldKeys[i]!), i++;
    else (rows[w] = joined[order[j]!]!), (merged[w] = keys[order[j]!]!), j++;
  }
  // The two buffers swap roles, so neither is allocated again while the conversation grows slowly.
  memory.spareSorted = oldRows;
  memory.spareKeys = oldKeys;
  memory.inConvSorted = rows;
  memory.inConvKeys = merged;
  memory.inConvCount = total;
  const out = new Array<ParticipantId>(total);
  for (let i = 0; i < total; i++) out[i] = participants[rows[i]!]!;
  return out;
}

// Member ids per base cluster; a cluster with the same member rows as in the previous result shares its list.
function memberIds(base: readonly Cluster[], participants: readonly ParticipantId[], memory: ResultMemory | null): ParticipantId[][] {
  const previous = new Map<number, { rows: readonly number[]; ids: ParticipantId[] }>();
  if (memory?.previous) memory.base.forEach((b, i) => previous.set(b.id, { rows: b.members, ids: memory.previous!.baseClusters.members[i]! }));
  return base.map((b) => {
    const before = previous.get(b.id);
    if (before && sameRows(before.rows, b.members)) return before.ids;
    return idsOf(b.members, participants);
  });
}

function sameRows(a: readonly number[], b: readonly number[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

// votesBase, reusing the previous result's per-statement rows where no base tally of the statement changed.
function votesBase(input: ResultInput | LevelsResultInput, memory: ResultMemory | null): KuuloResult['votesBase'] {
  if (!('levels' in input)) return perStatementPerBase(input.baseTallies);
  const levels = input.levels;
  const t = levels.buckets;
  const { nCols } = t;
  const baseBucket = levels.baseBucket;
  const before = memory?.previous?.votesBase;
  const sameBase = memory !== null && memory.base.length === input.base.length && memory.base.every((b, i) => b.id === input.base[i]!.id);
  if (!before || !levels.touched || !sameBase || before.agree.length > nCols) return perStatementPerBase(t, baseBucket);
  const agree = before.agree.slice();
  const disagree = before.disagree.slice();
  const seen = before.seen.slice();
  const copied = new Uint8Array(nCols);
  // Statements new since the previous result: whole rows.
  for (let c = before.agree.length; c < nCols; c++) {
    agree[c] = columnOf(t.agree, c, nCols, baseBucket);
    disagree[c] = columnOf(t.disagree, c, nCols, baseBucket);
    seen[c] = columnOf(t.seen, c, nCols, baseBucket);
    copied[c] = 1;
  }
  const indexOf = new Int32Array(t.nGroups).fill(-1);
  baseBucket.forEach((b, bi) => (indexOf[b] = bi));
  const touched = levels.touched;
  for (let i = 0; i < touched.length; i++) {
    const at = touched[i]!;
    const b = Math.floor(at / nCols);
    const bi = indexOf[b]!;
    if (bi < 0) continue;
    const c = at - b * nCols;
    // A touched cell may have come back to its old counts (a row left and another joined).
    if (agree[c]![bi] === t.agree[at] && disagree[c]![bi] === t.disagree[at] && seen[c]![bi] === t.seen[at]) continue;
    if (!copied[c]) {
      agree[c] = agree[c]!.slice();
      disagree[c] = disagree[c]!.slice();
      seen[c] = seen[c]!.slice();
      copied[c] = 1;
    }
    agree[c]![bi] = t.agree[at]!;
    disagree[c]![bi] = t.disagree[at]!;
    seen[c]![bi] = t.seen[at]!;
  }
  return { agree, disagree, seen };
}

function columnOf(a: Int32Array, c: number, nCols: number, rowOf: Int32Array): number[] {
  const row = new Array<number>(rowOf.length);
  for (let b = 0; b < rowOf.length; b++) row[b] = a[rowOf[b]! * nCols + c]!;
  return row;
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

// Rows `rowOf` (default: every row) of the tallies, transposed to one array per statement.
function perStatementPerBase(t: Tallies, rowOf: Int32Array = Int32Array.from({ length: t.nGroups }, (_, b) => b)): KuuloResult['votesBase'] {
  const pick = (a: Int32Array) => {
    const out = new Array<number[]>(t.nCols);
    for (let c = 0; c < t.nCols; c++) out[c] = columnOf(a, c, t.nCols, rowOf);
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
