import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { apiError } from '../errors.js';
import { countStatements, findStatement, listStatements, tallies } from '../repositories/statements.js';
import { ConversationParams, errorResponses, ParticipantHeaders, StatementParams } from '../schemas/common.js';
import { StatementListQuery, StatementOut, StatementPage, SubmitStatementBody, SubmitStatementReply } from '../schemas/statements.js';
import { loadConversation } from '../services/access.js';
import { identityOf, participantOut } from '../services/participantIdentity.js';
import { isVisible, moderationName, statementOut } from '../services/statementView.js';
import { submitStatement } from '../services/submitStatement.js';
import { writeLimits } from './writeLimits.js';

export const statementRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const limits = writeLimits(app);

  app.get(
    '/conversations/:id/statements',
    {
      schema: {
        tags: ['statements'],
        summary: 'Statements participants can see, with tallies, in id order',
        params: ConversationParams,
        querystring: StatementListQuery,
        response: { 200: StatementPage, ...errorResponses },
      },
    },
    async (request) => {
      const conversation = loadConversation(request, request.params.id);
      const filter = conversation.strictModeration ? 'visible-strict' : 'visible';
      const limit = request.query.limit ?? 50;
      const rows = listStatements(app.db, conversation.id, filter, request.query.after ?? -1, limit + 1);
      const page = rows.slice(0, limit);
      const counts = page.length > 0 ? tallies(app.db, conversation.id, page[0]!.tid, page.at(-1)!.tid) : new Map();
      return {
        items: page.map((s) => statementOut(s, counts.get(s.tid) ?? { agree: 0, disagree: 0, pass: 0 })),
        next: rows.length > limit ? page.at(-1)!.tid : null,
        total: countStatements(app.db, conversation.id, filter),
      };
    },
  );

  app.get(
    '/conversations/:id/statements/:statementId',
    { schema: { tags: ['statements'], summary: 'One visible statement with its tally', params: StatementParams, response: { 200: StatementOut, ...errorResponses } } },
    async (request) => {
      const conversation = loadConversation(request, request.params.id);
      const s = findStatement(app.db, conversation.id, request.params.statementId);
      if (!s || !isVisible(s, conversation.strictModeration)) {
        throw apiError('STATEMENT_NOT_FOUND', `statement ${request.params.statementId} does not exist in conversation '${conversation.slug}' or is not visible`);
      }
      return statementOut(s, tallies(app.db, conversation.id, s.tid, s.tid).get(s.tid) ?? { agree: 0, disagree: 0, pass: 0 });
    },
  );

  app.post(
    '/conversations/:id/statements',
    {
      schema: {
        tags: ['statements'],
        summary: "Submit a participant's statement (records the author's agree vote)",
        description: 'Refused when the conversation is closed, the text is empty or too long after trimming, or it duplicates an existing statement (ignoring case and spacing). Under strict moderation it stays hidden until accepted.',
        params: ConversationParams,
        headers: ParticipantHeaders,
        body: SubmitStatementBody,
        response: { 201: SubmitStatementReply, ...errorResponses },
      },
      ...limits,
    },
    async (request, reply) => {
      const conversation = loadConversation(request, request.params.id);
      const { text, lang, xid } = request.body;
      const { statement, participant } = submitStatement(request, conversation, identityOf(request, xid), { text, ...(lang !== undefined && { lang }) });
      app.kuulo.events.publish(conversation.id, { type: 'statement', statementId: statement.tid, moderation: moderationName[statement.moderation] });
      app.kuulo.math.touch(conversation.id);
      return reply.code(201).send({ statement: statementOut(statement), participant: participantOut(participant) });
    },
  );
};
