import type { FastifyRequest } from 'fastify';
import { apiError } from '../errors.js';
import type { ConversationRow } from '../repositories/conversations.js';
import { countAuthorStatements, countStatements, insertStatement, textKeyExists, type StatementRow } from '../repositories/statements.js';
import { insertVote } from '../repositories/votes.js';
import { resolveParticipant, type Identity, type ResolvedParticipant } from './participantIdentity.js';
import { statementLanguage } from './statementLanguage.js';
import { textKey } from './textKey.js';

/** Trimmed text within the configured length, or VALIDATION_FAILED naming the limit. */
export function cleanText(request: FastifyRequest, text: string): string {
  const clean = text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '').trim();
  const max = request.server.kuulo.config.limits.statementLength;
  if (clean.length === 0) throw apiError('VALIDATION_FAILED', 'body.text is empty after trimming');
  if ([...clean].length > max) throw apiError('VALIDATION_FAILED', `body.text has ${[...clean].length} characters, more than the limit of ${max}`);
  return clean;
}

async function checkRoom(request: FastifyRequest, conversation: ConversationRow, text: string): Promise<string> {
  const key = textKey(text);
  if (await textKeyExists(request.server.db, conversation.id, key)) {
    throw apiError('STATEMENT_DUPLICATE', `conversation '${conversation.slug}' already has this statement`);
  }
  const max = request.server.kuulo.config.limits.statementsPerConversation;
  // Rejected statements free their place: spam a moderator threw out must not lock the conversation.
  if (await countStatements(request.server.db, conversation.id, 'visible') >= max) {
    throw apiError('STATEMENT_LIMIT', `conversation '${conversation.slug}' has reached its limit of ${max} statements (rejected ones not counted)`);
  }
  return key;
}

// Rejected statements count here: otherwise being rejected would buy a participant more submissions.
async function checkAllowance(request: FastifyRequest, conversation: ConversationRow, pid: number): Promise<void> {
  const max = request.server.kuulo.config.limits.statementsPerParticipant;
  if (await countAuthorStatements(request.server.db, conversation.id, pid) >= max) {
    throw apiError('STATEMENT_ALLOWANCE', `this participant has submitted ${max} statements to conversation '${conversation.slug}', the limit per participant`);
  }
}

/**
 * A participant's statement: pending moderation (hidden until accepted under strict moderation),
 * with the author's own agree vote recorded as Polis does.
 */
export async function submitStatement(
  request: FastifyRequest,
  conversation: ConversationRow,
  identity: Identity,
  input: { text: string; lang?: string },
): Promise<{ statement: StatementRow; participant: ResolvedParticipant }> {
  if (!conversation.isOpen) throw apiError('CONVERSATION_CLOSED', `conversation '${conversation.slug}' is closed`);
  const text = cleanText(request, input.text);
  // Detected before the write transaction: franc reads the whole text.
  const language = statementLanguage(conversation, text, input.lang);
  const db = request.server.db;
  return await db.transaction(async (tx) => {
    const key = await checkRoom(request, conversation, text);
    const participant = await resolveParticipant(request, conversation, identity);
    await checkAllowance(request, conversation, participant.participant.pid);
    const now = Date.now();
    const statement = await insertStatement(tx, conversation.id, {
      authorPid: participant.participant.pid,
      text,
      textKey: key,
      ...language,
      isSeed: false,
      isMeta: false,
      moderation: 0,
      createdAt: now,
    });
    await insertVote(tx, conversation.id, { pid: participant.participant.pid, tid: statement.tid, vote: 1, createdAt: now });
    return { statement, participant };
  });
}

/** A moderator's seed statement: accepted at once, no author, outside any participant's allowance. */
export async function seedStatement(request: FastifyRequest, conversation: ConversationRow, input: { text: string; lang?: string; isMeta?: boolean }): Promise<StatementRow> {
  const text = cleanText(request, input.text);
  const language = statementLanguage(conversation, text, input.lang);
  const db = request.server.db;
  return await db.transaction(async (tx) => {
    const key = await checkRoom(request, conversation, text);
    return await insertStatement(tx, conversation.id, {
      authorPid: null,
      text,
      textKey: key,
      ...language,
      isSeed: true,
      isMeta: input.isMeta ?? false,
      moderation: 1,
      createdAt: Date.now(),
    });
  });
}
