import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { apiError } from '../errors.js';
import { getMathDocument } from '../repositories/math.js';
import { ConversationParams, errorResponses } from '../schemas/common.js';
import { ConditionalHeaders, MathReply, MathStatusReply, NotModified, PolisMathSchema } from '../schemas/math.js';
import { loadConversation, requireModerator } from '../services/access.js';
import { isMathCurrent } from '../services/etag.js';
import { kuuloResultDocument } from '../services/kuuloResultDocument.js';

export const mathRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/conversations/:id/math',
    {
      schema: {
        tags: ['math'],
        summary: 'Latest opinion groups, representative statements and consensus (Kuulo JSON); ETag / If-None-Match → 304',
        description:
          'The result carries `bridging` when the conversation computes it, and `uncertainty` when a bootstrap job (POST …/uncertainty) ran on this math tick; the ETag changes when the uncertainty arrives.',
        params: ConversationParams,
        headers: ConditionalHeaders,
        response: { 200: MathReply, 304: NotModified, ...errorResponses },
      },
    },
    async (request, reply) => {
      const conversation = loadConversation(request, request.params.id);
      const doc = kuuloResultDocument(app.db, conversation.id);
      if (!doc) throw apiError('MATH_NOT_READY', `conversation '${conversation.slug}' has no math yet (no votes, or the first computation is still running)`);
      if (isMathCurrent(request, reply, 'kuulo', doc.version)) return reply.code(304).send(null);
      const computedAt = app.kuulo.math.status(conversation.id).computedAt ?? 0;
      return reply.type('application/json; charset=utf-8').send(`{"tick":${doc.tick},"computedAt":${computedAt},"result":${doc.body}}`);
    },
  );

  app.get(
    '/conversations/:id/math/pca2',
    {
      schema: {
        tags: ['math'],
        summary: 'Latest math as Polis math/pca2 JSON; ETag / If-None-Match → 304',
        params: ConversationParams,
        headers: ConditionalHeaders,
        response: { 200: PolisMathSchema, 304: NotModified, ...errorResponses },
      },
    },
    async (request, reply) => {
      const conversation = loadConversation(request, request.params.id);
      const doc = getMathDocument(app.db, conversation.id, 'polis');
      if (!doc?.body) throw apiError('MATH_NOT_READY', `conversation '${conversation.slug}' has no math yet (no votes, or the first computation is still running)`);
      if (isMathCurrent(request, reply, 'pca2', doc.tick)) return reply.code(304).send(null);
      return reply.type('application/json; charset=utf-8').send(doc.body);
    },
  );

  app.get(
    '/conversations/:id/math/status',
    { schema: { tags: ['math'], summary: 'Tick, timing and last error of the math', params: ConversationParams, response: { 200: MathStatusReply, ...errorResponses } } },
    async (request) => app.kuulo.math.status(loadConversation(request, request.params.id).id),
  );

  app.post(
    '/conversations/:id/math/recompute',
    {
      schema: {
        tags: ['math'],
        summary: 'Recompute now and wait for the result (moderator key)',
        security: [{ moderatorKey: [] }],
        params: ConversationParams,
        response: { 200: MathStatusReply, ...errorResponses },
      },
    },
    async (request) => {
      const conversation = loadConversation(request, request.params.id);
      requireModerator(request, conversation);
      await app.kuulo.math.recompute(conversation.id);
      return app.kuulo.math.status(conversation.id);
    },
  );
};
