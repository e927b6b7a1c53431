import type { StatementId, Vote } from '../types.js';
import { PolisDataError } from './polisDataError.js';
import type { PolisStatement, PolisVoteColumns } from './polisTypes.js';

/** File names `checkSignConvention` uses in its error message. */
export interface SignConventionOptions {
  /** Name of the votes file in the error message. Default 'votes'. */
  votesSource?: string;
  /** Name of the comments file in the error message. Default 'comments'. */
  statementsSource?: string;
}

/** How well the votes reproduce the comments' agree / disagree counts, as given and negated. */
export interface SignConventionCheck {
  /** Statements that have both counts and at least one vote. */
  compared: number;
  /** Σ |agrees − counted agrees| + |disagrees − counted disagrees| with the votes as given. */
  mismatch: number;
  /** The same with every vote negated. */
  flippedMismatch: number;
}

/**
 * Checks that votes use the public sign (agree = +1) by comparing each statement's latest votes with
 * the agree / disagree counts of the comments export, and throws a PolisDataError when the negated
 * votes match clearly better. Small mismatches are expected (comments.csv counts superseded vote
 * rows; some API exports miss votes), so only a clear win for "flipped" is an error.
 */
export function checkSignConvention(
  votes: readonly Vote[] | PolisVoteColumns,
  statements: readonly PolisStatement[],
  options: SignConventionOptions = {},
): SignConventionCheck {
  const votesSource = options.votesSource ?? 'votes';
  const statementsSource = options.statementsSource ?? 'comments';
  // Latest vote per cell: by time when both votes have one, else by arrival (as the vote store does).
  const latest = new Map<StatementId, Map<unknown, { vote: number; time: number }>>();
  const n = votes.length;
  const columns = Array.isArray(votes) ? null : (votes as PolisVoteColumns);
  const list = votes as readonly Vote[];
  for (let i = 0; i < n; i++) {
    const statement = columns ? (columns.statement[i] as number) : (list[i] as Vote).statement;
    const participant = columns ? (columns.participant[i] as number) : (list[i] as Vote).participant;
    const vote = columns ? (columns.vote[i] as number) : (list[i] as Vote).vote;
    const time = columns ? (columns.time[i] as number) : ((list[i] as Vote).time ?? NaN);
    let cells = latest.get(statement);
    if (cells === undefined) latest.set(statement, (cells = new Map()));
    const old = cells.get(participant);
    // NaN compares false, so a vote without time replaces by arrival.
    if (old === undefined || !(time < old.time)) cells.set(participant, { vote, time });
  }
  let compared = 0;
  let mismatch = 0;
  let flippedMismatch = 0;
  let countedTotal = 0;
  let worst: { id: StatementId; agrees: number; disagrees: number; counted: number; gain: number } | undefined;
  for (const statement of statements) {
    const cells = latest.get(statement.id);
    if (statement.agreeCount === undefined || statement.disagreeCount === undefined || cells === undefined) continue;
    let agree = 0;
    let disagree = 0;
    for (const vote of cells.values()) {
      if (vote.vote === 1) agree++;
      else if (vote.vote === -1) disagree++;
    }
    const asIs = Math.abs(statement.agreeCount - agree) + Math.abs(statement.disagreeCount - disagree);
    const flipped = Math.abs(statement.agreeCount - disagree) + Math.abs(statement.disagreeCount - agree);
    compared++;
    mismatch += asIs;
    flippedMismatch += flipped;
    countedTotal += statement.agreeCount + statement.disagreeCount;
    const gain = asIs - flipped;
    if (worst === undefined || gain > worst.gain) {
      worst = { id: statement.id, agrees: statement.agreeCount, disagrees: statement.disagreeCount, counted: disagree, gain };
    }
  }
  // Flipped only when negating removes most of the mismatch and the mismatch is not noise.
  const clearlyFlipped = flippedMismatch * 3 < mismatch && mismatch - flippedMismatch > Math.max(2, 0.05 * countedTotal);
  if (clearlyFlipped && worst !== undefined) {
    throw new PolisDataError(
      `votes look sign-flipped: statement ${String(worst.id)} has ${worst.agrees} agrees in ${statementsSource} ` +
        `but ${worst.counted} disagrees in ${votesSource} (over ${compared} statements the counts differ by ${mismatch} ` +
        `as given and by ${flippedMismatch} negated); pass sign: 'internal' if the votes file stores Polis's internal ` +
        `convention (agree = −1), or check that the files belong to the same conversation`,
      { source: votesSource },
    );
  }
  return { compared, mismatch, flippedMismatch };
}
