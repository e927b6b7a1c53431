import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ConversationParams, errorResponses } from '../schemas/common.js';
import { uncertaintyBody, UncertaintyStatusReply } from '../schemas/uncertainty.js';
import { loadConversation, requireModerator } from '../services/access.js';

const defaultResamples = 50;

export const uncertaintyRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/conversations/:id/uncertainty',
    {
      schema: {
        tags: ['math'],
        summary: 'Start a bootstrap uncertainty job on the current math (moderator key)',
        description:
          'Runs on a worker thread of its own and answers at once (202) with the job status. Progress arrives as `uncertainty-progress` events, the end as `uncertainty` or `uncertainty-error`. One job per conversation at a time (409 UNCERTAINTY_RUNNING).',
        security: [{ moderatorKey: [] }],
        params: ConversationParams,
        body: uncertaintyBody(app.kuulo.config.uncertainty.maxResamples),
        response: { 202: UncertaintyStatusReply, ...errorResponses },
      },
      // Every field has a default, so a bare POST without a body means all defaults.
      preValidation: async (request) => {
        request.body ??= {};
      },
    },
    async (request, reply) => {
      const conversation = await loadConversation(request, request.params.id);
      await requireModerator(request, conversation);
      const { maxResamples } = app.kuulo.config.uncertainty;
      const { resamples = Math.min(defaultResamples, maxResamples), seed, unit = 'participants' } = request.body;
      const status = await app.kuulo.uncertainty.start(conversation.id, conversation.slug, { resamples, seed: seed ?? null, unit });
      return reply.code(202).send(status);
    },
  );

  app.get(
    '/conversations/:id/uncertainty',
    {
      schema: {
        tags: ['math'],
        summary: 'State and progress of the bootstrap uncertainty job',
        params: ConversationParams,
        response: { 200: UncertaintyStatusReply, ...errorResponses },
      },
    },
    async (request) => await app.kuulo.uncertainty.status((await loadConversation(request, request.params.id)).id),
  );
};
