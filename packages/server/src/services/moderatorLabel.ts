import type { FastifyRequest } from 'fastify';
import { bearerToken, hashKey, sameHash } from '../auth/keys.js';
import type { ConversationRow } from '../repositories/conversations.js';
import { moderatorKeyLabel } from '../repositories/moderatorKeys.js';

/**
 * Who acts, for the moderation log: 'admin' for the server's admin key, a named moderator key's label,
 * else 'moderator' (the conversation's own key). Call after requireModerator.
 */
export async function moderatorLabel(request: FastifyRequest, conversation: ConversationRow): Promise<string> {
  const key = bearerToken(request.headers.authorization);
  if (key === undefined) return 'moderator';
  const hash = hashKey(key);
  if (sameHash(hash, request.server.kuulo.adminKeyHash)) return 'admin';
  return await moderatorKeyLabel(request.server.db, conversation.id, hash) ?? 'moderator';
}
