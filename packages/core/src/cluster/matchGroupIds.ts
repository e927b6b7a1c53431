/** A group reduced to what relabelling needs: its id and its participants (any numeric participant key). */
export interface GroupMembers {
  id: number;
  participants: ArrayLike<number>;
}

/**
 * Kuulo's `groupIds: 'match'` (not in Polis): gives each new group the id of the previous group it shares
 * the most participants with, choosing the pairing that maximises the total shared participants (an optimal
 * assignment, Hungarian algorithm). Groups that share no one with an unclaimed previous group get the
 * smallest non-negative ids not already taken, in id order. Equally good pairings are broken
 * deterministically (groups taken in id order). Returns current id → new id.
 */
export function matchGroupIds(current: readonly GroupMembers[], previous: readonly GroupMembers[]): Map<number, number> {
  return matchWithIndex(current, previous, null);
}

/**
 * matchGroupIds given the previous groups' index already: `groupOf[key]` is the position of the key's previous
 * group among `previous` sorted by id, or −1 (keys past its end are in none). Spares building it from the
 * previous groups' participants when the caller keeps it anyway (a warm update's row → group array).
 */
export function matchGroupIdsIndexed(current: readonly GroupMembers[], previous: readonly GroupMembers[], groupOf: Int32Array): Map<number, number> {
  return matchWithIndex(current, previous, groupOf);
}

function matchWithIndex(current: readonly GroupMembers[], previous: readonly GroupMembers[], index: Int32Array | null): Map<number, number> {
  const now = [...current].sort((a, b) => a.id - b.id);
  const before = [...previous].sort((a, b) => a.id - b.id);
  checkIds(now, 'current');
  checkIds(before, 'previous');
  const groupOf = index ?? previousGroupIndex(before);
  const overlap = now.map((g) => overlapRow(g.participants, groupOf, before.length));

  const pairedWith = maximumAssignment(overlap, before.length);
  const result = new Map<number, number>();
  const taken = new Set<number>();
  now.forEach((g, i) => {
    const j = pairedWith[i]!;
    if (j >= 0 && overlap[i]![j]! > 0) {
      result.set(g.id, before[j]!.id);
      taken.add(before[j]!.id);
    }
  });
  let fresh = 0;
  for (const g of now) {
    if (result.has(g.id)) continue;
    while (taken.has(fresh)) fresh++;
    result.set(g.id, fresh);
    taken.add(fresh);
  }
  return result;
}

/**
 * Participant key → index of its previous group. Dense non-negative integer keys (participant rows) use a
 * typed array (−1 for none), anything else a Map; a key in two previous groups is an error either way.
 */
function previousGroupIndex(before: readonly GroupMembers[]): Int32Array | Map<number, number> {
  let total = 0;
  let max = -1;
  let dense = true;
  for (const g of before) {
    total += g.participants.length;
    for (let p = 0; p < g.participants.length; p++) {
      const key = g.participants[p]!;
      if (!(Number.isInteger(key) && key >= 0)) dense = false;
      else if (key > max) max = key;
    }
  }
  const twice = (key: number, other: number, j: number) =>
    new RangeError(`matchGroupIds: participant ${key} is in previous groups ${before[other]!.id} and ${before[j]!.id}`);
  if (dense && max < 4 * total + 1024) {
    const table = new Int32Array(max + 1).fill(-1);
    before.forEach((g, j) => {
      for (let p = 0; p < g.participants.length; p++) {
        const key = g.participants[p]!;
        if (table[key] !== -1) throw twice(key, table[key]!, j);
        table[key] = j;
      }
    });
    return table;
  }
  const map = new Map<number, number>();
  before.forEach((g, j) => {
    for (let p = 0; p < g.participants.length; p++) {
      const key = g.participants[p]!;
      const other = map.get(key);
      if (other !== undefined) throw twice(key, other, j);
      map.set(key, j);
    }
  });
  return map;
}

/** How many of `participants` were in each previous group. */
function overlapRow(participants: ArrayLike<number>, groupOf: Int32Array | Map<number, number>, nBefore: number): number[] {
  const row = new Array<number>(nBefore).fill(0);
  if (groupOf instanceof Int32Array) {
    const max = groupOf.length - 1;
    for (let p = 0; p < participants.length; p++) {
      const key = participants[p]!;
      // Keys that are not such integers (fractions, negatives, NaN) are in no previous group.
      const j = key >= 0 && key <= max ? (groupOf[key] ?? -1) : -1;
      if (j >= 0) row[j]!++;
    }
    return row;
  }
  for (let p = 0; p < participants.length; p++) {
    const j = groupOf.get(participants[p]!);
    if (j !== undefined) row[j]!++;
  }
  return row;
}

function checkIds(groups: readonly GroupMembers[], where: string): void {
  groups.forEach((g, i) => {
    if (!Number.isSafeInteger(g.id)) throw new RangeError(`matchGroupIds: ${where} group id must be an integer, got ${g.id}`);
    if (i > 0 && groups[i - 1]!.id === g.id) throw new RangeError(`matchGroupIds: ${where} group id ${g.id} occurs twice`);
  });
}

/**
 * For each row, the column it is paired with (or −1) in a pairing that maximises the summed weights,
 * by the Hungarian algorithm on the square zero-padded matrix (O(n³), integer-exact).
 */
function maximumAssignment(weights: number[][], columns: number): number[] {
  const rows = weights.length;
  const size = Math.max(rows, columns);
  const cost = (i: number, j: number): number => (i < rows && j < columns ? -weights[i]![j]! : 0);
  // Potentials u (rows), v (columns); match[j] = row (1-based) holding column j; index 0 is a sentinel.
  const u = new Array<number>(size + 1).fill(0);
  const v = new Array<number>(size + 1).fill(0);
  const match = new Array<number>(size + 1).fill(0);
  const way = new Array<number>(size + 1).fill(0);
  for (let i = 1; i <= size; i++) {
    match[0] = i;
    let j0 = 0;
    const minv = new Array<number>(size + 1).fill(Infinity);
    const used = new Array<boolean>(size + 1).fill(false);
    do {
      used[j0] = true;
      const i0 = match[j0]!;
      let delta = Infinity;
      let j1 = 0;
      for (let j = 1; j <= size; j++) {
        if (used[j]) continue;
        const reduced = cost(i0 - 1, j - 1) - u[i0]! - v[j]!;
        if (reduced < minv[j]!) (minv[j] = reduced), (way[j] = j0);
        if (minv[j]! < delta) (delta = minv[j]!), (j1 = j);
      }
      for (let j = 0; j <= size; j++) {
        if (used[j]) (u[match[j]!]! += delta), (v[j]! -= delta);
        else minv[j]! -= delta;
      }
      j0 = j1;
    } while (match[j0] !== 0);
    do {
      const j1 = way[j0]!;
      match[j0] = match[j1]!;
      j0 = j1;
    } while (j0 !== 0);
  }
  const pairedWith = new Array<number>(rows).fill(-1);
  for (let j = 1; j <= size; j++) if (match[j]! - 1 < rows && j - 1 < columns) pairedWith[match[j]! - 1] = j - 1;
  return pairedWith;
}
