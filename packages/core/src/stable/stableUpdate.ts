import type { Cluster } from '../cluster/cluster.js';
import { matchGroupIds } from '../cluster/matchGroupIds.js';
import { resultBridging } from '../bridging/resultBridging.js';
import { buildResult } from '../conversation/buildResult.js';
import type { ConversationInternals, StageTimings } from '../conversation/conversation.js';
import { moderationMasks } from '../conversation/moderationMasks.js';
import type { ResolvedOptions } from '../options.js';
import { commentPriorities } from '../stats/commentPriorities.js';
import { consensus } from '../stats/consensus.js';
import { groupAwareConsensus } from '../stats/groupAwareConsensus.js';
import { repness } from '../stats/repness.js';
import { tallyRows } from '../stats/tallies.js';
import type { KuuloResult } from '../types.js';
import { canonicalOrder } from './canonicalOrder.js';
import { permuteMatrix } from './permuteMatrix.js';
import { stableGeometry } from './stableGeometry.js';
import { stableGroups } from './stableGroups.js';
import { stableInConv } from './stableInConv.js';

type ShownGroup = { id: number; baseIds: number[]; center: [number, number]; rows: Int32Array };

/**
 * One update in stable mode: the whole pipeline on the current votes in canonical order (participants
 * and statements sorted by id), every random draw from generators seeded by `options.seed` alone, no k
 * smoother and priorities from the current groups. The result lists participants and statements in
 * canonical order, so the same votes give the same result whatever order they arrived in; only `tick`,
 * and group ids under `groupIds: 'match'` (kept with the same people), reflect the update history.
 * Also writes the conversation state (in store order) so that it persists and restores as in Polis mode.
 */
export function stableUpdate(s: ConversationInternals, o: ResolvedOptions): { result: KuuloResult; timings: StageTimings } {
  const t0 = performance.now();
  const rowOrder = canonicalOrder(s.store.participantIds);
  const colOrder = canonicalOrder(s.store.statementIds);
  const matrix = permuteMatrix(s.store.matrix(), rowOrder, colOrder);
  const { nRows: n, nCols: m } = matrix;
  const participantIds = Array.from(rowOrder, (r) => s.store.participantIds[r]!);
  const statementIds = Array.from(colOrder, (c) => s.store.statementIds[c]!);
  const masks = moderationMasks(statementIds, s.moderation, o.strictModeration && o.strictExcludesUnmoderated);
  const voteCounts = new Int32Array(n);
  for (let r = 0; r < n; r++) voteCounts[r] = matrix.rowPtr[r + 1]! - matrix.rowPtr[r]!;
  const inConv = stableInConv(voteCounts, m, { threshold: o.inConvThreshold, minimum: o.inConvMinimum });
  s.inConv = new Uint8Array(n);
  for (let k = 0; k < n; k++) s.inConv[rowOrder[k]!] = inConv[k]!;
  const t1 = performance.now();

  const { geometry, projection } = stableGeometry(matrix, masks.modOut, o);
  s.comps = [toStoreOrder(geometry.comps[0], colOrder), toStoreOrder(geometry.comps[1], colOrder)];
  const t2 = performance.now();

  let nIn = 0;
  for (let r = 0; r < n; r++) nIn += inConv[r]!;
  const rows = new Int32Array(nIn);
  const points = new Float64Array(2 * nIn);
  for (let r = 0, i = 0; r < n; r++) {
    if (!inConv[r]) continue;
    rows[i] = r;
    points[2 * i] = projection[2 * r]!;
    points[2 * i + 1] = projection[2 * r + 1]!;
    i++;
  }
  const found = stableGroups(points, rows, o, s.stable);
  s.stable = found.warm;
  // Polis-mode state: base clusters kept (members as store rows); group lineage and smoother reset.
  s.base = found.base.map((b) => ({ id: b.id, members: b.members.map((r) => rowOrder[r]!), center: b.center }));
  s.clusterings = null;
  s.smoother = null;
  const t3 = performance.now();
  const shown = showGroups(s, o, found.groups, found.base, rowOrder);
  const t4 = performance.now();

  const rowGroup = new Int32Array(n).fill(-1);
  shown.forEach((g, gi) => g.rows.forEach((r) => (rowGroup[r] = gi)));
  const rowBase = new Int32Array(n).fill(-1);
  found.base.forEach((b, bi) => b.members.forEach((r) => (rowBase[r] = bi)));
  const groupTallies = tallyRows(matrix, rowGroup, shown.length);
  const numerics = { zThreshold: o.zThreshold, polisNumerics: o.polisNumerics };
  // Everyone in a group, summed: what priorities read (Polis sums group-votes over the groups).
  const current = tallyRows(matrix, rowGroup.map((g) => (g < 0 ? -1 : 0)), 1);
  s.previousGroupVotes = { agree: toStoreOrder(current.agree, colOrder), disagree: toStoreOrder(current.disagree, colOrder), seen: toStoreOrder(current.seen, colOrder) };
  s.tick++;
  const bridging = o.bridging === 'off' ? undefined : resultBridging(matrix, masks.modOut, o.seed);
  const t5 = performance.now();

  const result: KuuloResult = {
    ...buildResult({
      options: o,
      tick: s.tick,
      store: { participantIds, statementIds, lastVoteTime: s.store.lastVoteTime },
      moderation: s.moderation,
      masks,
      voteCounts,
      inConv,
      geometry,
      projection,
      base: found.base,
      shown,
      rowGroup,
      k: found.k,
      groupTallies,
      baseTallies: tallyRows(matrix, rowBase, found.base.length),
      repness: repness(groupTallies, masks.modOut, { ...numerics, repnessPerGroup: o.repnessPerGroup }),
      consensus: consensus(tallyRows(matrix, new Int32Array(n), 1), masks.modOut, { ...numerics, consensusPerSide: o.consensusPerSide }),
      groupAwareConsensus: groupAwareConsensus(groupTallies, { polisNumerics: o.polisNumerics }),
      // The current groups: Polis's one-update lag would make priorities depend on the history.
      priorities: commentPriorities(current, geometry.statementExtremity, masks.meta, { polisNumerics: o.polisNumerics }),
    }),
    ...(bridging && { bridging }),
    stable: found.info,
  };
  const t6 = performance.now();
  return {
    result,
    timings: { matrix: t1 - t0, pca: t2 - t1, baseClusters: t3 - t2, groups: t4 - t3, stats: t5 - t4, result: t6 - t5, total: t6 - t0, pcaProducts: geometry.products },
  };
}

// Groups with their rows (canonical); under 'match' relabelled to the previous ids of the same people.
function showGroups(s: ConversationInternals, o: ResolvedOptions, groups: readonly Cluster[], base: readonly Cluster[], rowOrder: Int32Array): ShownGroup[] {
  const membersOf = new Map(base.map((b) => [b.id, b.members]));
  const shown = groups.map((g) => ({
    id: g.id,
    baseIds: [...g.members].sort((a, b) => a - b),
    center: g.center,
    rows: Int32Array.from(g.members.flatMap((b) => membersOf.get(b) ?? [])),
  }));
  // Store rows never move, unlike canonical rows, so they identify people across updates.
  const storeRows = (rows: Int32Array) => Int32Array.from(rows, (r) => rowOrder[r]!);
  if (o.groupIds === 'match' && s.shownGroups.length > 0) {
    const relabel = matchGroupIds(
      shown.map((g) => ({ id: g.id, participants: storeRows(g.rows) })),
      s.shownGroups.map((g) => ({ id: g.id, participants: g.rows })),
    );
    for (const g of shown) g.id = relabel.get(g.id) ?? g.id;
    shown.sort((a, b) => a.id - b.id);
  }
  s.shownGroups = shown.map((g) => ({ id: g.id, rows: storeRows(g.rows) }));
  return shown;
}

/** Values in canonical column order rearranged into store column order. */
function toStoreOrder<T extends Float64Array | Int32Array>(values: T, colOrder: Int32Array): T {
  const out = new (values.constructor as new (n: number) => T)(values.length);
  for (let k = 0; k < colOrder.length; k++) out[colOrder[k]!] = values[k]!;
  return out;
}
