import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { generateKey, hashKey } from '../auth/keys.js';
import { findConversation, setModeratorKeyHash } from '../repositories/conversations.js';
import { listFeatured, setFeatured } from '../repositories/featured.js';
import { logModeration } from '../repositories/moderationLog.js';
import { deleteModeratorKey, insertModeratorKey, listModeratorKeys, moderatorKeyLabelTaken } from '../repositories/moderatorKeys.js';
import { apiError } from '../errors.js';
import { FeaturedBody, FeaturedList, ModeratorKeyBody, ModeratorKeyReply, NamedKeyBody, NamedKeyList, NamedKeyParams, NamedKeyReply } from '../schemas/admin.js';
import { ConversationParams, errorResponses } from '../schemas/common.js';
import { loadConversation, requireAdmin } from '../services/access.js';

/** What the admin console needs beyond the conversation routes: a new moderator key, and the start page's list. */
export const adminRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const admin = [{ moderatorKey: [] }];

  app.post(
    '/conversations/:id/moderator-key',
    {
      schema: {
        tags: ['conversations'],
        summary: 'Issue a new moderator key (admin key)',
        description: 'For a lost or leaked key: the new key is returned once and the old one stops working at once. Takes an empty JSON object as body.',
        security: admin,
        params: ConversationParams,
        body: ModeratorKeyBody,
        response: { 200: ModeratorKeyReply, ...errorResponses },
      },
      // A bare POST (no body) is the usual call.
      preValidation: async (request) => {
        request.body ??= {};
      },
    },
    async (request) => {
      requireAdmin(request);
      const conversation = await loadConversation(request, request.params.id);
      const moderatorKey = generateKey('moderator');
      await app.db.transaction(async (tx) => {
        await setModeratorKeyHash(tx, conversation.id, hashKey(moderatorKey), Date.now());
        await logModeration(tx, { conversationId: conversation.id, actor: 'admin', action: 'moderator-key.reissue' });
      });
      return { moderatorKey };
    },
  );

  app.get(
    '/conversations/:id/moderator-keys',
    {
      schema: { tags: ['conversations'], summary: "A conversation's named moderator keys, by label (admin key)", security: admin, params: ConversationParams, response: { 200: NamedKeyList, ...errorResponses } },
    },
    async (request) => {
      requireAdmin(request);
      return { items: await listModeratorKeys(app.db, (await loadConversation(request, request.params.id)).id) };
    },
  );

  app.post(
    '/conversations/:id/moderator-keys',
    {
      schema: {
        tags: ['conversations'],
        summary: 'Issue a named moderator key, one per person (admin key)',
        description: "The key is returned once. It moderates like the conversation's own key, and the moderation log names its label as who acted.",
        security: admin,
        params: ConversationParams,
        body: NamedKeyBody,
        response: { 201: NamedKeyReply, ...errorResponses },
      },
    },
    async (request, reply) => {
      requireAdmin(request);
      const conversation = await loadConversation(request, request.params.id);
      const label = request.body.label.trim();
      const where = `conversation '${conversation.slug}'`;
      if (label === '') throw apiError('VALIDATION_FAILED', 'body.label is empty after trimming');
      // The built-in actors of the log: a named key must never pass for them.
      if (['admin', 'moderator'].includes(label.toLowerCase())) throw apiError('VALIDATION_FAILED', `body.label '${label}' is reserved for the admin key and the conversation's own key; choose a person's name`);
      if (await moderatorKeyLabelTaken(app.db, conversation.id, label)) throw apiError('VALIDATION_FAILED', `body.label '${label}' is already the label of a moderator key of ${where}; choose another or revoke that key first`);
      const moderatorKey = generateKey('moderator');
      await app.db.transaction(async (tx) => {
        await insertModeratorKey(tx, conversation.id, label, hashKey(moderatorKey), Date.now());
        await logModeration(tx, { conversationId: conversation.id, actor: 'admin', action: 'moderator-key.add', target: `key:${label}` });
      });
      return reply.code(201).send({ label, moderatorKey });
    },
  );

  app.delete(
    '/conversations/:id/moderator-keys/:label',
    {
      schema: {
        tags: ['conversations'],
        summary: 'Revoke a named moderator key (admin key)',
        description: 'The key stops working at once; what its holder did stays in the moderation log under the label.',
        security: admin,
        params: NamedKeyParams,
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      requireAdmin(request);
      const conversation = await loadConversation(request, request.params.id);
      const { label } = request.params;
      const removed = await app.db.transaction(async (tx) => {
        const done = await deleteModeratorKey(tx, conversation.id, label);
        if (done) await logModeration(tx, { conversationId: conversation.id, actor: 'admin', action: 'moderator-key.revoke', target: `key:${label}` });
        return done;
      });
      if (!removed) throw apiError('VALIDATION_FAILED', `params.label: conversation '${conversation.slug}' has no moderator key labelled '${label}'`);
      return reply.code(204).send(null);
    },
  );

  app.put(
    '/conversations/:id/featured',
    {
      schema: {
        tags: ['conversations'],
        summary: 'Feature a conversation on the start page, or take it off (admin key)',
        security: admin,
        params: ConversationParams,
        body: FeaturedBody,
        response: { 200: FeaturedList, ...errorResponses },
      },
    },
    async (request) => {
      requireAdmin(request);
      const conversation = await loadConversation(request, request.params.id);
      const { featured } = request.body;
      return await app.db.transaction(async (tx) => {
        await logModeration(tx, { conversationId: conversation.id, actor: 'admin', action: featured ? 'conversation.feature' : 'conversation.unfeature' });
        return { conversations: await setFeatured(tx, conversation.slug, featured) };
      });
    },
  );

  app.get(
    '/featured',
    { schema: { tags: ['conversations'], summary: 'Conversations featured on the start page (public)', response: { 200: FeaturedList, ...errorResponses } } },
    async () => ({ conversations: await featuredConversations(app.db) }),
  );
};

/** Featured conversations that still exist, in start-page order. */
export async function featuredConversations(db: Parameters<typeof listFeatured>[0]): Promise<string[]> {
  const present: string[] = [];
  for (const id of await listFeatured(db)) if ((await findConversation(db, id)) !== undefined) present.push(id);
  return present;
}
