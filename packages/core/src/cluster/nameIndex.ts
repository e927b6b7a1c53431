/** Finds the point index of a member name, or −1 when the name is not among the points. */
export type NameIndex = (name: number) => number;

/**
 * A lookup from member name to point index. Dense non-negative names (participant rows) use a typed
 * array; anything else a Map. Throws when a name occurs twice, because members are matched by name.
 */
export function nameIndex(names: Int32Array): NameIndex {
  const n = names.length;
  let min = 0;
  let max = -1;
  for (let i = 0; i < n; i++) {
    const v = names[i]!;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (min >= 0 && max < 4 * n + 1024) {
    const table = new Int32Array(max + 1).fill(-1);
    for (let i = 0; i < n; i++) {
      const v = names[i]!;
      if (table[v] !== -1) throw duplicate(v, table[v]!, i);
      table[v] = i;
    }
    return (name) => (name >= 0 && name <= max ? table[name]! : -1);
  }
  const map = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const v = names[i]!;
    const seen = map.get(v);
    if (seen !== undefined) throw duplicate(v, seen, i);
    map.set(v, i);
  }
  return (name) => map.get(name) ?? -1;
}

function duplicate(name: number, first: number, second: number): Error {
  return new RangeError(`kmeans: names must be unique, name ${name} is at points ${first} and ${second}`);
}
