import type Database from 'better-sqlite3';
import { apiError } from '../errors.js';
import type { PolisExport } from '../polis/parsePolisExport.js';
import { insertParticipant } from '../repositories/participants.js';
import { insertStatement } from '../repositories/statements.js';
import { insertVote } from '../repositories/votes.js';
import { createConversation, type ConversationInput } from './createConversation.js';
import { textKey } from './textKey.js';
import type { ConversationRow } from '../repositories/conversations.js';

export interface ImportSummary {
  statements: number;
  participants: number;
  votes: number;
  /** Votes were stored with Polis's internal sign and were negated on import. */
  negated: boolean;
}

const int32 = (n: unknown): n is number => Number.isInteger(n) && (n as number) >= 0 && (n as number) <= 2_147_483_647;

/**
 * Stores a parsed Polis export as a new conversation in one transaction, keeping Polis's statement
 * and participant ids and vote times. Imported participants have no token (nobody can vote as them).
 */
export function importConversation(
  db: Database.Database,
  input: ConversationInput,
  data: PolisExport,
  limits: { topicLength: number; descriptionLength: number; statementLength: number; statementsPerConversation: number },
): { conversation: ConversationRow; moderatorKey: string; summary: ImportSummary } {
  if (data.statements.length > limits.statementsPerConversation) {
    throw apiError('IMPORT_INVALID', `the export has ${data.statements.length} statements, more than the limit of ${limits.statementsPerConversation}`);
  }
  for (const s of data.statements) {
    if (!int32(s.id)) throw apiError('IMPORT_INVALID', `statement id ${String(s.id)} is not an integer between 0 and 2147483647`);
    if (s.author !== undefined && !int32(s.author)) throw apiError('IMPORT_INVALID', `statement ${String(s.id)}: author id ${String(s.author)} is not an integer between 0 and 2147483647`);
  }
  for (const [i, v] of data.votes.entries()) {
    if (!int32(v.participant)) throw apiError('IMPORT_INVALID', `vote ${i + 1}: participant id ${String(v.participant)} is not an integer between 0 and 2147483647`);
  }
  return db.transaction(() => {
    const { conversation, moderatorKey } = createConversation(db, input, limits);
    const now = Date.now();
    const pids = new Set<number>();
    for (const s of data.statements) if (s.author !== undefined) pids.add(s.author as number);
    for (const v of data.votes) pids.add(v.participant as number);
    for (const pid of [...pids].sort((a, b) => a - b)) insertParticipant(db, conversation.id, { tokenHash: null, xid: null, createdAt: now, pid });
    const keys = new Set<string>();
    for (const s of [...data.statements].sort((a, b) => (a.id as number) - (b.id as number))) {
      // Imported text is kept byte for byte; only the duplicate key is normalised.
      const text = s.text;
      const key = textKey(text);
      // Real exports contain duplicates; keep them, but only the first takes part in duplicate checks.
      const unique = !keys.has(key);
      keys.add(key);
      insertStatement(db, conversation.id, {
        tid: s.id as number,
        authorPid: (s.author as number | undefined) ?? null,
        text,
        textKey: unique ? key : null,
        lang: null,
        isSeed: false,
        isMeta: s.isMeta,
        moderation: s.moderation,
        createdAt: s.created ?? now,
      });
    }
    // History in time order (file order breaks ties), so arrival order and time agree.
    const order = data.votes.map((_, i) => i).sort((a, b) => (data.votes[a]!.time ?? 0) - (data.votes[b]!.time ?? 0) || a - b);
    for (const i of order) {
      const v = data.votes[i]!;
      insertVote(db, conversation.id, { pid: v.participant as number, tid: v.statement as number, vote: v.vote, createdAt: v.time ?? now });
    }
    return { conversation, moderatorKey, summary: { statements: data.statements.length, participants: pids.size, votes: data.votes.length, negated: data.negated } };
  })();
}
