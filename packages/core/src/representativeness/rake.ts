/** One raking dimension: each person's answer (index into `targets`, or −1 when they gave none) and the population shares. */
export interface RakingMargin {
  /** Per person, the index of their answer in `targets`, or −1: a person without an answer is left out of this margin. */
  answer: ArrayLike<number>;
  /** Population share of each answer, summing to 1. */
  targets: readonly number[];
}

/** Options of `rake`; each states its default. */
export interface RakeOptions {
  /** Stop after this many passes over the margins. Default 100. */
  maxIterations?: number;
  /** Converged when every answer's weighted share is within this of its target. Default 1e-6. */
  tolerance?: number;
}

/** What `rake` returns. */
export interface RakingResult {
  /** One weight per person, mean 1 over those who answered at least one margin; 1 for the others. */
  weights: Float64Array;
  /** Passes made over all margins. */
  iterations: number;
  converged: boolean;
  /** Largest |weighted share − target| over every margin after the last pass. */
  maxError: number;
  /** People who answered at least one margin. */
  respondents: number;
}

/**
 * Raking (iterative proportional fitting): scales weights margin by margin until each margin's weighted
 * answer shares match the population's. A margin only reweights those who answered it, matching its
 * shares among them. Pure and deterministic.
 */
export function rake(people: number, margins: readonly RakingMargin[], options: RakeOptions = {}): RakingResult {
  const maxIterations = options.maxIterations ?? 100;
  const tolerance = options.tolerance ?? 1e-6;
  if (!Number.isInteger(people) || people < 0) throw new RangeError(`rake: people must be a non-negative integer, got ${people}`);
  if (!Number.isInteger(maxIterations) || maxIterations < 1) throw new RangeError(`rake: maxIterations must be a positive integer, got ${maxIterations}`);
  if (!(tolerance > 0)) throw new RangeError(`rake: tolerance must be positive, got ${tolerance}`);
  margins.forEach((m, q) => {
    if (m.answer.length !== people) throw new RangeError(`rake: margin ${q} has ${m.answer.length} answers for ${people} people`);
    let sum = 0;
    m.targets.forEach((t, a) => {
      if (!(t > 0 && t <= 1)) throw new RangeError(`rake: margin ${q} answer ${a} has population share ${t}; shares must be in (0, 1]`);
      sum += t;
    });
    if (Math.abs(sum - 1) > 1e-6) throw new RangeError(`rake: margin ${q} population shares sum to ${sum}, not 1`);
    const seen = new Uint8Array(m.targets.length);
    for (let i = 0; i < people; i++) {
      const a = m.answer[i]!;
      if (a === -1) continue;
      if (!Number.isInteger(a) || a < 0 || a >= m.targets.length) throw new RangeError(`rake: margin ${q} person ${i} has answer ${a}; expected −1 or 0..${m.targets.length - 1}`);
      seen[a] = 1;
    }
    const empty = seen.indexOf(0);
    // A population answer nobody gave cannot be reached by scaling: the caller must drop it first.
    if (seen.includes(1) && empty !== -1) throw new RangeError(`rake: margin ${q} answer ${empty} has population share ${m.targets[empty]} but nobody gave it`);
  });

  const weights = new Float64Array(people).fill(1);
  const sums = margins.map((m) => new Float64Array(m.targets.length));
  const measure = (q: number): number => {
    const m = margins[q]!;
    const s = sums[q]!.fill(0);
    for (let i = 0; i < people; i++) if (m.answer[i]! >= 0) s[m.answer[i]!]! += weights[i]!;
    let total = 0;
    for (const v of s) total += v;
    return total;
  };
  let iterations = 0;
  let maxError = 0;
  for (; iterations < maxIterations; ) {
    iterations++;
    for (let q = 0; q < margins.length; q++) {
      const m = margins[q]!;
      const total = measure(q);
      if (total === 0) continue;
      const factor = m.targets.map((t, a) => (t * total) / sums[q]![a]!);
      for (let i = 0; i < people; i++) if (m.answer[i]! >= 0) weights[i]! *= factor[m.answer[i]!]!;
    }
    maxError = 0;
    for (let q = 0; q < margins.length; q++) {
      const total = measure(q);
      if (total > 0) margins[q]!.targets.forEach((t, a) => (maxError = Math.max(maxError, Math.abs(sums[q]![a]! / total - t))));
    }
    if (maxError <= tolerance) break;
  }
  // Mean 1 over respondents, so those who answered nothing count as an average participant.
  const answered = new Uint8Array(people);
  for (const m of margins) for (let i = 0; i < people; i++) if (m.answer[i]! >= 0) answered[i] = 1;
  let respondents = 0;
  let sum = 0;
  for (let i = 0; i < people; i++) if (answered[i]) (respondents++, (sum += weights[i]!));
  if (respondents > 0) for (let i = 0; i < people; i++) if (answered[i]) weights[i] = (weights[i]! * respondents) / sum;
  return { weights, iterations, converged: maxError <= tolerance, maxError, respondents };
}

/** Kish's design effect of a set of weights: n·Σw² / (Σw)² (1 for equal weights). */
export function designEffect(weights: ArrayLike<number>): number {
  let s = 0;
  let s2 = 0;
  for (let i = 0; i < weights.length; i++) (s += weights[i]!), (s2 += weights[i]! * weights[i]!);
  return s === 0 ? 1 : (weights.length * s2) / (s * s);
}
