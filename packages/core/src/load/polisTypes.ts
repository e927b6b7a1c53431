import type { ModerationState, ParticipantId, StatementId, StatementModeration, VoteValue } from '../types.js';

/** Options every Polis loader takes. */
export interface PolisLoadOptions {
  /** File name used in error messages. Default: the conventional name, e.g. `votes.csv`. */
  source?: string;
}

/** Options of the vote loaders. */
export interface PolisVotesLoadOptions extends PolisLoadOptions {
  /**
   * Sign convention of the file: 'export' (agree = +1, every Polis export and our `Vote`) or
   * 'internal' (agree = −1, raw Polis database values), which is negated on load. Default 'export'.
   */
  sign?: 'export' | 'internal';
}

/** One Polis comment ("statement") with what the exports say about it. */
export interface PolisStatement {
  id: StatementId;
  text: string;
  /** Author's participant id. */
  author?: ParticipantId;
  /** Creation time, ms since the epoch. */
  created?: number;
  moderation: ModerationState;
  isMeta: boolean;
  /** Language tag of `text`, from a Kuulo export's `language` column (Polis has none). */
  lang?: string;
  /** The text in other languages by tag, from a Kuulo export's `translations` column. */
  translations?: Record<string, string>;
  /** Polis's own tallies, when the export has them (used by `checkSignConvention`). */
  agreeCount?: number;
  disagreeCount?: number;
  passCount?: number;
}

/** Statements of a comments file plus the moderation to feed `Conversation.moderate`. */
export interface PolisComments {
  moderation: StatementModeration[];
  statements: PolisStatement[];
}

/** One row of `participants-votes.csv`. */
export interface PolisParticipantRow {
  id: number;
  /** Polis's group for this participant, null when Polis did not cluster them. */
  groupId: number | null;
  /** Statements this participant wrote. */
  nComments: number;
  nVotes: number;
  nAgree: number;
  nDisagree: number;
  /** Vote per statement in `statements` order (agree = +1), null when not voted. */
  votes: (VoteValue | null)[];
}

/** A Polis `participants-votes.csv`: one row per participant with their vote on each statement column. */
export interface PolisParticipantsVotes {
  /** Statement ids of the vote columns, in file order. */
  statements: number[];
  participants: PolisParticipantRow[];
}

/**
 * Votes as parallel typed arrays (row i is one vote), the fast form of a votes.csv. Ids must be
 * integers that fit in 32 bits; `time` is NaN when the file has no timestamp column.
 */
export interface PolisVoteColumns {
  length: number;
  participant: Int32Array;
  statement: Int32Array;
  /** Public sign: agree = +1. */
  vote: Int8Array;
  time: Float64Array;
}
