import { adjustedRandIndex } from '../../packages/core/src/stats/adjustedRandIndex.js';
import type { ReferenceGroups } from '../data/readPolisExport.js';

/**
 * Votes-per-participant buckets for the ARI breakdown. Below 7 votes Polis and Kuulo leave people
 * ungrouped (the in-conv threshold), so that bucket mostly says how many were left out.
 */
export const voteCountBuckets: readonly { name: string; min: number; max: number }[] = [
  { name: '1-6', min: 1, max: 6 },
  { name: '7-10', min: 7, max: 10 },
  { name: '11-20', min: 11, max: 20 },
  { name: '21-50', min: 21, max: 50 },
  { name: '51+', min: 51, max: Number.POSITIVE_INFINITY },
];

export interface BucketScore {
  /** Bucket name: votes per participant, passes included (as the in-conv threshold counts them). */
  votes: string;
  /** Participants with a reference group in this bucket. */
  participants: number;
  /** Of those, how many the method grouped: the ARI compares these. */
  grouped: number;
  /** ARI over the grouped ones; null when fewer than 2 were grouped. */
  ari: number | null;
  /** ARI of the oracle's labels over the same participants (synthetic input only), else null. */
  ari_oracle: number | null;
}

/**
 * ARI against reference groups per votes-per-participant bucket. `participants[i]` has label
 * `labels[i]` (null/−1 = not grouped) and cast `voteCounts[i]` votes; `oracle[id]`, when given, is
 * the oracle's label of participant id, scored on the same participants as the method.
 */
export function scoreByVoteCount(
  participants: ArrayLike<number | string>,
  labels: ArrayLike<number | null>,
  voteCounts: ArrayLike<number>,
  reference: ReferenceGroups,
  oracle: Int32Array | null = null,
): BucketScore[] {
  const referenceGroup = new Map<number, number>();
  for (let i = 0; i < reference.participant.length; i++) referenceGroup.set(reference.participant[i]!, reference.group[i]!);
  return voteCountBuckets.map((bucket) => {
    const found: number[] = [];
    const truth: number[] = [];
    const guessed: number[] = [];
    let members = 0;
    for (let i = 0; i < participants.length; i++) {
      const count = voteCounts[i]!;
      if (count < bucket.min || count > bucket.max) continue;
      const id = Number(participants[i]);
      const t = referenceGroup.get(id);
      if (t === undefined || t < 0) continue;
      members++;
      const label = labels[i];
      if (label === null || label === undefined || label < 0) continue;
      found.push(label);
      truth.push(t);
      if (oracle) guessed.push(oracle[id]!);
    }
    const enough = found.length >= 2;
    return {
      votes: bucket.name,
      participants: members,
      grouped: found.length,
      ari: enough ? adjustedRandIndex(found, truth) : null,
      ari_oracle: enough && oracle ? adjustedRandIndex(guessed, truth) : null,
    };
  });
}
