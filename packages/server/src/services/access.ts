import type { FastifyRequest } from 'fastify';
import { bearerToken, hashKey, keyPrefix, sameHash } from '../auth/keys.js';
import { apiError } from '../errors.js';
import { findConversation, type ConversationRow } from '../repositories/conversations.js';
import { moderatorKeyLabel } from '../repositories/moderatorKeys.js';

/** The conversation named in the URL, or CONVERSATION_NOT_FOUND. */
export async function loadConversation(request: FastifyRequest, slug: string): Promise<ConversationRow> {
  const conversation = await findConversation(request.server.db, slug);
  if (!conversation) throw apiError('CONVERSATION_NOT_FOUND', `conversation '${slug}' does not exist`);
  return conversation;
}

function presentedKey(request: FastifyRequest): string {
  const key = bearerToken(request.headers.authorization);
  if (key === undefined || key.startsWith(keyPrefix.participant)) {
    throw apiError('AUTH_REQUIRED', 'this route needs a moderator or admin key in the Authorization header (Bearer <key>)');
  }
  return key;
}

/** Passes for the server's admin key only. */
export function requireAdmin(request: FastifyRequest): void {
  const hash = hashKey(presentedKey(request));
  if (!sameHash(hash, request.server.kuulo.adminKeyHash)) throw apiError('AUTH_INVALID', 'the Authorization key is not the admin key');
}

/** Whether `hash` is the conversation's own key, one of its named moderator keys, or the admin key. */
async function moderates(request: FastifyRequest, conversation: ConversationRow, hash: string): Promise<boolean> {
  return sameHash(hash, conversation.moderatorKeyHash) || sameHash(hash, request.server.kuulo.adminKeyHash) || await moderatorKeyLabel(request.server.db, conversation.id, hash) !== undefined;
}

/** Passes for the conversation's moderator key (its own or a named one) or the admin key. */
export async function requireModerator(request: FastifyRequest, conversation: ConversationRow): Promise<void> {
  const hash = hashKey(presentedKey(request));
  if (await moderates(request, conversation, hash)) return;
  throw apiError('AUTH_INVALID', `the Authorization key is neither the moderator key of conversation '${conversation.slug}' nor the admin key`);
}

/** Whether the request carries the conversation's moderator key or the admin key (public routes that show moderators more). */
export async function hasModeratorKey(request: FastifyRequest, conversation: ConversationRow): Promise<boolean> {
  const key = bearerToken(request.headers.authorization);
  if (key === undefined || key.startsWith(keyPrefix.participant)) return false;
  return await moderates(request, conversation, hashKey(key));
}
