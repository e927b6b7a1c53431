import type { Db } from '../db/db.js';
import type { ConversationRow } from '../repositories/conversations.js';
import { participantCount } from '../repositories/participants.js';
import type { StatementRow, Tally } from '../repositories/statements.js';
import type { NextStatement } from '../services/nextStatement.js';

/**
 * The author pid open data gives statements without an author (seeds). Polis writes its owner's pid,
 * who is a participant there; Kuulo's moderators are not, so seeds get a pid no participant is given.
 */
export const seedAuthorPid = 2_147_483_647;

/** A statement in the shape of Polis's comment objects; `withAuthor` adds `pid` (open data or a moderator). */
export function polisComment(c: ConversationRow, s: StatementRow, tally: Tally | undefined, withAuthor = false) {
  const t = tally ?? { agree: 0, disagree: 0, pass: 0 };
  return {
    txt: s.text,
    tid: s.tid,
    ...(withAuthor && { pid: s.authorPid ?? seedAuthorPid }),
    created: String(s.createdAt),
    quote_src_url: null,
    is_seed: s.isSeed,
    is_meta: s.isMeta,
    lang: s.lang,
    mod: s.moderation,
    active: true,
    agree_count: t.agree,
    disagree_count: t.disagree,
    pass_count: t.pass,
    count: t.agree + t.disagree + t.pass,
    conversation_id: c.slug,
  };
}

/** Polis's nextComment: the statement's fields plus remaining / total, or only the counts when none is left. */
export function polisNextComment(next: NextStatement, currentPid: number | null) {
  const s = next.statement;
  return {
    ...(s && { tid: s.tid, txt: s.text, created: String(s.createdAt), lang: s.lang, is_seed: s.isSeed, is_meta: s.isMeta, quote_src_url: null, translations: [] }),
    remaining: next.remaining,
    total: next.total,
    ...(currentPid !== null && { currentPid }),
  };
}

/** The conversation in the shape of Polis's conversation object (the fields Polis clients read). */
export async function polisConversation(db: Db, c: ConversationRow) {
  return {
    conversation_id: c.slug,
    topic: c.topic,
    description: c.description,
    is_active: c.isOpen,
    strict_moderation: c.strictModeration,
    is_anon: true,
    use_xid_whitelist: c.useXidAllowlist,
    participant_count: await participantCount(db, c.id),
    created: String(c.createdAt),
    modified: String(c.updatedAt),
    vis_type: 1,
    write_type: 1,
    help_type: 1,
    auth_needed_to_vote: false,
    auth_needed_to_write: false,
  };
}
