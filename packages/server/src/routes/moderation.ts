import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { apiError } from '../errors.js';
import { countStatements, findStatement, listStatements, moderateStatement, type StatementFilter } from '../repositories/statements.js';
import { talliesFor } from '../repositories/tallies.js';
import { ConversationParams, errorResponses, StatementParams } from '../schemas/common.js';
import { ModerateBody, QueueItem, QueuePage, QueueQuery, SeedStatementBody, StatementOut } from '../schemas/statements.js';
import { loadConversation, requireModerator } from '../services/access.js';
import { moderationName, moderationValue, queueItemOut, statementOut } from '../services/statementView.js';
import { seedStatement } from '../services/submitStatement.js';

export const moderationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const security = [{ moderatorKey: [] }];

  app.get(
    '/conversations/:id/moderation/queue',
    {
      schema: {
        tags: ['moderation'],
        summary: 'Moderation queue, paginated by statement id (moderator key)',
        security,
        params: ConversationParams,
        querystring: QueueQuery,
        response: { 200: QueuePage, ...errorResponses },
      },
    },
    async (request) => {
      const conversation = loadConversation(request, request.params.id);
      requireModerator(request, conversation);
      const filter: StatementFilter = request.query.state ?? 'pending';
      const limit = request.query.limit ?? 50;
      const rows = listStatements(app.db, conversation.id, filter, request.query.after ?? -1, limit + 1);
      const page = rows.slice(0, limit);
      const counts = talliesFor(app.db, conversation.id, page.map((s) => s.tid));
      return {
        items: page.map((s) => queueItemOut(s, counts.get(s.tid))),
        next: rows.length > limit ? page.at(-1)!.tid : null,
        total: countStatements(app.db, conversation.id, filter),
      };
    },
  );

  app.patch(
    '/conversations/:id/statements/:statementId',
    {
      schema: {
        tags: ['moderation'],
        summary: 'Accept, reject or reset a statement, or mark it meta (moderator key)',
        security,
        params: StatementParams,
        body: ModerateBody,
        response: { 200: QueueItem, ...errorResponses },
      },
    },
    async (request) => {
      const conversation = loadConversation(request, request.params.id);
      requireModerator(request, conversation);
      const tid = request.params.statementId;
      if (!findStatement(app.db, conversation.id, tid)) throw apiError('STATEMENT_NOT_FOUND', `statement ${tid} does not exist in conversation '${conversation.slug}'`);
      const { moderation, isMeta } = request.body;
      moderateStatement(app.db, conversation.id, tid, { ...(moderation !== undefined && { moderation: moderationValue[moderation] }), ...(isMeta !== undefined && { isMeta }) }, Date.now());
      const updated = findStatement(app.db, conversation.id, tid)!;
      app.kuulo.events.publish(conversation.id, { type: 'moderation', statementId: tid, moderation: moderationName[updated.moderation], isMeta: updated.isMeta });
      app.kuulo.math.touch(conversation.id);
      return queueItemOut(updated, talliesFor(app.db, conversation.id, [tid]).get(tid));
    },
  );

  app.post(
    '/conversations/:id/seeds',
    {
      schema: {
        tags: ['moderation'],
        summary: 'Add a seed statement, accepted at once (moderator key)',
        security,
        params: ConversationParams,
        body: SeedStatementBody,
        response: { 201: StatementOut, ...errorResponses },
      },
    },
    async (request, reply) => {
      const conversation = loadConversation(request, request.params.id);
      requireModerator(request, conversation);
      const { text, lang, isMeta } = request.body;
      const statement = seedStatement(request, conversation, { text, ...(lang !== undefined && { lang }), ...(isMeta !== undefined && { isMeta }) });
      app.kuulo.events.publish(conversation.id, { type: 'statement', statementId: statement.tid, moderation: 'accepted' });
      return reply.code(201).send(statementOut(statement));
    },
  );
};
