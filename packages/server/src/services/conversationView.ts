import type { Db } from '../db/db.js';
import { conversationCounts, type ConversationRow } from '../repositories/conversations.js';

/** A conversation as the API shows it (no key hashes, no seed). */
export async function conversationOut(db: Db, c: ConversationRow) {
  return {
    id: c.slug,
    topic: c.topic,
    description: c.description,
    strictModeration: c.strictModeration,
    open: c.isOpen,
    languages: c.languages,
    translations: c.translations,
    machineTranslation: c.machineTranslation,
    xidAllowlist: c.useXidAllowlist,
    mode: c.mode,
    bridging: c.bridging,
    privacyFloor: c.privacyFloor,
    headlineMinVotes: c.headlineMinVotes,
    headlineMinGroupVotes: c.headlineMinGroupVotes,
    signedXids: c.xidSecret !== null,
    dataOpen: c.dataOpen,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
    counts: await conversationCounts(db, c.id),
  };
}
