/**
 * Heavy-tailed votes per participant: a log-normal count, at least 1 and at most the statements the
 * participant could see, with its location solved so that the total hits `targetVotes`.
 *
 * `normals` are the participant's standard normal draws (fixed before solving, so the solve is
 * deterministic); `available[i]` caps participant i. Returns the counts.
 */
export function voteCounts(normals: Float64Array, available: Int32Array, sigma: number, targetVotes: number): Int32Array {
  const n = normals.length;
  const total = (mu: number): number => {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += count(mu, sigma, normals[i]!, available[i]!);
    return sum;
  };
  // The total is monotone in mu: bisect between "everyone votes once" and "everyone votes on all".
  let lo = -10;
  let hi = Math.log(Math.max(2, maxOf(available))) + 10 * sigma + 10;
  for (let step = 0; step < 60; step++) {
    const mid = (lo + hi) / 2;
    if (total(mid) < targetVotes) lo = mid;
    else hi = mid;
  }
  const counts = new Int32Array(n);
  for (let i = 0; i < n; i++) counts[i] = count(hi, sigma, normals[i]!, available[i]!);
  return counts;
}

function count(mu: number, sigma: number, z: number, available: number): number {
  const k = Math.round(Math.exp(mu + sigma * z));
  return Math.max(Math.min(k, available), Math.min(1, available));
}

function maxOf(values: Int32Array): number {
  let m = 0;
  for (const v of values) if (v > m) m = v;
  return m;
}

/** Standard normal draws by Box–Muller from a uniform source. */
export function normalDraws(random: () => number, n: number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i += 2) {
    const r = Math.sqrt(-2 * Math.log(1 - random()));
    const theta = 2 * Math.PI * random();
    out[i] = r * Math.cos(theta);
    if (i + 1 < n) out[i + 1] = r * Math.sin(theta);
  }
  return out;
}
