import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { apiError } from '../errors.js';
import { changedStatements, countStatements, findStatement, listStatements } from '../repositories/statements.js';
import { changeSeq, talliesFor } from '../repositories/tallies.js';
import { translationsFor } from '../repositories/translations.js';
import { ConversationParams, errorResponses, ParticipantHeaders, StatementParams } from '../schemas/common.js';
import { ConditionalHeaders, NotModified } from '../schemas/math.js';
import { StatementListQuery, StatementOut, StatementPage, SubmitStatementBody, SubmitStatementReply } from '../schemas/statements.js';
import { loadConversation } from '../services/access.js';
import { etagMatches } from '../services/etag.js';
import { identityOf, participantOut } from '../services/participantIdentity.js';
import { isVisible, moderationName, statementOut, translationsOf } from '../services/statementView.js';
import { statementCreated } from '../services/statementTranslations.js';
import { submitStatement } from '../services/submitStatement.js';
import { writeLimits } from './writeLimits.js';
import { scheduleIndexing } from '../similarity/similarFor.js';

const noVotes = { agree: 0, disagree: 0, pass: 0 };

/** The opaque cursor: the conversation's change number, and in the low bit whether moderation was strict. */
const statementCursor = (seq: number, strict: boolean): number => seq * 2 + (strict ? 1 : 0);
const readCursor = (cursor: number): { seq: number; strict: boolean } => ({ seq: Math.floor(cursor / 2), strict: cursor % 2 === 1 });

export const statementRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const limits = writeLimits(app);

  app.get(
    '/conversations/:id/statements',
    {
      schema: {
        tags: ['statements'],
        summary: 'Statements participants can see, with tallies, in id order; `changedAfter` gives only what changed; ETag / If-None-Match → 304',
        description:
          'Costs the same whatever the number of votes: tallies are kept as votes arrive. Every reply carries `cursor`; pass it back as `changedAfter` for the statements whose tally, moderation, language or translations changed since (hidden ones come in `removed`). The weak ETag changes with every vote, statement, moderation, language correction or translation in the conversation.',
        params: ConversationParams,
        querystring: StatementListQuery,
        headers: ConditionalHeaders,
        response: { 200: StatementPage, 304: NotModified, ...errorResponses },
      },
    },
    async (request, reply) => {
      const conversation = await loadConversation(request, request.params.id);
      const strict = conversation.strictModeration;
      const filter = strict ? 'visible-strict' : 'visible';
      const { after = -1, limit = 50, changedAfter } = request.query;
      // The cursor is read before the rows: a change committed in between is sent again next time, never missed.
      const cursor = statementCursor(await changeSeq(app.db, conversation.id), strict);
      const etag = `W/"statements-${conversation.id}-${cursor}"`;
      reply.header('etag', etag).header('cache-control', 'no-cache');
      if (etagMatches(request.headers['if-none-match'], etag)) return reply.code(304).send(null);
      const total = await countStatements(app.db, conversation.id, filter);
      if (changedAfter !== undefined) {
        const since = readCursor(changedAfter);
        // Switching strict moderation shows or hides every pending statement without changing any of them.
        const rows = await changedStatements(app.db, conversation.id, since.seq, since.strict !== strict, after, limit + 1);
        const page = rows.slice(0, limit);
        const visible = page.filter((r) => isVisible(r.statement, strict));
        const translations = await translationsFor(app.db, conversation.id, visible.map((r) => r.statement.tid));
        return {
          items: visible.map((r) => statementOut(r.statement, translations.get(r.statement.tid)!, r.tally)),
          next: rows.length > limit ? page.at(-1)!.statement.tid : null,
          total,
          removed: page.filter((r) => !isVisible(r.statement, strict)).map((r) => r.statement.tid),
          cursor,
        };
      }
      const rows = await listStatements(app.db, conversation.id, filter, after, limit + 1);
      const page = rows.slice(0, limit);
      const counts = await talliesFor(app.db, conversation.id, page.map((s) => s.tid));
      const translations = await translationsFor(app.db, conversation.id, page.map((s) => s.tid));
      return {
        items: page.map((s) => statementOut(s, translations.get(s.tid)!, counts.get(s.tid) ?? noVotes)),
        next: rows.length > limit ? page.at(-1)!.tid : null,
        total,
        removed: [],
        cursor,
      };
    },
  );

  app.get(
    '/conversations/:id/statements/:statementId',
    { schema: { tags: ['statements'], summary: 'One visible statement with its tally', params: StatementParams, response: { 200: StatementOut, ...errorResponses } } },
    async (request) => {
      const conversation = await loadConversation(request, request.params.id);
      const s = await findStatement(app.db, conversation.id, request.params.statementId);
      if (!s || !isVisible(s, conversation.strictModeration)) {
        throw apiError('STATEMENT_NOT_FOUND', `statement ${request.params.statementId} does not exist in conversation '${conversation.slug}' or is not visible`);
      }
      return statementOut(s, await translationsOf(app.db, s), (await talliesFor(app.db, conversation.id, [s.tid])).get(s.tid) ?? noVotes);
    },
  );

  app.post(
    '/conversations/:id/statements',
    {
      schema: {
        tags: ['statements'],
        summary: "Submit a participant's statement (records the author's agree vote)",
        description:
          "Refused when the conversation is closed, the text is empty or too long after trimming, or it duplicates an existing statement (ignoring case and spacing). Under strict moderation it stays hidden until accepted. Without `lang` the language is detected among the conversation's languages (franc; its first language when the text is too short to tell) and `langSource` is 'detected'.",

        params: ConversationParams,
        headers: ParticipantHeaders,
        body: SubmitStatementBody,
        response: { 201: SubmitStatementReply, ...errorResponses },
      },
      ...limits,
    },
    async (request, reply) => {
      const conversation = await loadConversation(request, request.params.id);
      const { text, lang, xid } = request.body;
      const { statement, participant } = await submitStatement(request, conversation, identityOf(request, xid), { text, ...(lang !== undefined && { lang }) });
      app.kuulo.events.publish(conversation.id, { type: 'statement', statementId: statement.tid, moderation: moderationName[statement.moderation] });
      app.kuulo.math.touch(conversation.id);
      statementCreated(app, conversation, statement);
      // The duplicate finder indexes it after this reply, off the author's wait.
      scheduleIndexing(app.db, conversation.id);
      return reply.code(201).send({ statement: statementOut(statement, {}), participant: participantOut(participant) });
    },
  );
};
