import type { FastifyRequest } from 'fastify';
import { apiError } from '../errors.js';
import type { ConversationRow } from '../repositories/conversations.js';
import { findStatement } from '../repositories/statements.js';
import type { VoteValue } from '../repositories/votes.js';
import { findParticipant, resolveParticipant, type Identity, type ResolvedParticipant } from './participantIdentity.js';

/**
 * Records a vote (public sign) and resolves once it is committed (group commit, see VoteWriter). A changed vote is a new history
 * row and replaces the current one. Refused on closed conversations and on statements participants
 * may not vote on, before anything is written.
 */
export async function castVote(
  request: FastifyRequest,
  conversation: ConversationRow,
  identity: Identity,
  tid: number,
  vote: VoteValue,
): Promise<{ participant: ResolvedParticipant; createdAt: number }> {
  if (!conversation.isOpen) throw apiError('CONVERSATION_CLOSED', `conversation '${conversation.slug}' is closed: votes are no longer accepted`);
  const db = request.server.db;
  const statement = await findStatement(db, conversation.id, tid);
  if (!statement) throw apiError('STATEMENT_NOT_FOUND', `statement ${tid} does not exist in conversation '${conversation.slug}'`);
  if (statement.moderation === -1) throw apiError('STATEMENT_REJECTED', `statement ${tid} was rejected by a moderator and cannot be voted on`);
  if (conversation.strictModeration && statement.moderation !== 1) {
    throw apiError('STATEMENT_NOT_ACCEPTED', `statement ${tid} awaits moderation (strict moderation) and cannot be voted on yet`);
  }
  // First contact writes the participant at once (its own small transaction); the vote joins the next group commit.
  const existing = await findParticipant(request, conversation, identity);
  const participant = existing ? { participant: existing } : await db.transaction(async (tx) => await resolveParticipant(request, conversation, identity));
  const createdAt = Date.now();
  await request.server.kuulo.votes.write(conversation.id, { pid: participant.participant.pid, tid, vote, createdAt });
  request.server.kuulo.math.touch(conversation.id);
  return { participant, createdAt };
}
