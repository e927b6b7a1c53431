// Clojure's iteration order for hash maps (> 8 entries) and hash sets of Long keys: Murmur3 hashLong,
// then keys ordered by 5-bit chunks of the hash, lowest chunk first (a hash-array-mapped trie walk).

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
  const big = BigInt.asUintN(64, BigInt(value));
  const low = Number(big & 0xffffffffn) | 0;
  const high = Number(big >> 32n) | 0;
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

/** Bit-reversed 5-bit chunks, so that a plain numeric compare gives the trie walk order. */
function trieKey(hash: number): number {
  let key = 0;
  for (let shift = 0; shift < 32; shift += 5) key = key * 32 + ((hash >>> shift) & 31);
  return key;
}

/**
 * The order in which Clojure iterates a hash set (or a hash map with more than 8 entries) of
 * integer keys. Keys are returned as a new array; input order breaks hash collisions.
 */
export function clojureHashOrder<T extends number>(keys: readonly T[]): T[] {
  const decorated = keys.map((k, i) => ({ k, i, t: trieKey(clojureHashLong(k)) }));
  decorated.sort((p, q) => p.t - q.t || p.i - q.i);
  return decorated.map((d) => d.k);
}
