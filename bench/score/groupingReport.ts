import { adjustedRandIndex } from '../../packages/core/src/stats/adjustedRandIndex.js';
import type { ReferenceGroups } from '../data/readPolisExport.js';
import { round } from './median.js';
import { confusionMatrix, type Confusion } from './confusionMatrix.js';
import { scoreByVoteCount, type BucketScore } from './scoreByVoteCount.js';
import { scoreGroups, type GroupScore } from './scoreGroups.js';

/** A method's grouping of the participants it saw, aligned arrays, plus how it chose k. */
export interface Grouping {
  participants: ArrayLike<number | string>;
  /** Group id per participant, null when not grouped. */
  groups: ArrayLike<number | null>;
  /** Votes per participant, passes included. */
  voteCounts: ArrayLike<number>;
  /** Group ids in the method's order. */
  groupIds: number[];
  /** k shown, best k this update, silhouette per k. */
  k: { chosen: number; best: number; silhouettes: Record<string, number> };
}

export interface GroupingReport extends GroupScore {
  /** ARI of the oracle's labels on the same participants (synthetic input only), else null. */
  ari_oracle: number | null;
  /** Number of groups: the reference's, the one shown, the best this update, and the silhouettes. */
  k: { reference: number; found: number; best: number; silhouettes: Record<string, number> };
  ari_by_votes: BucketScore[];
  confusion: Confusion;
}

/**
 * Everything the bench says about a grouping against reference groups: the overall ARI, the ARI per
 * votes-per-participant bucket, k found against the reference k, and the confusion matrix. With
 * `oracle` (label per participant id) it also scores the oracle on the same participants, so a reader
 * sees how much of the error any method would make on these votes.
 */
export function groupingReport(grouping: Grouping, reference: ReferenceGroups, oracle: Int32Array | null = null): GroupingReport {
  const score = scoreGroups(grouping.participants, grouping.groups, reference);
  let oracleAri: number | null = null;
  if (oracle) {
    const referenceGroup = new Map<number, number>();
    for (let i = 0; i < reference.participant.length; i++) referenceGroup.set(reference.participant[i]!, reference.group[i]!);
    const guessed: number[] = [];
    const truth: number[] = [];
    for (let i = 0; i < grouping.participants.length; i++) {
      const label = grouping.groups[i];
      const id = Number(grouping.participants[i]);
      const t = referenceGroup.get(id);
      if (label === null || label === undefined || label < 0 || t === undefined || t < 0) continue;
      guessed.push(oracle[id]!);
      truth.push(t);
    }
    oracleAri = adjustedRandIndex(guessed, truth);
  }
  const buckets = scoreByVoteCount(grouping.participants, grouping.groups, grouping.voteCounts, reference, oracle);
  return {
    ...score,
    ari_oracle: oracleAri,
    k: {
      reference: reference.k,
      found: grouping.k.chosen,
      best: grouping.k.best,
      silhouettes: Object.fromEntries(Object.entries(grouping.k.silhouettes).map(([k, s]) => [k, round(s, 4)])),
    },
    ari_by_votes: buckets.map((b) => ({ ...b, ari: b.ari === null ? null : round(b.ari, 4), ari_oracle: b.ari_oracle === null ? null : round(b.ari_oracle, 4) })),
    confusion: confusionMatrix(grouping.participants, grouping.groups, grouping.groupIds, reference),
  };
}
