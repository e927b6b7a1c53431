import type { FastifyRequest } from 'fastify';
import { apiError } from '../errors.js';
import type { ConversationRow } from '../repositories/conversations.js';
import { findStatement } from '../repositories/statements.js';

/**
 * "Reject as duplicate of #N": N must be another statement of the conversation that participants can
 * still vote on (its author is sent there), and the same request must reject this one.
 */
export async function checkDuplicateTarget(request: FastifyRequest, conversation: ConversationRow, tid: number, duplicateOf: number, moderation: string | undefined): Promise<void> {
  if (moderation !== 'rejected') {
    throw apiError('VALIDATION_FAILED', `body/duplicateOf: marking statement ${tid} a duplicate of ${duplicateOf} needs moderation 'rejected' in the same request, got ${moderation === undefined ? 'none' : `'${moderation}'`}`);
  }
  if (duplicateOf === tid) throw apiError('VALIDATION_FAILED', `body/duplicateOf: statement ${tid} cannot be a duplicate of itself`);
  const target = await findStatement(request.server.db, conversation.id, duplicateOf);
  if (!target) throw apiError('STATEMENT_NOT_FOUND', `body/duplicateOf: statement ${duplicateOf} does not exist in conversation '${conversation.slug}'`);
  if (target.moderation === -1) throw apiError('VALIDATION_FAILED', `body/duplicateOf: statement ${duplicateOf} is rejected itself, so its author could not vote on it instead; name a statement that is not rejected`);
}
