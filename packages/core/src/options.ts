/**
 * Every tunable of the pipeline, with Polis's constant as the default unless noted.
 * Where a default deviates from Polis on purpose the doc line says so and names the Polis setting.
 */
export interface ConversationOptions {
  /**
   * 'polis' (default) reproduces Polis, whose groups depend on the order votes arrived in and on the
   * update history. 'stable' (Kuulo) makes every update a pure function of the current votes and the
   * seed: canonical row/column order, k-means++ restarts at both clustering levels, a k chosen with a
   * silhouette tie band, no k smoother (see docs/stable-mode.md).
   */
  mode?: 'polis' | 'stable';
  /** Stable mode: k-means++ restarts of the base clustering; the lowest within-cluster sum of squares wins. Default 3. */
  stableBaseRestarts?: number;
  /** Stable mode: weighted k-means++ restarts of the group clustering, per k. Default 32. */
  stableGroupRestarts?: number;
  /**
   * Stable mode: the smallest k whose silhouette is within this of the best k's is chosen, so that near
   * ties do not flip k between similar vote sets. Default 0.02.
   */
  stableKTieBand?: number;
  /**
   * Stable mode: no group has fewer participants than this. Members of a smaller group (k-means makes a group
   * of one far-out participant when that lowers its objective) are set aside while fitting and join their
   * nearest group; a k with no such clustering is not chosen; with fewer clustered participants than this there
   * are no groups. The server passes the conversation's privacy floor. Polis has no such limit. Default 5.
   */
  stableMinGroupSize?: number;
  /**
   * Stable mode: also try the previous update's clusters as a start, kept only when its objective is at
   * least as low as the best fresh restart's. Makes a result depend on history whenever the warm start
   * wins, so it is off by default. Default false.
   */
  stableWarmStart?: boolean;
  /**
   * Bridging score per statement (k-free consensus by matrix factorisation, `bridgingScores`):
   * 'auto' computes it in stable mode only, 'on' in both modes, 'off' never. Default 'auto'.
   */
  bridging?: 'auto' | 'on' | 'off';
  /** Seed of every random choice (PCA cold start, next-statement draws). Default 0. */
  seed?: number;
  /**
   * Source of uniform [0,1) numbers; overrides `seed`. Default: a seeded LCG. Stable mode draws its math
   * from generators derived from `seed` alone on every update, so there this only drives `nextStatement`.
   */
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
   * Kuulo deviation for large conversations (folding-in): keep the PCA centre and components until the
   * votes added or changed since they were fitted exceed this share of all votes, and meanwhile project
   * only the participants whose votes changed into that basis. New statements join it with zero loading
   * until the next refit; a moderation change refits at once. 0 refits at every update. 'auto' (default)
   * refits at every update, as Polis, up to Polis's large-conversation cutoff (more than 10,000
   * participants or 5,000 statements), and above it uses 0.01 (`autoRefitShare`): there Polis itself
   * stops refitting and nudges the components with unseeded mini-batches; this is the deterministic stand-in.
   */
  pcaRefitShare?: number | 'auto';
  /**
   * Eigen-solver for the components: 'lanczos' (Kuulo default: the same converged components in far
   * fewer passes over the votes) or 'power' (Polis: power iteration with deflation). Default 'lanczos'.
   */
  pcaSolver?: 'lanczos' | 'power';
  /**
   * Start vector for a component with no previous value: 'random' uniform [0,1) from `random`
   * (seeded by default; Polis uses an unseeded one) or 'ones' (Delphi's certified choice). Default 'random'.
   */
  pcaColdStart?: 'random' | 'ones';
  /**
   * Missing votes in the PCA: 'mean' fills each with its statement's mean vote (Polis since 2017-10-21),
   * 'zero' with 0, as Polis did before (the centre is then each statement's vote sum over all
   * participants, and the matrix is no longer sparse). Polis mode only; 'zero' refits at every update.
   * Default 'mean'.
   */
  pcaImputation?: 'mean' | 'zero';
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
  /**
   * Count every moderated-out or meta statement as a vote of every participant when deciding who is
   * clustered (threshold and top-up), as Polis did from 2017-02-27 until about 2019: it counted the
   * zeroed columns, so with 7 or more of them every voter was clustered. Polis mode only. Default false.
   */
  inConvCountsModeratedOut?: boolean;
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

/** Polis's large-conversation cutoff (`large-cutoff`, and statements since 2025): above either, 'auto' folds in. */
export const largeConversation = { participants: 10_000, statements: 5_000 } as const;

/** The refit share `pcaRefitShare: 'auto'` uses above `largeConversation`. */
export const autoRefitShare = 0.01;

/** The refit share in force for a matrix of this size (`pcaRefitShare`, with 'auto' resolved). */
export function refitShare(option: number | 'auto', nRows: number, nCols: number): number {
  if (option !== 'auto') return option;
  return nRows > largeConversation.participants || nCols > largeConversation.statements ? autoRefitShare : 0;
}

/** Every option with its default filled in (`random` excepted: it is a function, not data). */
export type ResolvedOptions = Required<Omit<ConversationOptions, 'random'>>;

/** The default of every option, in one place; `resolveOptions` starts from a copy of it. */
export const defaultOptions: ResolvedOptions = {
  mode: 'polis',
  stableBaseRestarts: 3,
  stableGroupRestarts: 32,
  stableKTieBand: 0.02,
  stableMinGroupSize: 5,
  stableWarmStart: false,
  bridging: 'auto',
  seed: 0,
  nComps: 2,
  pcaIterations: 1000,
  pcaTolerance: 1e-11,
  pcaRefitShare: 'auto',
  pcaColdStart: 'random',
  pcaSolver: 'lanczos',
  pcaImputation: 'mean',
  baseK: 100,
  baseIterations: 100,
  maxK: 5,
  groupIterations: 20,
  groupKBuffer: 4,
  inConvThreshold: 7,
  inConvMinimum: 15,
  inConvCountsModeratedOut: false,
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
  const positiveInts = ['stableBaseRestarts', 'stableGroupRestarts', 'stableMinGroupSize', 'pcaIterations', 'baseK', 'baseIterations', 'maxK', 'groupIterations', 'groupKBuffer', 'inConvMinimum'] as const;
  for (const key of positiveInts) {
    const v = resolved[key];
    if (!Number.isInteger(v) || v < 1) throw new RangeError(`option ${key} must be a positive integer, got ${String(v)}`);
  }
  if (!Number.isInteger(resolved.seed)) throw new RangeError(`option seed must be an integer, got ${String(resolved.seed)}`);
  if (resolved.nComps !== 2) throw new RangeError(`option nComps must be 2, got ${String(resolved.nComps)}`);
  if (resolved.maxK < 2) throw new RangeError(`option maxK must be at least 2, got ${resolved.maxK}`);
  if (!(resolved.pcaTolerance >= 0)) throw new RangeError(`option pcaTolerance must be ≥ 0, got ${resolved.pcaTolerance}`);
  const share = resolved.pcaRefitShare;
  if (share !== 'auto' && !(share >= 0 && share < 1)) throw new RangeError(`option pcaRefitShare must be 'auto' or in [0, 1), got ${String(share)}`);
  if (!['lanczos', 'power'].includes(resolved.pcaSolver)) throw new RangeError(`option pcaSolver must be lanczos or power, got ${String(resolved.pcaSolver)}`);
  if (!['random', 'ones'].includes(resolved.pcaColdStart)) throw new RangeError(`option pcaColdStart must be random or ones, got ${String(resolved.pcaColdStart)}`);
  if (!['mean', 'zero'].includes(resolved.pcaImputation)) throw new RangeError(`option pcaImputation must be mean or zero, got ${String(resolved.pcaImputation)}`);
  if (typeof resolved.inConvCountsModeratedOut !== 'boolean') throw new RangeError(`option inConvCountsModeratedOut must be true or false, got ${String(resolved.inConvCountsModeratedOut)}`);
  if (!['match', 'lineage'].includes(resolved.groupIds)) throw new RangeError(`option groupIds must be match or lineage, got ${String(resolved.groupIds)}`);
  if (!['polis', 'stable'].includes(resolved.mode)) throw new RangeError(`option mode must be polis or stable, got ${String(resolved.mode)}`);
  if (!(resolved.stableKTieBand >= 0 && resolved.stableKTieBand < 2)) throw new RangeError(`option stableKTieBand must be in [0, 2), got ${String(resolved.stableKTieBand)}`);
  if (typeof resolved.stableWarmStart !== 'boolean') throw new RangeError(`option stableWarmStart must be true or false, got ${String(resolved.stableWarmStart)}`);
  if (!['auto', 'on', 'off'].includes(resolved.bridging)) throw new RangeError(`option bridging must be auto, on or off, got ${String(resolved.bridging)}`);
  if (!['previous', 'current'].includes(resolved.priorityVotes)) throw new RangeError(`option priorityVotes must be previous or current, got ${String(resolved.priorityVotes)}`);
  return resolved;
}
