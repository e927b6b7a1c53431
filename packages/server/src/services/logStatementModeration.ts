import type { Db } from '../db/db.js';
import { logModeration } from '../repositories/moderationLog.js';
import type { StatementRow } from '../repositories/statements.js';
import { moderationName, type ModerationName } from './statementView.js';

/** The log's name for setting a statement to each state; a meta mark alone is 'statement.meta'. */
const logAction: Record<ModerationName, string> = { accepted: 'statement.accept', rejected: 'statement.reject', pending: 'statement.reset' };

export interface StatementModerationChange {
  moderation?: ModerationName;
  isMeta?: boolean;
  /** Rejected as a duplicate of this statement. */
  duplicateOf?: number | null;
  /** How many statements the same bulk request changed. */
  bulk?: number;
}

/**
 * Logs a moderator's change of one statement (call inside the transaction that makes it), unless it
 * changes nothing: the action by the new state, the earlier state and what else changed in `detail`.
 */
export async function logStatementModeration(db: Db, actor: string, before: StatementRow, change: StatementModerationChange, at: number): Promise<void> {
  const newState = change.moderation !== undefined && change.moderation !== moderationName[before.moderation];
  const newMeta = change.isMeta !== undefined && change.isMeta !== before.isMeta;
  const duplicate = typeof change.duplicateOf === 'number';
  if (!newState && !newMeta && !duplicate) return;
  const action = change.moderation !== undefined && (newState || duplicate) ? logAction[change.moderation] : 'statement.meta';
  const detail = {
    from: moderationName[before.moderation],
    ...(newMeta && { isMeta: change.isMeta }),
    ...(duplicate && { duplicateOf: change.duplicateOf }),
    ...(change.bulk !== undefined && { bulk: change.bulk }),
  };
  await logModeration(db, { conversationId: before.conversationId, actor, action, target: `statement:${before.tid}`, detail, at });
}
