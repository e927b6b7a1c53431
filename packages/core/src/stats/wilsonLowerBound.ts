/**
 * Lower end of the Wilson score interval for `successes` out of `trials` at normal quantile `z`
 * (default 1.2816, one-sided 90 %, the z Polis uses for its significance tests): a share that
 * prefers 40 of 50 to 1 of 1. 0 with no successes (or no trials).
 * See https://en.wikipedia.org/wiki/Binomial_proportion_confidence_interval#Wilson_score_interval
 */
export function wilsonLowerBound(successes: number, trials: number, z = 1.2816): number {
  if (!Number.isFinite(trials) || trials < 0 || !Number.isFinite(successes) || successes < 0 || successes > trials) {
    throw new RangeError(`wilsonLowerBound: need 0 <= successes <= trials, got ${successes} of ${trials}`);
  }
  if (!Number.isFinite(z) || z < 0) throw new RangeError(`wilsonLowerBound: z must be a finite number >= 0, got ${z}`);
  if (successes === 0) return 0;
  const p = successes / trials;
  const z2 = z * z;
  const centre = p + z2 / (2 * trials);
  const spread = z * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials));
  return Math.max(0, (centre - spread) / (1 + z2 / trials));
}
