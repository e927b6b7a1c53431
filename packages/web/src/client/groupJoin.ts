/** Votes after which Polis puts a participant in a group (core's defaultOptions.inConvThreshold). */
export const groupVoteThreshold = 7;

/** How far this participant is through the statements (from GET …/next: total − remaining). */
export interface VoteProgress {
  voted: number;
  total: number;
}

/**
 * Statements still to vote on before joining a group: min(7, statements) − votes, as Polis counts.
 * A participant may be placed earlier (Polis tops the grouped set up to 15 people), never later.
 */
export function votesToJoin(progress: VoteProgress): number {
  return Math.max(0, Math.min(groupVoteThreshold, progress.total) - progress.voted);
}
