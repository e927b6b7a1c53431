/**
 * Every tunable of the pipeline, with Polis's constant as the default unless noted.
 * Where a default deviates from Polis on purpose the doc line says so and names the Polis setting.
 */
export interface ConversationOptions {
  /** Seed of every random choice (PCA cold start, next-statement draws). Default 0. */
  seed?: number;
  /** Source of uniform [0,1) numbers; overrides `seed`. Default: a seeded LCG. */
  random?: () => number;
  /** Principal components. Default 2 (only 2 is supported). */
  nComps?: 2;
  /**
   * Most power-iteration steps per component. Polis caps at 100 (101 products), which leaves a small
   * eigengap unconverged on a cold start; Kuulo iterates to `pcaTolerance`, at most 1000. Default 1000.
   */
  pcaIterations?: number;
  /**
   * Convergence: Lanczos stops when both residuals ‖Av − λv‖ ≤ tolerance·λ₁; power iteration when the
   * unit vector moves less than this (max-norm). Polis stops only on exact equality (0). Default 1e-11.
   */
  pcaTolerance?: number;
  /**
   * Eigen-solver for the components: 'lanczos' (Kuulo default: the same converged components in far
   * fewer passes over the votes) or 'power' (Polis: power iteration with deflation).
   */
  pcaSolver?: 'lanczos' | 'power';
  /**
   * Start vector for a component with no previous value: 'random' uniform [0,1) from `random`
   * (seeded by default; Polis uses an unseeded one) or 'ones' (Delphi's certified choice). Default 'random'.
   */
  pcaColdStart?: 'random' | 'ones';
  /** Base clusters (Polis `base-k`). Default 100. */
  baseK?: number;
  /** Base k-means iterations (Polis `base-iters`). Default 100. */
  baseIterations?: number;
  /** Largest number of opinion groups (Polis `max-k`). Default 5. */
  maxK?: number;
  /** Group k-means iterations. Polis configures 100 but effectively runs 20. Default 20. */
  groupIterations?: number;
  /** Updates a new best k must win in a row before it is shown (Polis `group-k-buffer`). Default 4. */
  groupKBuffer?: number;
  /** Votes needed to be clustered: min(this, statements). Default 7. */
  inConvThreshold?: number;
  /** Top up the clustered set to at least this many participants, most votes first. Default 15. */
  inConvMinimum?: number;
  /** One-sided z threshold for significance (90 %). Default 1.2816. */
  zThreshold?: number;
  /** Representative statements per group. Default 5. */
  repnessPerGroup?: number;
  /** Consensus statements per side. Default 5. */
  consensusPerSide?: number;
  /**
   * Group ids: 'match' (Kuulo default) relabels a new clustering's groups to the previous ids of
   * the groups they share most participants with, so colours stay put; 'lineage' keeps Polis's
   * k-means lineage ids (0..k−1 on a cold start).
   */
  groupIds?: 'match' | 'lineage';
  /**
   * Reproduce Polis's numerics to the last bit: rationals rounded to 16 significant digits and
   * float32 `repness-test`. Default true.
   */
  polisNumerics?: boolean;
  /**
   * Comment priorities read the previous update's group votes, as Polis does ('previous', default),
   * or the current ones ('current').
   */
  priorityVotes?: 'previous' | 'current';
  /**
   * In strict moderation, treat unmoderated statements as moderated out. Polis does not (false,
   * default): an unmoderated statement still enters the math through its author's vote.
   */
  strictExcludesUnmoderated?: boolean;
  /** Moderation strictness of the conversation. Default false. */
  strictModeration?: boolean;
}

export type ResolvedOptions = Required<Omit<ConversationOptions, 'random'>>;

export const defaultOptions: ResolvedOptions = {
  seed: 0,
  nComps: 2,
  pcaIterations: 1000,
  pcaTolerance: 1e-11,
  pcaColdStart: 'random',
  pcaSolver: 'lanczos',
  baseK: 100,
  baseIterations: 100,
  maxK: 5,
  groupIterations: 20,
  groupKBuffer: 4,
  inConvThreshold: 7,
  inConvMinimum: 15,
  zThreshold: 1.2816,
  repnessPerGroup: 5,
  consensusPerSide: 5,
  groupIds: 'match',
  polisNumerics: true,
  priorityVotes: 'previous',
  strictExcludesUnmoderated: false,
  strictModeration: false,
};

/** Options with defaults filled in; rejects values outside their range, naming the option. */
export function resolveOptions(options: ConversationOptions = {}): ResolvedOptions {
  const resolved = { ...defaultOptions };
  for (const [key, value] of Object.entries(options)) {
    if (key === 'random' || value === undefined) continue;
    if (!(key in defaultOptions)) throw new TypeError(`unknown option: ${key}`);
    (resolved as Record<string, unknown>)[key] = value;
  }
  const positiveInts = ['pcaIterations', 'baseK', 'baseIterations', 'maxK', 'groupIterations', 'groupKBuffer', 'inConvMinimum'] as const;
  for (const key of positiveInts) {
    const v = resolved[key];
    if (!Number.isInteger(v) || v < 1) throw new RangeError(`option ${key} must be a positive integer, got ${String(v)}`);
  }
  if (!Number.isInteger(resolved.seed)) throw new RangeError(`option seed must be an integer, got ${String(resolved.seed)}`);
  if (resolved.nComps !== 2) throw new RangeError(`option nComps must be 2, got ${String(resolved.nComps)}`);
  if (resolved.maxK < 2) throw new RangeError(`option maxK must be at least 2, got ${resolved.maxK}`);
  if (!(resolved.pcaTolerance >= 0)) throw new RangeError(`option pcaTolerance must be ≥ 0, got ${resolved.pcaTolerance}`);
  if (!['lanczos', 'power'].includes(resolved.pcaSolver)) throw new RangeError(`option pcaSolver must be lanczos or power, got ${String(resolved.pcaSolver)}`);
  if (!['random', 'ones'].includes(resolved.pcaColdStart)) throw new RangeError(`option pcaColdStart must be random or ones, got ${String(resolved.pcaColdStart)}`);
  if (!['match', 'lineage'].includes(resolved.groupIds)) throw new RangeError(`option groupIds must be match or lineage, got ${String(resolved.groupIds)}`);
  if (!['previous', 'current'].includes(resolved.priorityVotes)) throw new RangeError(`option priorityVotes must be previous or current, got ${String(resolved.priorityVotes)}`);
  return resolved;
}
