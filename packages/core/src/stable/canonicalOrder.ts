import type { ParticipantId, StatementId } from '../types.js';
import { compareIds } from './compareIds.js';

/**
 * The permutation that sorts `ids` canonically ({@link compareIds}): `order[k]` is the index in `ids` of
 * the k-th smallest id. Ids are unique, so the order depends on the set of ids alone, not on arrival.
 */
export function canonicalOrder(ids: readonly (ParticipantId | StatementId)[]): Int32Array {
  const n = ids.length;
  const order = new Int32Array(n);
  let numeric = true;
  for (let i = 0; i < n; i++) {
    order[i] = i;
    if (typeof ids[i] !== 'number') numeric = false;
  }
  if (numeric) {
    // All numbers: sort the keys directly, far faster than a comparator.
    const keys = Float64Array.from(ids as number[]);
    return order.sort((i, j) => keys[i]! - keys[j]!);
  }
  return order.sort((i, j) => compareIds(ids[i]!, ids[j]!));
}
