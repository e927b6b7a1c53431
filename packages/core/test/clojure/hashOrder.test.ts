import { describe, expect, it } from 'vitest';
import { clojureHashLong, clojureHashOrder, clojureTrieKey, trieOrder } from '../../src/clojure/hashOrder.js';
import { lcg } from '../../src/random/lcg.js';

// The straightforward implementation the fast one replaced (BigInt halves, 35-bit key, comparison sort): the oracle.
function referenceHashLong(value: number): number {
  if (value === 0) return 0;
  const big = BigInt.asUintN(64, BigInt(value));
  const mixK1 = (k: number) => Math.imul(((x) => (x << 15) | (x >>> 17))(Math.imul(k, 0xcc9e2d51)), 0x1b873593);
  const mixH1 = (h: number, k: number) => {
    h ^= k;
    h = (h << 13) | (h >>> 19);
    return (Math.imul(h, 5) + 0xe6546b64) | 0;
  };
  let h1 = mixH1(mixH1(0, mixK1(Number(big & 0xffffffffn) | 0)), mixK1(Number(big >> 32n) | 0));
  h1 ^= 8;
  h1 ^= h1 >>> 16;
  h1 = Math.imul(h1, 0x85ebca6b);
  h1 ^= h1 >>> 13;
  h1 = Math.imul(h1, 0xc2b2ae35);
  h1 ^= h1 >>> 16;
  return h1 >>> 0;
}

function referenceOrder(keys: readonly number[]): number[] {
  const trie = (hash: number) => {
    let key = 0;
    for (let shift = 0; shift < 32; shift += 5) key = key * 32 + ((hash >>> shift) & 31);
    return key;
  };
  return keys
    .map((k, i) => ({ k, i, t: trie(referenceHashLong(k)) }))
    .sort((p, q) => p.t - q.t || p.i - q.i)
    .map((d) => d.k);
}

/** Random safe integers of every magnitude and sign, including the extremes. */
function randomIds(random: () => number, n: number): number[] {
  const edge = [0, 1, -1, 2 ** 31 - 1, -(2 ** 31), 2 ** 32, -(2 ** 32), 2 ** 32 - 1, Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER];
  return Array.from({ length: n }, () => {
    const kind = random();
    if (kind < 0.1) return edge[Math.floor(random() * edge.length)]!;
    const magnitude = kind < 0.5 ? 2 ** 17 : kind < 0.8 ? 2 ** 40 : 2 ** 53;
    const v = Math.floor(random() * magnitude);
    return random() < 0.3 ? -v : v;
  });
}

describe('clojureHashLong(value)', () => {
  it('agrees with the BigInt computation on safe integers of every size and sign', () => {
    const random = lcg(7);
    for (const v of randomIds(random, 20000)) expect(clojureHashLong(v)).toBe(referenceHashLong(v));
  });

  it('still hashes integers beyond the safe range through BigInt', () => {
    for (const v of [2 ** 60, -(2 ** 60), 2 ** 63]) expect(clojureHashLong(v)).toBe(referenceHashLong(v));
  });
});

describe('clojureTrieKey(hash)', () => {
  it('orders hashes as the 5-bit-chunk trie walk does', () => {
    const random = lcg(11);
    const hashes = Array.from({ length: 5000 }, () => Math.floor(random() * 2 ** 32));
    const wide = (h: number) => {
      let key = 0;
      for (let shift = 0; shift < 32; shift += 5) key = key * 32 + ((h >>> shift) & 31);
      return key;
    };
    for (let i = 1; i < hashes.length; i++) {
      const [a, b] = [hashes[i - 1]!, hashes[i]!];
      expect(Math.sign(clojureTrieKey(a) - clojureTrieKey(b))).toBe(Math.sign(wide(a) - wide(b)));
    }
  });
});

describe('clojureHashOrder(keys)', () => {
  it('matches the reference order on random id sets, small and large', () => {
    const random = lcg(3);
    for (const n of [0, 1, 9, 63, 64, 65, 500, 30000]) {
      const ids = randomIds(random, n);
      expect(clojureHashOrder(ids)).toEqual(referenceOrder(ids));
    }
  });

  it('keeps Clojure\'s order of the ids 0…8', () => {
    expect(clojureHashOrder([0, 1, 2, 3, 4, 5, 6, 7, 8])).toEqual([0, 7, 1, 4, 6, 3, 2, 5, 8]);
  });
});

describe('trieOrder(keys)', () => {
  it('is a stable ascending sort of unsigned keys, on both the small and the radix path', () => {
    const random = lcg(5);
    for (const n of [0, 2, 40, 63, 64, 1000, 20000]) {
      // Few distinct keys, spread over all 32 bits, so that ties are common and every radix digit matters.
      const pool = Array.from({ length: 1 + Math.floor(n / 8) }, () => Math.floor(random() * 2 ** 32));
      const keys = Uint32Array.from({ length: n }, () => pool[Math.floor(random() * pool.length)]!);
      const expected = Array.from(keys, (_, i) => i).sort((p, q) => keys[p]! - keys[q]! || p - q);
      expect(Array.from(trieOrder(keys))).toEqual(expected);
    }
  });
});
