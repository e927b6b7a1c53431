/** A participant's id as the host system knows it (Polis `pid`, an xid, a token). */
export type ParticipantId = string | number;
/** A statement's id as the host system knows it (Polis `tid`). */
export type StatementId = string | number;

/** Public vote convention, as in Polis exports: agree = +1, disagree = −1, pass = 0. */
export type VoteValue = -1 | 0 | 1;

/** One vote as the host system records it. */
export interface Vote {
  participant: ParticipantId;
  statement: StatementId;
  /** +1 agree, −1 disagree, 0 pass (Polis export convention; Polis's math negates it internally). */
  vote: VoteValue;
  /** Milliseconds since the epoch. The latest vote on a cell wins; equal times fall back to arrival order. */
  time?: number;
}

/** Moderation state: −1 moderated out, 0 unmoderated, 1 moderated in (Polis `mod`). */
export type ModerationState = -1 | 0 | 1;

/** A moderator's decision on one statement, passed to `Conversation.moderate`. */
export interface StatementModeration {
  statement: StatementId;
  /** Default 0 (unmoderated). */
  moderation?: ModerationState;
  /** Meta statements ("about the conversation") are treated as moderated out. Default false. */
  isMeta?: boolean;
}

/** One entry of a group's representative statements (Polis §12.2), with camelCase keys. */
export interface RepnessEntry {
  statement: StatementId;
  nSuccess: number;
  nTrials: number;
  pSuccess: number;
  pTest: number;
  /** Ratio of the group's add-one proportion to the other groups'. */
  repness: number;
  /**
   * Two-proportion z against the other groups. With `polisNumerics` it is the float32 Polis keeps, carried as the
   * double of its shortest decimal (so JSON prints e.g. 2.6998622); `Math.fround` recovers the float32.
   */
  repnessTest: number;
  repfulFor: 'agree' | 'disagree';
  /** Present on the group's best-agree head only. */
  nAgree?: number;
  bestAgree?: true;
}

/** One entry of overall consensus (Polis §13.1). */
export interface ConsensusEntry {
  statement: StatementId;
  nSuccess: number;
  nTrials: number;
  pSuccess: number;
  pTest: number;
}

/** Agree / disagree / seen counts, one entry per statement in `result.statements` order. */
export interface VoteTallies {
  agree: number[];
  disagree: number[];
  /** Non-missing votes, pass included. */
  seen: number[];
}

/** One opinion group: who is in it, where it sits on the map and what it stands for. */
export interface GroupResult {
  /** Group id: stays with the same people across updates (see `groupIds` option). */
  id: number;
  /** Display label: 'A', 'B', … in id order. */
  label: string;
  /** Base-cluster ids in this group, ascending. */
  baseClusters: number[];
  /** Centre of the group on the opinion map (PCA coordinates). */
  center: [number, number];
  /** Number of participants in the group. */
  size: number;
  /** The group's votes on every statement. */
  tallies: VoteTallies;
  /** Statements that set the group apart (Polis `repness`): agree-side entries first, then disagree, as Polis orders them. */
  repness: RepnessEntry[];
}

/**
 * Everything one update computes, as plain JSON-safe data: per-participant and per-statement arrays
 * follow `participants` and `statements` order. `toPolisMath` turns it into Polis's math JSON.
 * In a warm update's result the per-participant arrays (`participants`, `voteCounts`, `inConv`,
 * `participantProjection`, `participantGroup`), `baseClusters.members` and `votesBase` are built on first
 * read, then kept: the update itself costs what the new votes changed, and a reader of those arrays pays
 * for them once. They read, spread, clone and serialize as plain arrays.
 */
export interface KuuloResult {
  /** Format version of this object. */
  format: 'kuulo-result@1';
  /** Seed of every random choice in this computation. */
  seed: number;
  /** The options in force (after defaults). */
  options: Record<string, unknown>;
  /** How the votes were fed in when the result came from `replay`, else null. */
  replay: ReplayInfo | null;
  /** Number of updates that produced this state (Polis `math_tick`). */
  tick: number;
  /** Latest vote time seen (ms since the epoch), 0 when no vote carried a time. */
  lastVoteTime: number;
  /** Statement ids with at least one vote: the column order of every per-statement array. */
  statements: StatementId[];
  /** Participant ids with at least one vote: the row order of every per-participant array. */
  participants: ParticipantId[];
  /** Votes per participant (pass and moderated-out included). */
  voteCounts: number[];
  /** Participants that are clustered (Polis `in-conv`), in Polis's array order. */
  inConv: ParticipantId[];
  /** Statements left out of the geometry: moderated out, meta, and unmoderated ones under `strictExcludesUnmoderated`. */
  modOut: StatementId[];
  /** Statements moderated in (meta included, as Polis lists them). */
  modIn: StatementId[];
  /** Meta statements (about the conversation itself). */
  meta: StatementId[];
  /** The two principal components and where each statement projects on them. */
  pca: {
    /** Column means, Polis internal sign (agree = −1). */
    center: number[];
    comps: [number[], number[]];
    statementProjection: [number[], number[]];
    statementExtremity: number[];
  };
  /** Sparsity-aware projection of every participant, in `participants` order. */
  participantProjection: { x: number[]; y: number[] };
  /** Group id per participant (`participants` order), null when not clustered. */
  participantGroup: (number | null)[];
  /** The fine clusters (Polis `base-clusters`) that groups are made of: ids, members and centres. */
  baseClusters: { id: number[]; members: ParticipantId[][]; x: number[]; y: number[]; count: number[] };
  /** The opinion groups; their labels A, B, … follow this order. */
  groups: GroupResult[];
  /** Group selection: silhouette per k, the best k this update and the k shown after smoothing. */
  k: { silhouettes: Record<string, number>; best: number; chosen: number };
  /** Per base cluster tallies (Polis `votes-base`): arrays indexed [statement][base cluster]. */
  votesBase: { agree: number[][]; disagree: number[][]; seen: number[][] };
  /** Statements most participants agree / disagree with, best first (Polis `consensus`). */
  consensus: { agree: ConsensusEntry[]; disagree: ConsensusEntry[] };
  /** Polis group-aware consensus per statement (product over groups of (A+1)/(S+2)). */
  groupAwareConsensus: number[];
  /** Polis comment priorities per statement (routing weights for the next statement). */
  priorities: number[];
  /**
   * Bridging score per statement (`statements` order): the statement's intercept in a one-factor matrix
   * factorisation of the votes, agree = +1 (see `bridgingScores`). High when people far apart on the map
   * agree; needs no number of groups. null for moderated-out statements. Present when the `bridging`
   * option applies (stable mode by default).
   */
  bridging?: (number | null)[];
  /** How stable mode found the groups; present in stable mode only. */
  stable?: StableInfo;
  /** Bootstrap uncertainty of this result, attached with `withUncertainty`. */
  uncertainty?: Uncertainty;
}

/** Stable mode's record of its clustering (objectives are within-cluster sums of squared distances). */
export interface StableInfo {
  /** Objective of each fresh k-means++ restart of the base clustering (empty when points were grouped exactly). */
  baseRestarts: number[];
  /** Objective of the base clustering kept. */
  baseObjective: number;
  /** Whether the previous update's base clusters were kept (`stableWarmStart`). */
  baseWarm: boolean;
  /** Per k: weighted objective of the best group clustering. */
  groupObjectives: Record<string, number>;
  /** The k whose group clustering came from the previous update's groups (`stableWarmStart`). */
  groupWarm: number[];
  /** The silhouettes in `k.silhouettes` count every participant once (Polis counts base clusters). */
  silhouette: 'participants';
  /** Tie band used to choose k. */
  kTieBand: number;
}

/**
 * Bootstrap uncertainty of a result (`bootstrap`): the votes are resampled, the math rerun, and each
 * resample's groups matched to the result's. Arrays follow the result's `participants` and `groups`.
 */
export interface Uncertainty {
  format: 'kuulo-uncertainty@1';
  /** Mode of the math that was rerun. */
  mode: 'polis' | 'stable';
  /** What was resampled: participants with replacement, or each vote kept with probability 1 − 1/e. */
  unit: 'participants' | 'votes';
  resamples: number;
  seed: number;
  /** Support at or above which a statement counts as robust. */
  robustThreshold: number;
  /**
   * Per participant: the share of the resamples that contained them in which they landed in the group
   * matched to their own. null when the participant is not in a group or was never resampled.
   */
  membershipConfidence: (number | null)[];
  /** Per group (`groups` order): mean Jaccard similarity of its best match across resamples (Hennig's clusterwise stability; < 0.6 dissolves, > 0.85 highly stable). */
  groups: { id: number; stability: number }[];
  /** Share of resamples that chose each number of groups. */
  k: Record<string, number>;
  /** Adjusted Rand index between the result's groups and each resample's, over the participants in both. */
  ari: number[];
  /** Each representative statement: share of resamples in which it stays significant (z-tests above `zThreshold`) for the matched group, on the same side. */
  repness: { group: number; statement: StatementId; repfulFor: 'agree' | 'disagree'; support: number; robust: boolean }[];
  /** Each consensus statement: share of resamples in which it still passes the consensus test on the same side. */
  consensus: { statement: StatementId; side: 'agree' | 'disagree'; support: number; robust: boolean }[];
  /** 5th and 95th percentile of each statement's bridging score over the resamples, when the result has bridging. */
  bridging: { low: (number | null)[]; high: (number | null)[] } | null;
}

/** How `replay` fed the votes in, so a result says how it was produced. */
export interface ReplayInfo {
  /** Votes per tick (time order), or 0 when batched by time window. */
  batchSize: number;
  /** Time window per tick in ms, or 0. */
  batchMs: number;
  /** Whether a final restart tick cold-started the groups from the base clusters. */
  finalRestart: boolean;
  ticks: number;
  /** With `polisEra` on: the setting, and per rule the number of replayed ticks it applied to (absent when off). */
  polisEra?: { era: 'auto' | { rules: Record<string, boolean> }; ruleTicks: Record<string, number> };
}
