import type { Moderation, StatementRow, Tally } from '../repositories/statements.js';

export type ModerationName = 'pending' | 'accepted' | 'rejected';

export const moderationName: Record<Moderation, ModerationName> = { [-1]: 'rejected', 0: 'pending', 1: 'accepted' };
export const moderationValue: Record<ModerationName, Moderation> = { rejected: -1, pending: 0, accepted: 1 };

export type VoteName = 'agree' | 'disagree' | 'pass';
export const voteName: Record<-1 | 0 | 1, VoteName> = { [-1]: 'disagree', 0: 'pass', 1: 'agree' };
export const voteValue: Record<VoteName, -1 | 0 | 1> = { disagree: -1, pass: 0, agree: 1 };

/** A statement as participants see it (no author). */
export function statementOut(s: StatementRow, tally?: Tally) {
  return {
    id: s.tid,
    text: s.text,
    lang: s.lang,
    isSeed: s.isSeed,
    isMeta: s.isMeta,
    moderation: moderationName[s.moderation],
    createdAt: s.createdAt,
    ...(tally && { tally }),
  };
}

/** A statement as moderators see it. */
export function queueItemOut(s: StatementRow, tally: Tally | undefined) {
  return { ...statementOut(s), moderatedAt: s.moderatedAt, authorPid: s.authorPid, tally: tally ?? { agree: 0, disagree: 0, pass: 0 } };
}

/** Whether participants may see and vote on the statement. */
export function isVisible(s: StatementRow, strictModeration: boolean): boolean {
  return strictModeration ? s.moderation === 1 : s.moderation >= 0;
}
