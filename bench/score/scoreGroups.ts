import { adjustedRandIndex } from '../../packages/core/src/stats/adjustedRandIndex.js';
import type { ReferenceGroups } from '../data/readPolisExport.js';

export interface GroupScore {
  /** Adjusted Rand index over participants grouped on both sides. */
  ari: number;
  /** Participants grouped on both sides (the items the ARI compares). */
  compared: number;
  /** Share of the reference's grouped participants that the method grouped too. */
  coverage: number;
}

/**
 * Score a grouping (`labels[i]` for participant `participants[i]`, null/−1 = not grouped) against
 * reference groups, matching participants by id.
 */
export function scoreGroups(participants: ArrayLike<number | string>, labels: ArrayLike<number | null>, reference: ReferenceGroups): GroupScore {
  const referenceGroup = new Map<number, number>();
  let referenced = 0;
  for (let i = 0; i < reference.participant.length; i++) {
    referenceGroup.set(reference.participant[i]!, reference.group[i]!);
    if (reference.group[i]! >= 0) referenced++;
  }
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < participants.length; i++) {
    const label = labels[i];
    const truth = referenceGroup.get(Number(participants[i]));
    if (label === null || label === undefined || label < 0 || truth === undefined || truth < 0) continue;
    a.push(label);
    b.push(truth);
  }
  return { ari: adjustedRandIndex(a, b), compared: a.length, coverage: referenced === 0 ? 0 : a.length / referenced };
}
