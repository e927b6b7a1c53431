import type { Db } from '../db/db.js';
import type { Moderation, StatementRow, Tally } from '../repositories/statements.js';
import { translationsFor, type Translations } from '../repositories/translations.js';
import type { SimilarityResult } from '../similarity/similarFor.js';
import type { NextStatement } from './nextStatement.js';

export type ModerationName = 'pending' | 'accepted' | 'rejected';

export const moderationName: Record<Moderation, ModerationName> = { [-1]: 'rejected', 0: 'pending', 1: 'accepted' };
export const moderationValue: Record<ModerationName, Moderation> = { rejected: -1, pending: 0, accepted: 1 };

export type VoteName = 'agree' | 'disagree' | 'pass';
export const voteName: Record<-1 | 0 | 1, VoteName> = { [-1]: 'disagree', 0: 'pass', 1: 'agree' };
export const voteValue: Record<VoteName, -1 | 0 | 1> = { disagree: -1, pass: 0, agree: 1 };

/** A statement as participants see it (no author), with its translations (see translationsFor). */
export function statementOut(s: StatementRow, translations: Translations, tally?: Tally) {
  return {
    id: s.tid,
    text: s.text,
    lang: s.lang,
    langSource: s.langSource,
    translations,
    isSeed: s.isSeed,
    isMeta: s.isMeta,
    moderation: moderationName[s.moderation],
    createdAt: s.createdAt,
    ...(tally && { tally }),
  };
}

const noSimilarity: SimilarityResult = { similar: [], duplicateOf: null };

/** A statement as moderators see it, with its likely duplicates (see similarFor). */
export function queueItemOut(s: StatementRow, translations: Translations, tally: Tally | undefined, similarity: SimilarityResult = noSimilarity) {
  return {
    ...statementOut(s, translations),
    moderatedAt: s.moderatedAt,
    authorPid: s.authorPid,
    tally: tally ?? { agree: 0, disagree: 0, pass: 0 },
    similar: similarity.similar,
    duplicateOf: similarity.duplicateOf,
  };
}

/** The next statement (GET …/next, the vote reply's `next`) with its translations. */
export async function nextOut(db: Db, next: NextStatement) {
  const s = next.statement;
  return { ...next, statement: s && statementOut(s, await translationsOf(db, s)) };
}

/** One statement's translations. */
export const translationsOf = async (db: Db, s: StatementRow): Promise<Translations> => (await translationsFor(db, s.conversationId, [s.tid])).get(s.tid)!;

/** Whether participants may see and vote on the statement. */
export function isVisible(s: StatementRow, strictModeration: boolean): boolean {
  return strictModeration ? s.moderation === 1 : s.moderation >= 0;
}
