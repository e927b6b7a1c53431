// One- and two-proportion z-tests with add-one (Laplace) pseudocounts, as in Polis `stats.clj`
// (https://en.wikipedia.org/wiki/Test_statistic#Common_test_statistics). Counts are exact integers, so every
// quotient is an exact rational that becomes a double only at the points where Clojure converts it (§18.2).

import { quotient } from './quotient.js';

export interface ProportionTestOptions {
  /** Round exact rationals to 16 significant digits the way Clojure does. Default true. */
  polisNumerics?: boolean;
}

/**
 * One-sided z statistic that `successes` out of `trials` exceed one half:
 * 2·√(n+1)·((s+1)/(n+1) − 0.5).
 */
export function propZ(successes: number, trials: number, options: ProportionTestOptions = {}): number {
  checkCounts(successes, trials, 'propZ');
  const n = trials + 1;
  return 2 * Math.sqrt(n) * (quotient(successes + 1, n, options.polisNumerics ?? true) - 0.5);
}

/**
 * z statistic that the proportion s1/n1 exceeds s2/n2 (each count plus one). 0 when the pooled proportion is
 * exactly 1, where the statistic is undefined. Polis computes p1 − p2 and p̄(1−p̄)(1/n1+1/n2) as exact rationals
 * and converts each to a double once; we do the same with integers (BigInt when they outgrow doubles).
 */
export function twoPropZ(s1: number, s2: number, n1: number, n2: number, options: ProportionTestOptions = {}): number {
  checkCounts(s1, n1, 'twoPropZ (group)');
  checkCounts(s2, n2, 'twoPropZ (rest)');
  const polisNumerics = options.polisNumerics ?? true;
  const a1 = s1 + 1;
  const a2 = s2 + 1;
  const m1 = n1 + 1;
  const m2 = n2 + 1;
  const pooledSuccesses = a1 + a2;
  const pooledTrials = m1 + m2;
  if (pooledSuccesses === pooledTrials) return 0;
  // p1 − p2 = (a1·m2 − a2·m1)/(m1·m2);  p̄(1−p̄)(1/m1 + 1/m2) = S·(N−S)/(N·m1·m2).
  const varianceDenominator = pooledTrials * m1 * m2;
  if (Number.isSafeInteger(varianceDenominator)) {
    const difference = quotient(a1 * m2 - a2 * m1, m1 * m2, polisNumerics);
    const variance = quotient(pooledSuccesses * (pooledTrials - pooledSuccesses), varianceDenominator, polisNumerics);
    return difference / Math.sqrt(variance);
  }
  const [b1, b2, c1, c2, bs, bn] = [a1, a2, m1, m2, pooledSuccesses, pooledTrials].map(BigInt) as [bigint, bigint, bigint, bigint, bigint, bigint];
  const difference = quotient(b1 * c2 - b2 * c1, c1 * c2, polisNumerics);
  const variance = quotient(bs * (bn - bs), bn * c1 * c2, polisNumerics);
  return difference / Math.sqrt(variance);
}

function checkCounts(successes: number, trials: number, where: string): void {
  if (!Number.isSafeInteger(trials) || trials < 0) throw new RangeError(`${where}: trials must be a non-negative integer, got ${trials}`);
  if (!Number.isSafeInteger(successes) || successes < 0 || successes > trials) {
    throw new RangeError(`${where}: successes must be an integer in [0, ${trials}], got ${successes}`);
  }
}
