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
import { BaseCounts, chunksOf, defineLazy, IdPrefix, MemberLists, patchedColumn, RowColumn, RowIds } from './rowColumns.js';
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
  /**
   * Rows whose vote count or projection may differ from the previous result's (every other row of it has the
   * same ones), or null when any may: lets a warm result skip comparing the rest.
   */
  rowsChanged?: Int32Array | null;
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

/** A warm result's per-participant arrays before they are read. */
export interface ResultColumns {
  participants: IdPrefix;
  counts: RowColumn;
  x: RowColumn;
  y: RowColumn;
  group: RowColumn;
  inConv: RowIds;
  votesBase: BaseCounts;
  members: MemberLists;
}

/** A ResultInput whose base tallies stay in their buckets (no copy), with what changed in them. */
export type LevelsResultInput = Omit<ResultInput, 'baseTallies'> & { levels: Pick<TallyLevels, 'buckets' | 'baseBucket' | 'touched' | 'touchedBefore'> };

/**
 * What a warm update reuses from the previous result: parts whose inputs did not change are shared with
 * it (the same arrays), and the hash order of the clustered participants is merged rather than re-sorted.
 * Valid only for consecutive updates of one conversation (the caller drops it otherwise).
 */
export class ResultMemory {
  previous: KuuloResult | null = null;
  /** The per-participant columns behind `previous`'s arrays. */
  columns: ResultColumns | null = null;
  /** Base clusters of `previous`, whose member rows tell which member lists are unchanged. */
  base: readonly Cluster[] = [];
  /** Clustered rows of `previous` sorted by (trie key, row) (its inConv's own rows, never written), and their keys. */
  inConvSorted = new Int32Array(0);
  inConvKeys = new Uint32Array(0);
  inConvCount = 0;
  /** The other key buffer, written by the next merge. */
  spareKeys = new Uint32Array(0);
  /** Which rows were clustered in `previous` (the first `inConvRows` entries). */
  inConvWas = new Uint8Array(0);
  inConvRows = 0;
  /** Scratch: one per-participant column as doubles. */
  values = new Float64Array(0);
  /** Scratch for the votesBase cells that changed. */
  pairs = new Int32Array(0);
  /** Whether every clustered id is a safe integer (else the order is row order). */
  integerIds = true;
}

/** Assembles the JSON-safe result from the update's typed arrays; with `memory`, reuses what did not change. */
export function buildResult(input: ResultInput | LevelsResultInput, memory: ResultMemory | null = null): KuuloResult {
  const { options, store, masks, geometry, shown } = input;
  const previous = memory?.previous ?? null;
  const n = store.participantIds.length;
  // Columns only append (in Polis mode, the only one with a memory).
  const statements = previous && previous.statements.length === store.statementIds.length ? previous.statements : store.statementIds.slice();
  const statementOf = (col: number) => statements[col]!;
  const moderated = (test: (m: ModerationRecord) => boolean) => hashOrdered([...input.moderation].filter(([, m]) => test(m)).map(([id]) => id));
  const strictOut = options.strictModeration && options.strictExcludesUnmoderated;
  const { projection, rowGroup, voteCounts } = input;
  const groupIds = Int32Array.from(shown, (g) => g.id);
  // Per-participant arrays: with a memory, chunked columns sharing the previous result's unchanged chunks, read lazily.
  const columns = memory ? rowColumns(input, groupIds, memory) : null;
  const result: KuuloResult = {
    format: 'kuulo-result@1',
    seed: options.seed,
    options: { ...options },
    replay: null,
    tick: input.tick,
    lastVoteTime: store.lastVoteTime,
    statements,
    participants: columns ? [] : store.participantIds.slice(),
    voteCounts: columns ? [] : plainArray(voteCounts.subarray(0, n)),
    inConv: columns ? [] : hashOrdered(new RowIds(inConvRowsOf(input.inConv, n), store.participantIds).plain()),
    modOut: moderated((m) => m.isMeta || m.moderation === -1 || (strictOut && m.moderation === 0)),
    modIn: moderated((m) => m.isMeta || m.moderation === 1),
    meta: moderated((m) => m.isMeta),
    pca: {
      center: plainArray(geometry.center),
      comps: [plainArray(geometry.comps[0]), plainArray(geometry.comps[1])],
      statementProjection: [plainArray(geometry.statementProjection[0]), plainArray(geometry.statementProjection[1])],
      statementExtremity: plainArray(geometry.statementExtremity),
    },
    participantProjection: { x: columns ? [] : axisOf(projection, 0, n), y: columns ? [] : axisOf(projection, 1, n) },
    participantGroup: columns ? [] : groupsOf(rowGroup, groupIds, n),
    baseClusters: {
      id: input.base.map((b) => b.id),
      members: columns ? [] : input.base.map((b) => new RowIds(b.members, store.participantIds).plain()),
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
    votesBase: columns ? { agree: [], disagree: [], seen: [] } : 'levels' in input ? perStatementPerBase(input.levels.buckets, input.levels.baseBucket) : perStatementPerBase(input.baseTallies),
    consensus: {
      agree: input.consensus.agree.map((row) => consensusEntry(row, statementOf)),
      disagree: input.consensus.disagree.map((row) => consensusEntry(row, statementOf)),
    },
    groupAwareConsensus: plainArray(input.groupAwareConsensus),
    priorities: plainArray(input.priorities),
  };
  if (memory && columns) {
    defineLazy(result, 'participants', columns.participants);
    defineLazy(result, 'voteCounts', columns.counts as RowColumn & { plain(): number[] });
    defineLazy(result, 'inConv', columns.inConv);
    defineLazy(result.participantProjection, 'x', columns.x as RowColumn & { plain(): number[] });
    defineLazy(result.participantProjection, 'y', columns.y as RowColumn & { plain(): number[] });
    defineLazy(result, 'participantGroup', columns.group);
    defineLazy(result, 'votesBase', columns.votesBase);
    defineLazy(result.baseClusters, 'members', columns.members);
    memory.previous = result;
    memory.columns = columns;
    memory.base = input.base;
  }
  return result;
}

// This result's per-participant columns, each sharing what it can with the previous result's.
function rowColumns(input: ResultInput | LevelsResultInput, groupIds: Int32Array, memory: ResultMemory): ResultColumns {
  const ids = input.store.participantIds;
  const n = ids.length;
  const before = memory.columns;
  // Ids only append: the same count of the same list means the same ids.
  const participants = before && before.participants.ids === ids && before.participants.length === n ? before.participants : new IdPrefix(ids, n);
  // Counts and group ids go through one reused buffer of doubles, so a single compare-and-copy loop serves all four.
  if (memory.values.length < n) memory.values = new Float64Array(Math.ceil(n * 1.5));
  const values = memory.values;
  const { voteCounts, rowGroup } = input;
  const changed = chunksOf(before ? (input.rowsChanged ?? null) : null, n);
  for (let r = 0; r < n; r++) values[r] = voteCounts[r]!;
  const counts = patchedColumn(before?.counts ?? null, n, values, 1, 0, false, changed);
  for (let r = 0; r < n; r++) values[r] = rowGroup[r]! < 0 ? NaN : groupIds[rowGroup[r]!]!;
  const group = patchedColumn(before?.group ?? null, n, values, 1, 0, true);
  return {
    participants,
    counts,
    x: patchedColumn(before?.x ?? null, n, input.projection, 2, 0, false, changed),
    y: patchedColumn(before?.y ?? null, n, input.projection, 2, 1, false, changed),
    group,
    inConv: inConvOrder(input.inConv, ids, n, memory),
    votesBase: baseCounts(input, memory),
    members: memberLists(input.base, ids, memory),
  };
}

function axisOf(projection: Float64Array, axis: 0 | 1, n: number): number[] {
  const out = new Array<number>(n);
  for (let r = 0; r < n; r++) out[r] = projection[2 * r + axis]!;
  return out;
}

function groupsOf(rowGroup: Int32Array, groupIds: Int32Array, n: number): (number | null)[] {
  const out = new Array<number | null>(n);
  for (let r = 0; r < n; r++) out[r] = rowGroup[r]! < 0 ? null : groupIds[rowGroup[r]!]!;
  return out;
}

function inConvRowsOf(inConv: Uint8Array, n: number): Int32Array {
  let count = 0;
  for (let r = 0; r < n; r++) if (inConv[r]) count++;
  const rows = new Int32Array(count);
  for (let r = 0, i = 0; r < n; r++) if (inConv[r]) rows[i++] = r;
  return rows;
}

// The clustered rows in hash order, merging the rows that joined since the last result into its sorted list.
function inConvOrder(inConv: Uint8Array, participants: readonly ParticipantId[], n: number, memory: ResultMemory): RowIds {
  // Rows that joined (inConv only grows; a row that left means the memory does not apply).
  const joined: number[] = [];
  let warm = memory.columns !== null;
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
  if (!memory.integerIds) return new RowIds(inConvRowsOf(inConv, n), participants);
  if (warm && joined.length === 0 && memory.columns) return memory.columns.inConv;

  const keys = new Uint32Array(joined.length);
  for (let j = 0; j < joined.length; j++) keys[j] = clojureTrieKey(clojureHashLong(participants[joined[j]!] as number));
  // Stable by index and `joined` is in row order, so (key, row) order: clojureHashOrder of the row-ordered ids.
  const order = trieOrder(keys);
  const total = memory.inConvCount + joined.length;
  if (memory.spareKeys.length < total) memory.spareKeys = new Uint32Array(Math.ceil(total * 1.5));
  // The rows are the result's own (read when its inConv is first read), so a new array; the keys are the memory's.
  const rows = new Int32Array(total);
  const merged = memory.spareKeys;
  const oldRows = memory.inConvSorted;
  const oldKeys = memory.inConvKeys;
  const oldCount = memory.inConvCount;
  let i = 0;
  let w = 0;
  // Nothing to merge with (a first result): the sorted rows as they are, instead of a run copied per row.
  if (oldCount === 0) {
    for (; w < total; w++) {
      rows[w] = joined[order[w]!]!;
      merged[w] = keys[order[w]!]!;
    }
  } else for (let j = 0; j <= joined.length; j++) {
    // The old entries before joined row j (by key, then row) move as one run.
    let end = oldCount;
    if (j < joined.length) {
      const key = keys[order[j]!]!;
      const row = joined[order[j]!]!;
      let lo = i;
      while (lo < end) {
        const mid = (lo + end) >>> 1;
        if (oldKeys[mid]! < key || (oldKeys[mid] === key && oldRows[mid]! < row)) lo = mid + 1;
        else end = mid;
      }
    }
    rows.set(oldRows.subarray(i, end), w);
    merged.set(oldKeys.subarray(i, end), w);
    w += end - i;
    i = end;
    if (j < joined.length) {
      rows[w] = joined[order[j]!]!;
      merged[w] = keys[order[j]!]!;
      w++;
    }
  }
  // The key buffers swap roles, so neither is allocated again while the conversation grows slowly.
  memory.spareKeys = oldKeys;
  memory.inConvSorted = rows;
  memory.inConvKeys = merged;
  memory.inConvCount = total;
  return new RowIds(rows, participants);
}

// Member ids per base cluster, read lazily; a cluster with the same member rows as in the previous result shares its list.
function memberLists(base: readonly Cluster[], participants: readonly ParticipantId[], memory: ResultMemory): MemberLists {
  const previous = new Map<number, RowIds>();
  const before = memory.columns?.members;
  if (before) memory.base.forEach((b, i) => previous.set(b.id, before.lists[i]!));
  return new MemberLists(
    base.map((b) => {
      const list = previous.get(b.id);
      return list && sameRows(list.rows, b.members) ? list : new RowIds(b.members, participants);
    }),
  );
}

function sameRows(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

// votesBase of a warm result: the cells whose counts changed since the previous result, or the whole table.
function baseCounts(input: ResultInput | LevelsResultInput, memory: ResultMemory): BaseCounts {
  const t = 'levels' in input ? input.levels.buckets : input.baseTallies;
  const rowOf = 'levels' in input ? input.levels.baseBucket : Int32Array.from(input.base, (_, bi) => bi);
  const touched = 'levels' in input ? input.levels.touched : null;
  const before = memory.columns?.votesBase ?? null;
  const { nCols } = t;
  const sameBase = memory.base.length === input.base.length && memory.base.every((b, i) => b.id === input.base[i]!.id);
  if (!before || !touched || !sameBase || before.nCols > nCols || nCols > before.stride || before.nBase !== rowOf.length) return BaseCounts.table(t, rowOf);
  const nBase = rowOf.length;
  const indexOf = new Int32Array(t.nGroups).fill(-1);
  rowOf.forEach((b, bi) => (indexOf[b] = bi));
  const kinds = [t.agree, t.disagree, t.seen];
  const was = 'levels' in input ? input.levels.touchedBefore : null;
  // At most three pairs a touched cell (a new statement's untouched cells read as 0), written to a reused buffer.
  if (memory.pairs.length < 6 * touched.length) memory.pairs = new Int32Array(Math.ceil(6 * touched.length * 1.5));
  const pairs = memory.pairs;
  let w = 0;
  // Touched cells: the counts that changed (all three when the counts before are not known).
  for (let i = 0; i < touched.length; i++) {
    const at = touched[i]!;
    const b = Math.floor(at / nCols);
    const bi = indexOf[b]!;
    if (bi < 0) continue;
    const c = at - b * nCols;
    for (let k = 0; k < 3; k++) {
      const count = kinds[k]![at]!;
      if (was && was[3 * i + k] === count) continue;
      pairs[w++] = before.cell(c, bi, k);
      pairs[w++] = count;
    }
  }
  return BaseCounts.changed(before, pairs.subarray(0, w), t, rowOf);
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
