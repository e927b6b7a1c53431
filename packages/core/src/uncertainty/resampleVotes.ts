import type { StatementId } from '../types.js';

/** The votes of each reference participant: `statement[rowPtr[k] .. rowPtr[k+1])` with `vote` (public sign). */
export interface VotesByParticipant {
  rowPtr: Int32Array;
  statement: StatementId[];
  vote: Int8Array;
}

/** One resample as vote columns, participants named 0, 1, … in reference order. */
export interface Resample {
  participant: Int32Array;
  statement: StatementId[];
  vote: Int8Array;
  /** Reference participant index of each resample participant. */
  copyOf: Int32Array;
  /** How many times each reference participant appears (0 when absent). */
  multiplicity: Int32Array;
}

// A vote appears in a bootstrap sample of the votes with probability 1 − (1 − 1/n)^n → 1 − 1/e.
const VOTE_KEEP = 1 - Math.exp(-1);

/**
 * Draws one resample of a conversation's votes. 'participants': n participants drawn with replacement,
 * each copy with all of that participant's votes (copies become distinct participants, listed next to each
 * other in reference order). 'votes': every participant kept, each vote kept with probability 1 − 1/e, the
 * chance a vote appears in a with-replacement sample of the votes (duplicates of a cell would collapse).
 */
export function resampleVotes(votes: VotesByParticipant, unit: 'participants' | 'votes', random: () => number): Resample {
  const n = votes.rowPtr.length - 1;
  const multiplicity = new Int32Array(n);
  if (unit === 'participants') for (let d = 0; d < n; d++) multiplicity[Math.floor(random() * n)]!++;
  else multiplicity.fill(1);
  const participant: number[] = [];
  const statement: StatementId[] = [];
  const vote: number[] = [];
  const copyOf: number[] = [];
  for (let k = 0; k < n; k++) {
    for (let copy = 0; copy < multiplicity[k]!; copy++) {
      const id = copyOf.length;
      let kept = 0;
      for (let p = votes.rowPtr[k]!; p < votes.rowPtr[k + 1]!; p++) {
        if (unit === 'votes' && random() >= VOTE_KEEP) continue;
        participant.push(id);
        statement.push(votes.statement[p]!);
        vote.push(votes.vote[p]!);
        kept++;
      }
      if (kept > 0) copyOf.push(k);
      else if (unit === 'votes') multiplicity[k] = 0;
    }
  }
  return { participant: Int32Array.from(participant), statement, vote: Int8Array.from(vote), copyOf: Int32Array.from(copyOf), multiplicity };
}
