import type { ReferenceGroups } from '../data/readPolisExport.js';

export interface Confusion {
  /** Reference group ids, ascending: the rows. */
  reference: number[];
  /** Found group ids in the order the method lists them: the columns. */
  found: number[];
  /** counts[r][f]: participants of reference group r placed in found group f. */
  counts: number[][];
  /** Per reference group: participants the method left ungrouped. */
  ungrouped: number[];
}

/**
 * Reference groups × found groups. Shows whether the error is the number of groups (a planted group
 * split over two columns, or two planted groups sharing one) or the assignment (off-diagonal spread).
 * Participants without a reference group are left out.
 */
export function confusionMatrix(
  participants: ArrayLike<number | string>,
  labels: ArrayLike<number | null>,
  foundIds: readonly number[],
  reference: ReferenceGroups,
): Confusion {
  const referenceGroup = new Map<number, number>();
  for (let i = 0; i < reference.participant.length; i++) referenceGroup.set(reference.participant[i]!, reference.group[i]!);
  const rows = [...new Set(reference.group)].filter((g) => g >= 0).sort((a, b) => a - b);
  const rowOf = new Map(rows.map((g, r) => [g, r]));
  const columnOf = new Map(foundIds.map((g, c) => [g, c]));
  const counts = rows.map(() => new Array<number>(foundIds.length).fill(0));
  const ungrouped = rows.map(() => 0);
  for (let i = 0; i < participants.length; i++) {
    const t = referenceGroup.get(Number(participants[i]));
    if (t === undefined || t < 0) continue;
    const r = rowOf.get(t)!;
    const label = labels[i];
    const c = label === null || label === undefined ? undefined : columnOf.get(label);
    if (c === undefined) ungrouped[r]!++;
    else counts[r]![c]!++;
  }
  return { reference: rows, found: [...foundIds], counts, ungrouped };
}
