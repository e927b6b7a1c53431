// Linear congruential generator (Numerical Recipes constants), https://en.wikipedia.org/wiki/Linear_congruential_generator
const a = 1664525;
const c = 1013904223;
const m = 4294967296; // 2^32

/** A seeded source of uniform numbers in [0, 1); the same seed gives the same sequence on every platform. */
export function lcg(seed = 0): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(a, s) + c) >>> 0) / m;
}
