// Clojure's iteration order for hash maps (> 8 entries) and hash sets of Long keys: Murmur3 hashLong,
// then keys ordered by 5-bit chunks of the hash, lowest chunk first (a hash-array-mapped trie walk).

const TWO_32 = 4294967296;

function mixK1(k1: number): number {
  k1 = Math.imul(k1, 0xcc9e2d51);
  k1 = (k1 << 15) | (k1 >>> 17);
  return Math.imul(k1, 0x1b873593);
}

function mixH1(h1: number, k1: number): number {
  h1 ^= k1;
  h1 = (h1 << 13) | (h1 >>> 19);
  return (Math.imul(h1, 5) + 0xe6546b64) | 0;
}

/** Clojure's `hash` of a Long (Murmur3 `hashLong`), as an unsigned 32-bit integer. */
export function clojureHashLong(value: number): number {
  if (value === 0) return 0;
  let low: number;
  let high: number;
  if (Number.isSafeInteger(value)) {
    // Two's-complement halves without BigInt: `| 0` keeps the low 32 bits, floor(v / 2³²) is the arithmetic shift.
    low = value | 0;
    high = Math.floor(value / TWO_32) | 0;
  } else {
    const big = BigInt.asUintN(64, BigInt(value));
    low = Number(big & 0xffffffffn) | 0;
    high = Number(big >> 32n) | 0;
  }
  let h1 = mixH1(0, mixK1(low));
  h1 = mixH1(h1, mixK1(high));
  h1 ^= 8;
  h1 ^= h1 >>> 16;
  h1 = Math.imul(h1, 0x85ebca6b);
  h1 ^= h1 >>> 13;
  h1 = Math.imul(h1, 0xc2b2ae35);
  h1 ^= h1 >>> 16;
  return h1 >>> 0;
}

/**
 * The hash's 5-bit chunks in reverse order (lowest chunk in the top bits, the last 2-bit chunk at the
 * bottom), so that comparing keys as unsigned 32-bit integers gives the trie walk order.
 */
export function clojureTrieKey(hash: number): number {
  let key = 0;
  for (let shift = 0; shift < 30; shift += 5) key = (key << 5) | ((hash >>> shift) & 31);
  return ((key << 2) | (hash >>> 30)) >>> 0;
}

/**
 * The order in which Clojure iterates a hash set (or a hash map with more than 8 entries) of
 * integer keys. Keys are returned as a new array; input order breaks hash collisions.
 */
export function clojureHashOrder<T extends number>(keys: readonly T[]): T[] {
  const n = keys.length;
  const trie = new Uint32Array(n);
  for (let i = 0; i < n; i++) trie[i] = clojureTrieKey(clojureHashLong(keys[i]!));
  const order = trieOrder(trie);
  const out = new Array<T>(n);
  for (let i = 0; i < n; i++) out[i] = keys[order[i]!]!;
  return out;
}

/** Indices of `keys` in ascending unsigned order, equal keys in index order (a stable sort). */
export function trieOrder(keys: Uint32Array): Uint32Array {
  const n = keys.length;
  let index = new Uint32Array(n);
  for (let i = 0; i < n; i++) index[i] = i;
  if (n < 64) return index.sort((p, q) => keys[p]! - keys[q]! || p - q);
  // Least-significant-digit radix sort on 11-bit digits; each pass is stable, so ties keep index order.
  let key = Uint32Array.from(keys);
  let nextKey = new Uint32Array(n);
  let nextIndex = new Uint32Array(n);
  const counts = [new Uint32Array(2048), new Uint32Array(2048), new Uint32Array(2048)];
  for (let i = 0; i < n; i++) {
    const k = key[i]!;
    counts[0]![k & 2047]!++;
    counts[1]![(k >>> 11) & 2047]!++;
    counts[2]![k >>> 22]!++;
  }
  for (let pass = 0; pass < 3; pass++) {
    const count = counts[pass]!;
    const shift = 11 * pass;
    for (let b = 0, sum = 0; b < 2048; b++) {
      const c = count[b]!;
      count[b] = sum;
      sum += c;
    }
    for (let i = 0; i < n; i++) {
      const k = key[i]!;
      const to = count[(k >>> shift) & 2047]!++;
      nextKey[to] = k;
      nextIndex[to] = index[i]!;
    }
    [key, nextKey] = [nextKey, key];
    [index, nextIndex] = [nextIndex, index];
  }
  return index;
}
