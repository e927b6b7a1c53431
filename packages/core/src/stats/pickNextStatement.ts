// Priority-weighted choice of the next statement to show, as Polis's server does (§14.2, `selectProbabilistically`).

/**
 * Draws one candidate with probability proportional to its weight: `r = random() · Σ weights`, then the first
 * candidate whose running total exceeds r. A missing, zero or NaN weight counts as 1, as Polis's `priority || 1`
 * does (statements without math yet are still shown). The caller passes only statements the participant may see
 * and has not voted on; the result is always one of them, or null when there are none.
 */
export function pickNextStatement<T>(candidates: readonly T[], weight: (candidate: T) => number | undefined, random: () => number): T | null {
  if (candidates.length === 0) return null;
  const cumulative = new Float64Array(candidates.length);
  let total = 0;
  for (let i = 0; i < candidates.length; i++) {
    const w = weight(candidates[i]!) || 1;
    if (!(w > 0 && w < Infinity)) throw new RangeError(`pickNextStatement: weight of candidate ${i} must be a finite positive number, got ${w}`);
    total += w;
    cumulative[i] = total;
  }
  const u = random();
  if (!(u >= 0 && u < 1)) throw new RangeError(`pickNextStatement: random() must return a number in [0, 1), got ${u}`);
  const r = u * total;
  for (let i = 0; i < candidates.length; i++) if (cumulative[i]! > r) return candidates[i]!;
  // u·total can round up to total; the last candidate owns that end of the range.
  return candidates[candidates.length - 1]!;
}
