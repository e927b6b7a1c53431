import { resultBridging } from '../bridging/resultBridging.js';
import { baseClusters } from '../cluster/baseClusters.js';
import { BaseMemory, baseClustersWarm } from '../cluster/warmBase.js';
import { chooseK, type KSmoother } from '../cluster/chooseK.js';
import type { Cluster } from '../cluster/cluster.js';
import { groupClusterings } from '../cluster/groupClusterings.js';
import { matchGroupIds, matchGroupIdsIndexed } from '../cluster/matchGroupIds.js';
import { silhouette } from '../cluster/silhouette.js';
import { ratioToDouble } from '../clojure/ratio.js';
import { refitShare, resolveOptions, type ConversationOptions, type ResolvedOptions } from '../options.js';
import { foldIn, foldRows, type FoldRows, type PcaBasis } from '../pca/foldIn.js';
import { scaleRowDots } from '../pca/rowDots.js';
import { pca, type PcaResult } from '../pca/pca.js';
import { dropScratch, type MathHelper } from '../helper/mathHelper.js';
import { projectParticipants } from '../pca/projectParticipants.js';
import { lcg } from '../random/lcg.js';
import type { StableWarmState } from '../stable/stableGroups.js';
import { stableUpdate } from '../stable/stableUpdate.js';
import { commentPriorities } from '../stats/commentPriorities.js';
import { consensus } from '../stats/consensus.js';
import { groupAwareConsensus } from '../stats/groupAwareConsensus.js';
import { pickNextStatement } from '../stats/pickNextStatement.js';
import { repness } from '../stats/repness.js';
import { BucketTallies } from '../stats/bucketTallies.js';
import type { CellChanges } from '../store/changeLog.js';
import type { Tallies } from '../stats/tallies.js';
import { VoteStore, type AddColumnsOptions, type VoteColumns } from '../store/voteStore.js';
import type { CsrMatrix } from '../matrix/csrMatrix.js';
import type { KuuloResult, ParticipantId, StatementId, StatementModeration, Vote } from '../types.js';
import { buildResult, ResultMemory } from './buildResult.js';
import { statsMemo, type StatsMemo } from '../stats/statsMemo.js';
import type { ConversationState } from './conversationState.js';
import { updateInConv } from './inConv.js';
import { GroupSumsMemory, tallyLevels } from './tallyLevels.js';
import { moderationMasks, type ModerationRecord } from './moderationMasks.js';
import { restoreConversation, serializeConversation } from './persistence.js';

/** Milliseconds spent in each stage of the last `update()`. */
export interface StageTimings {
  matrix: number;
  pca: number;
  baseClusters: number;
  groups: number;
  stats: number;
  result: number;
  total: number;
  /** Products of XᵀX used per principal component. */
  pcaProducts: [number, number];
  /** Polis mode: Lloyd steps of the base k-means (at most `baseIterations` + 1; 0 when nothing was clustered). */
  baseSteps?: number;
}

/** Internal state shared with persistence; not part of the public API. */
export interface ConversationInternals {
  store: VoteStore;
  moderation: Map<StatementId, ModerationRecord>;
  tick: number;
  inConv: Uint8Array;
  comps: [Float64Array, Float64Array] | null;
  base: Cluster[] | null;
  clusterings: Map<number, Cluster[]> | null;
  smoother: KSmoother | null;
  shownGroups: { id: number; rows: Int32Array }[];
  previousGroupVotes: { agree: Int32Array; disagree: Int32Array; seen: Int32Array } | null;
  /** Stable mode's previous centres (used by `stableWarmStart`). */
  stable: StableWarmState | null;
  /** The PCA basis kept for folding in (`pcaRefitShare` > 0), else null. */
  basis: PcaBasis | null;
  /** Memory only: rows' unscaled projections in the kept basis and per-base-cluster tallies, rebuilt after a restore. */
  foldRows: FoldRows | null;
  tallies: BucketTallies;
  /** Memory only: what warm updates reuse (buffers, memoised statistics, the previous result's parts). */
  warm: WarmMemory;
}

/** Reused between Polis-mode updates; dropped (recreated empty) whenever an update may not follow the last. */
export interface WarmMemory {
  stats: StatsMemo;
  base: BaseMemory;
  /** Null while the next update cannot build on the last result (first update, or after an error). */
  result: ResultMemory | null;
  /** Per-row buffers, grown by half again when too small; updates use views of their first n entries. */
  voteCounts: Int32Array;
  rowGroup: Int32Array;
  rowBucket: Int32Array;
  /** The last group tallies, updated from the changed bucket cells when the groups are the same. */
  groupSums: GroupSumsMemory;
  /** Each row's group at the last update (position in `groupIndexFor`, −1 for none), for matching group ids. */
  groupIndex: Int32Array;
  /** The shown groups `groupIndex` describes; it applies only while they are the state's (same object). */
  groupIndexFor: ConversationInternals['shownGroups'] | null;
  rows: Int32Array;
  points: Float64Array;
}

function warmMemory(): WarmMemory {
  return { stats: statsMemo(), base: new BaseMemory(), result: null, voteCounts: new Int32Array(0), rowGroup: new Int32Array(0), rowBucket: new Int32Array(0), groupSums: new GroupSumsMemory(), groupIndex: new Int32Array(0), groupIndexFor: null, rows: new Int32Array(0), points: new Float64Array(0) };
}

/**
 * Internal (tests and benchmarks): set to true on a Conversation to make `update()` skip every warm
 * shortcut (reused buffers, memoised statistics, reused result parts), as a reference for them.
 */
export const fullRecompute: unique symbol = Symbol('kuulo.fullRecompute');

// A view of the first n entries of a kept buffer, replacing it by one half again larger when too small.
function ensure<T extends Int32Array | Float64Array>(buffer: T, n: number, make: (size: number) => T): T {
  return buffer.length >= n ? buffer : make(Math.ceil(n * 1.5));
}

/** What a host lends a conversation's math; core itself has no threads. */
export interface ConversationHost {
  /** A second thread for the largest steps (see `MathHelper`): the conversation then keeps its matrix in shared memory. */
  helper?: MathHelper;
}

/**
 * A conversation's votes and math state. Feed votes as they arrive (`addVotes`), call `update()` to
 * recompute Polis's pipeline warm-started from the previous update, read the result.
 *
 * Deviations from Polis are options (see ConversationOptions); Polis's behaviour is available for
 * each. Kuulo additionally keeps the per-k group clusterings and the k smoother in the persisted
 * state, so a restart changes nothing (Polis drops them on restart; see `replay`'s `finalRestart`).
 */
export class Conversation {
  #options: ResolvedOptions;
  /** Timings of the last update (not part of the result, which must be byte-identical across runs). */
  timings: StageTimings | null = null;
  #random: () => number;
  #state: ConversationInternals;
  #result: KuuloResult | null = null;
  /** Column of each statement in the last result (stable mode orders statements canonically); built when first asked for. */
  #resultColumns: Map<StatementId, number> | null = null;

  #helper: MathHelper | null;

  /** `host`: what the host lends the math (a second thread for the largest steps); results are the same without it. */
  constructor(options: ConversationOptions = {}, host: ConversationHost = {}) {
    this.#options = resolveOptions(options);
    this.#random = options.random ?? lcg(this.#options.seed);
    this.#helper = host.helper ?? null;
    this.#state = {
      store: new VoteStore({ helper: this.#helper }),
      moderation: new Map(),
      tick: 0,
      inConv: new Uint8Array(0),
      comps: null,
      base: null,
      clusterings: null,
      smoother: null,
      shownGroups: [],
      previousGroupVotes: null,
      stable: null,
      basis: null,
      foldRows: null,
      tallies: new BucketTallies(),
      warm: warmMemory(),
    };
  }

  /** @internal True turns every warm shortcut off (the exported `fullRecompute` symbol; tests and benchmarks only). */
  [fullRecompute] = false;

  /** Restores a conversation saved with `serialize()`; the next update continues exactly. */
  static restore(state: ConversationState, options: Pick<ConversationOptions, 'random'> = {}): Conversation {
    const conversation = new Conversation({ ...state.options, ...options });
    restoreConversation(conversation.#state, state);
    return conversation;
  }

  /** The options in force (defaults filled in). */
  get options(): ResolvedOptions {
    return this.#options;
  }

  /**
   * Changes options from the next update on (replay's `polisEra` moves between Polis's code eras this
   * way). `seed`, `random` and `mode` are fixed at construction, since the state depends on them.
   */
  setOptions(changes: Omit<ConversationOptions, 'seed' | 'random' | 'mode'>): void {
    for (const key of ['seed', 'random', 'mode']) {
      if (key in changes) throw new TypeError(`setOptions cannot change ${key}: it is fixed when the conversation is created`);
    }
    this.#options = resolveOptions({ ...this.#options, ...changes });
    this.#state.warm.result = null;
  }

  /** Participant ids in row order. */
  get participants(): readonly ParticipantId[] {
    return this.#state.store.participantIds;
  }

  /** Statement ids (with at least one vote) in column order. */
  get statements(): readonly StatementId[] {
    return this.#state.store.statementIds;
  }

  /**
   * The votes held, in Polis's internal sign (agree = −1), rows and columns in `participants` and
   * `statements` order. Views on the store: read them before the next `addVotes`, and copy to keep.
   */
  voteMatrix(): { participants: readonly ParticipantId[]; statements: readonly StatementId[]; matrix: CsrMatrix } {
    const matrix = this.#state.store.matrix();
    return { participants: this.#state.store.participantIds, statements: this.#state.store.statementIds, matrix };
  }

  /** The result of the last update, or null before the first. */
  get result(): KuuloResult | null {
    return this.#result;
  }

  /** Sets moderation state (latest call wins per statement). Takes effect at the next update. */
  moderate(moderation: readonly StatementModeration[]): void {
    moderation.forEach((m, i) => {
      const ok = (typeof m?.statement === 'number' && Number.isFinite(m.statement)) || (typeof m?.statement === 'string' && m.statement !== '');
      if (!ok) throw new TypeError(`moderation[${i}].statement: expected a string or finite number, got ${JSON.stringify(m?.statement)}`);
      if (m.moderation !== undefined && m.moderation !== -1 && m.moderation !== 0 && m.moderation !== 1) {
        throw new TypeError(`moderation[${i}].moderation: expected -1, 0 or 1, got ${JSON.stringify(m.moderation)}`);
      }
    });
    for (const m of moderation) this.#state.moderation.set(m.statement, { moderation: m.moderation ?? 0, isMeta: m.isMeta ?? false });
  }

  /**
   * Fixes row and column order ahead of the votes: ids not seen yet are appended in the given order
   * (rows and columns otherwise follow first appearance). Lets a caller get Polis's reload order
   * without sorting the votes themselves.
   */
  reserveIds(ids: { participants?: readonly ParticipantId[]; statements?: readonly StatementId[] }): void {
    const check = (list: readonly (string | number)[] | undefined, field: string) =>
      list?.forEach((id, i) => {
        const ok = (typeof id === 'number' && Number.isFinite(id)) || (typeof id === 'string' && id !== '');
        if (!ok) throw new TypeError(`reserveIds: ${field}[${i}] must be a string or finite number, got ${JSON.stringify(id)}`);
      });
    check(ids.participants, 'participants');
    check(ids.statements, 'statements');
    for (const id of ids.participants ?? []) this.#state.store.participants.intern(id);
    for (const id of ids.statements ?? []) this.#state.store.statements.intern(id);
  }

  /** Adds votes (public sign, agree = +1). A bad vote rejects the whole batch. */
  addVotes(votes: readonly Vote[]): void {
    this.#state.store.add(votes);
  }

  /**
   * Adds votes given as columns (fast path for bulk loads). With `adopt: true` the conversation takes
   * the typed arrays over and rewrites them in place instead of copying them, and with `keepTimes:
   * false` may also drop times that cannot matter (see `VoteStore.addColumns`): do not read the arrays
   * afterwards. A list of column sets is one batch, as if concatenated.
   */
  addVoteColumns(columns: VoteColumns | readonly VoteColumns[], options: AddColumnsOptions = {}): void {
    this.#state.store.addColumns(columns, options);
  }

  /** Saves the whole state (votes included unless `votes: false`) as a JSON-safe object. */
  serialize(options: { votes?: boolean } = {}): ConversationState {
    return serializeConversation(this.#state, this.options, options.votes ?? true);
  }

  /**
   * Picks the next statement for a participant: a priority-weighted draw (Polis §14.2) among
   * `candidates` the participant has not voted on. Statements without a priority weigh 1.
   */
  nextStatement(participant: ParticipantId, candidates: readonly StatementId[], random: () => number = this.#random): StatementId | null {
    const { store } = this.#state;
    const matrix = store.matrix();
    const row = store.participants.get(participant);
    const voted = new Set<number>();
    if (row >= 0 && row < matrix.nRows) for (let p = matrix.rowPtr[row]!; p < matrix.rowPtr[row + 1]!; p++) voted.add(matrix.colIdx[p]!);
    const open = candidates.filter((id) => !voted.has(store.statements.get(id)));
    const priorities = this.#result?.priorities;
    return pickNextStatement(open, (id) => {
      this.#resultColumns ??= new Map(this.#result?.statements.map((sid, c) => [sid, c]));
      const col = this.#resultColumns.get(id) ?? -1;
      return priorities && col >= 0 && col < priorities.length ? priorities[col] : undefined;
    }, random);
  }

  /**
   * Recomputes the math from all votes so far: in Polis mode warm-started from the previous update, in
   * stable mode from the current votes alone (see `stableUpdate`). Only what the new votes touch is
   * recomputed, so consecutive results share the arrays that did not change: treat a result as
   * read-only (copy what you change).
   */
  update(): KuuloResult {
    const s = this.#state;
    const o = this.options;
    if (o.mode === 'stable') {
      const { result, timings } = stableUpdate(s, o);
      if (this.#helper) dropScratch(this.#helper);
      s.store.takeChanges(); // stable mode recomputes from all votes; drop the change log
      this.timings = timings;
      return this.#setResult(result);
    }
    const t0 = performance.now();
    const matrix = s.store.matrix();
    // Cells changed since the last update (null when not tracked, e.g. after a bulk load): warm work is limited to them.
    const changes = s.store.takeChanges();
    const { nRows: n, nCols: m } = matrix;
    const exact = this[fullRecompute];
    if (exact) s.warm = warmMemory();
    const w = s.warm;
    // Taken now and given back only when the update completes, so a failed update leaves nothing half-valid.
    const resultMemory = exact ? null : (w.result ?? new ResultMemory());
    w.result = null;
    const columns = s.store.statementIds;
    const masks = moderationMasks(columns, s.moderation, o.strictModeration && o.strictExcludesUnmoderated);
    w.voteCounts = ensure(w.voteCounts, n, (size) => new Int32Array(size));
    const voteCounts = w.voteCounts.subarray(0, n);
    rowLengths(matrix.rowPtr, voteCounts);
    if (s.inConv.length < n) {
      const grown = new Uint8Array(n);
      grown.set(s.inConv);
      s.inConv = grown;
    }
    const inConvCounts = o.inConvCountsModeratedOut ? countingModeratedOut(matrix, voteCounts, masks.modOut) : voteCounts;
    updateInConv(s.inConv, inConvCounts, m, s.store.participantIds, { threshold: o.inConvThreshold, minimum: o.inConvMinimum });
    const t1 = performance.now();

    const { geometry, projection, rescaled } = this.#geometry(matrix, masks.modOut, changes, !exact);
    // Memory a cold load left for the PCA's vote segments is not kept past it.
    if (this.#helper) dropScratch(this.#helper);
    const t2 = performance.now();

    // Base clusters over the clustered participants, in row order (Polis's order).
    const nIn = countSet(s.inConv, n);
    w.rows = ensure(w.rows, nIn, (size) => new Int32Array(size));
    w.points = ensure(w.points, 2 * nIn, (size) => new Float64Array(size));
    const rows = w.rows.subarray(0, nIn);
    const points = w.points.subarray(0, 2 * nIn);
    clusteredPoints(s.inConv, projection, rows, points);
    const baseStats = { steps: 0 };
    const baseOptions = { k: o.baseK, maxIterations: o.baseIterations, stats: baseStats, helper: this.#helper };
    const base = nIn === 0 ? [] : exact ? baseClusters(points, rows, s.base, baseOptions) : baseClustersWarm(points, rows, s.base, baseOptions, w.base);
    s.base = base;
    const t3 = performance.now();

    let groups: Cluster[] = [];
    const silhouettes = new Map<number, number>();
    let k = { best: 0, chosen: 0 };
    if (base.length > 0) {
      const clusterings = groupClusterings(base, s.clusterings, { maxK: o.maxK, maxIterations: o.groupIterations });
      s.clusterings = clusterings;
      for (const [kk, clustering] of clusterings) silhouettes.set(kk, silhouette(base, clustering));
      const choice = chooseK(silhouettes, s.smoother, o.groupKBuffer);
      s.smoother = choice.smoother;
      k = { best: choice.best, chosen: choice.chosen };
      groups = clusterings.get(choice.chosen) ?? [];
    }
    const shown = this.#showGroups(groups, base);
    const t4 = performance.now();

    // Group and base-cluster membership per row, for the tallies.
    w.rowGroup = ensure(w.rowGroup, n, (size) => new Int32Array(size));
    const rowGroup = w.rowGroup.subarray(0, n).fill(-1);
    for (let gi = 0; gi < shown.length; gi++) fillAt(rowGroup, shown[gi]!.rows, gi);
    if (!exact) {
      // Kept for the next update's group matching (the buffer above is reused and may be replaced).
      if (w.groupIndex.length < n) w.groupIndex = new Int32Array(Math.ceil(n * 1.5));
      w.groupIndex.set(rowGroup);
      w.groupIndex.fill(-1, n);
      w.groupIndexFor = s.shownGroups;
    }
    w.rowBucket = ensure(w.rowBucket, n, (size) => new Int32Array(size));
    const levels = tallyLevels(s.tallies, matrix, base, shown, changes, w.rowBucket, exact ? null : w.groupSums, this.#helper);
    const { groupTallies, allTallies } = levels;
    const numerics = { zThreshold: o.zThreshold, polisNumerics: o.polisNumerics };
    const memo = exact ? { repness: null, consensus: null, priorities: null } : w.stats;
    const groupRepness = repness(groupTallies, masks.modOut, { ...numerics, repnessPerGroup: o.repnessPerGroup, memo: memo.repness });
    const overall = consensus(allTallies, masks.modOut, { ...numerics, consensusPerSide: o.consensusPerSide, memo: memo.consensus });
    const gac = groupAwareConsensus(groupTallies, { polisNumerics: o.polisNumerics });
    const current = sumGroups(groupTallies);
    const previousVotes = o.priorityVotes === 'current' ? current : s.previousGroupVotes;
    const priorities = commentPriorities(previousVotes && alignedTallies(previousVotes, m), geometry.statementExtremity, masks.meta, { polisNumerics: o.polisNumerics, memo: memo.priorities });
    s.previousGroupVotes = current;
    s.tick++;
    const t5 = performance.now();

    const result = buildResult({
      options: o,
      tick: s.tick,
      store: s.store,
      moderation: s.moderation,
      masks,
      voteCounts,
      inConv: s.inConv,
      geometry,
      projection,
      // The rows folded in are the new ones and those with changed votes: also every row whose vote count changed.
      rowsChanged: rescaled,
      base,
      shown,
      rowGroup,
      k: { ...k, silhouettes },
      groupTallies,
      levels,
      repness: groupRepness,
      consensus: overall,
      groupAwareConsensus: gac,
      priorities,
    }, resultMemory);
    // Set on the result, not spread into a copy: a spread would read (build) every lazily built array.
    if (o.bridging === 'on') result.bridging = resultBridging(matrix, masks.modOut, o.seed);
    const t6 = performance.now();
    this.timings = { matrix: t1 - t0, pca: t2 - t1, baseClusters: t3 - t2, groups: t4 - t3, stats: t5 - t4, result: t6 - t5, total: t6 - t0, pcaProducts: geometry.products, baseSteps: baseStats.steps };
    w.result = resultMemory;
    return this.#setResult(result);
  }

  // Components and projections: the kept basis when folding in is allowed and still fits, else a warm-started refit.
  // `rescaled`: the rows whose projection was recomputed (folded in), the rest as at the last update; null when every row's may have changed.
  #geometry(matrix: CsrMatrix, modOut: Uint8Array, changes: CellChanges | null, keep: boolean): { geometry: PcaResult; projection: Float64Array; rescaled: Int32Array | null } {
    const s = this.#state;
    const o = this.options;
    const toDouble = o.polisNumerics ? ratioToDouble : (sum: number, count: number) => sum / count;
    // Folding in keeps mean-imputed rows; zero imputation recentres every row, so it refits at every update.
    const share = o.pcaImputation === 'zero' ? 0 : refitShare(o.pcaRefitShare, matrix.nRows, matrix.nCols);
    const folded = foldIn(s.basis, s.foldRows, matrix, modOut, changes, share, toDouble, keep);
    if (folded) {
      s.foldRows = folded.rows;
      s.comps = folded.geometry.comps;
      return folded;
    }
    const geometry = pca(matrix, modOut, { iterations: o.pcaIterations, tolerance: o.pcaTolerance, coldStart: o.pcaColdStart, solver: o.pcaSolver, random: this.#random, toDouble, imputation: o.pcaImputation, helper: this.#helper }, s.comps);
    s.comps = geometry.comps;
    if (share <= 0) {
      s.basis = null; // none is kept while every update refits (e.g. restored with a share of 0)
      s.foldRows = null;
      return { geometry, projection: projectParticipants(matrix, geometry.center, geometry.comps, modOut, this.#helper), rescaled: null };
    }
    // Folding in keeps the basis and each row's unscaled projection (the same numbers projectParticipants scales).
    s.basis = { center: geometry.center, comps: geometry.comps, modOut: modOut.slice(), changedSinceFit: 0 };
    s.foldRows = foldRows(s.basis, matrix, this.#helper);
    let nModOut = 0;
    for (const x of modOut) nModOut += x;
    return { geometry, projection: scaleRowDots(s.foldRows.dots, s.foldRows.voted, matrix.nRows, matrix.nCols, nModOut), rescaled: null };
  }

  #setResult(result: KuuloResult): KuuloResult {
    this.#result = result;
    this.#resultColumns = null;
    return result;
  }

  // Groups with their participants' rows, relabelled to the previous ids when `groupIds` is 'match'.
  #showGroups(groups: readonly Cluster[], base: readonly Cluster[]): { id: number; baseIds: number[]; center: [number, number]; rows: Int32Array }[] {
    const membersOf = new Map(base.map((b) => [b.id, b.members]));
    const withRows = groups.map((g) => ({
      id: g.id,
      baseIds: [...g.members].sort((a, b) => a - b),
      center: g.center,
      rows: concatRows(g.members.map((b) => membersOf.get(b) ?? [])),
    }));
    const s = this.#state;
    if (this.options.groupIds === 'match' && s.shownGroups.length > 0) {
      const current = withRows.map((g) => ({ id: g.id, participants: g.rows }));
      const previous = s.shownGroups.map((g) => ({ id: g.id, participants: g.rows }));
      const w = s.warm;
      const relabel = w.groupIndexFor === s.shownGroups && !this[fullRecompute] ? matchGroupIdsIndexed(current, previous, w.groupIndex) : matchGroupIds(current, previous);
      for (const g of withRows) g.id = relabel.get(g.id) ?? g.id;
    }
    withRows.sort((a, b) => a.id - b.id);
    s.shownGroups = withRows.map((g) => ({ id: g.id, rows: g.rows }));
    return withRows;
  }
}

// The hot per-row loops of update() live in small functions of their own, which the JIT optimises early.

// out[r] = the number of entries of CSR row r.
function rowLengths(rowPtr: Int32Array, out: Int32Array): void {
  for (let r = 0; r < out.length; r++) out[r] = rowPtr[r + 1]! - rowPtr[r]!;
}

// Number of non-zero flags among the first n.
function countSet(flags: Uint8Array, n: number): number {
  let count = 0;
  for (let r = 0; r < n; r++) count += flags[r]!;
  return count;
}

// The clustered rows in row order and their projections (rows and points sized to the clustered count).
function clusteredPoints(inConv: Uint8Array, projection: Float64Array, rows: Int32Array, points: Float64Array): void {
  for (let r = 0, i = 0; i < rows.length; r++) {
    if (!inConv[r]) continue;
    rows[i] = r;
    points[2 * i] = projection[2 * r]!;
    points[2 * i + 1] = projection[2 * r + 1]!;
    i++;
  }
}

// out[at[i]] = value for every i.
function fillAt(out: Int32Array, at: Int32Array, value: number): void {
  for (let i = 0; i < at.length; i++) out[at[i]!] = value;
}

// Votes as Polis counted them 2017-02-27 to about 2019: every zeroed (moderated-out or meta) column is a vote of every row.
function countingModeratedOut(matrix: CsrMatrix, voteCounts: Int32Array, modOut: Uint8Array): Int32Array {
  let nModOut = 0;
  for (const x of modOut) nModOut += x;
  const counts = Int32Array.from(voteCounts, (n) => n + nModOut);
  const { rowPtr, colIdx } = matrix;
  for (let r = 0; r < matrix.nRows; r++) for (let p = rowPtr[r]!; p < rowPtr[r + 1]!; p++) if (modOut[colIdx[p]!]) counts[r]!--;
  return counts;
}

// The rows of several base clusters in one typed array (flatMap would build a 100k-entry array first).
function concatRows(lists: readonly (readonly number[])[]): Int32Array {
  let total = 0;
  for (const list of lists) total += list.length;
  const rows = new Int32Array(total);
  let at = 0;
  for (const list of lists) for (let i = 0; i < list.length; i++) rows[at++] = list[i]!;
  return rows;
}

function sumGroups(t: Tallies): { agree: Int32Array; disagree: Int32Array; seen: Int32Array } {
  const agree = new Int32Array(t.nCols);
  const disagree = new Int32Array(t.nCols);
  const seen = new Int32Array(t.nCols);
  for (let g = 0; g < t.nGroups; g++) {
    for (let c = 0; c < t.nCols; c++) {
      agree[c]! += t.agree[g * t.nCols + c]!;
      disagree[c]! += t.disagree[g * t.nCols + c]!;
      seen[c]! += t.seen[g * t.nCols + c]!;
    }
  }
  return { agree, disagree, seen };
}

// Previous sums padded with zeros for statements that are new since (columns only append).
function alignedTallies(sums: { agree: Int32Array; disagree: Int32Array; seen: Int32Array }, nCols: number): Tallies {
  const pad = (a: Int32Array) => {
    const out = new Int32Array(nCols);
    out.set(a.subarray(0, nCols));
    return out;
  };
  return { nGroups: 1, nCols, agree: pad(sums.agree), disagree: pad(sums.disagree), seen: pad(sums.seen) };
}
