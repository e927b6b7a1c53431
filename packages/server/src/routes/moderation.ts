import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { apiError } from '../errors.js';
import { findStatement, moderateStatement } from '../repositories/statements.js';
import { talliesFor } from '../repositories/tallies.js';
import { ConversationParams, errorResponses, StatementParams } from '../schemas/common.js';
import { ModerateBody, QueueItem, QueuePage, QueueQuery, SeedStatementBody, StatementOut, TranslationBody, TranslationParams } from '../schemas/statements.js';
import { loadConversation, requireModerator } from '../services/access.js';
import { logStatementModeration } from '../services/logStatementModeration.js';
import { moderationQueue } from '../services/moderationQueue.js';
import { moderatorLabel } from '../services/moderatorLabel.js';
import { correctLanguage, removeTranslation, setTranslation, statementCreated } from '../services/statementTranslations.js';
import { moderationName, moderationValue, queueItemOut, statementOut, translationsOf } from '../services/statementView.js';
import { seedStatement } from '../services/submitStatement.js';
import { checkDuplicateTarget } from '../services/duplicateTarget.js';
import { scheduleIndexing, similarFor } from '../similarity/similarFor.js';
import { setDuplicateOf } from '../repositories/duplicates.js';

export const moderationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const security = [{ moderatorKey: [] }];

  app.get(
    '/conversations/:id/moderation/queue',
    {
      schema: {
        tags: ['moderation'],
        summary: 'Moderation queue: filter, search and sort, paginated (moderator key)',
        security,
        params: ConversationParams,
        querystring: QueueQuery,
        response: { 200: QueuePage, ...errorResponses },
      },
    },
    async (request) => {
      const conversation = await loadConversation(request, request.params.id);
      await requireModerator(request, conversation);
      return await moderationQueue(app.db, conversation.id, request.query);
    },
  );

  app.patch(
    '/conversations/:id/statements/:statementId',
    {
      schema: {
        tags: ['moderation'],
        summary: 'Accept, reject or reset a statement, mark it meta, or correct its language (moderator key)',
        description:
          "A `lang` correction sets `langSource` to 'moderator', drops a translation into that language, marks the statement changed for `changedAfter` readers and publishes a `statement` event; moderation and meta changes publish a `moderation` event. `duplicateOf: N` with `moderation: 'rejected'` rejects it as a duplicate of #N, which its author is then shown to vote on instead (GET …/participants/me/duplicates); accepting or resetting it clears the mark.",
        security,
        params: StatementParams,
        body: ModerateBody,
        response: { 200: QueueItem, ...errorResponses },
      },
    },
    async (request) => {
      const conversation = await loadConversation(request, request.params.id);
      await requireModerator(request, conversation);
      const tid = request.params.statementId;
      const before = await findStatement(app.db, conversation.id, tid);
      if (!before) throw apiError('STATEMENT_NOT_FOUND', `statement ${tid} does not exist in conversation '${conversation.slug}'`);
      const { moderation, isMeta, lang, duplicateOf } = request.body;
      if (typeof duplicateOf === 'number') await checkDuplicateTarget(request, conversation, tid, duplicateOf, moderation);
      await app.db.transaction(async (tx) => {
        if (lang !== undefined) await correctLanguage(request, conversation, tid, lang);
        // A statement accepted or reset after all no longer repeats another.
        if (duplicateOf !== undefined || (moderation !== undefined && moderation !== 'rejected')) await setDuplicateOf(tx, conversation.id, tid, duplicateOf ?? null);
        if (moderation === undefined && isMeta === undefined) return;
        const now = Date.now();
        await moderateStatement(tx, conversation.id, tid, { ...(moderation !== undefined && { moderation: moderationValue[moderation] }), ...(isMeta !== undefined && { isMeta }) }, now);
        await logStatementModeration(tx, await moderatorLabel(request, conversation), before, { ...(moderation !== undefined && { moderation }), ...(isMeta !== undefined && { isMeta }), ...(duplicateOf !== undefined && { duplicateOf }) }, now);
      });
      const updated = (await findStatement(app.db, conversation.id, tid))!;
      if (moderation !== undefined || isMeta !== undefined) {
        app.kuulo.events.publish(conversation.id, { type: 'moderation', statementId: tid, moderation: moderationName[updated.moderation], isMeta: updated.isMeta });
        app.kuulo.math.touch(conversation.id);
      }
      // Under strict moderation a statement becomes visible, and worth translating, only now.
      if (moderation === 'accepted') statementCreated(app, conversation, updated);
      return queueItemOut(updated, await translationsOf(app.db, updated), (await talliesFor(app.db, conversation.id, [tid])).get(tid), (await similarFor(app.db, conversation.id, [tid])).get(tid));
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
      const conversation = await loadConversation(request, request.params.id);
      await requireModerator(request, conversation);
      const { text, lang, isMeta } = request.body;
      const statement = await seedStatement(request, conversation, { text, ...(lang !== undefined && { lang }), ...(isMeta !== undefined && { isMeta }) });
      app.kuulo.events.publish(conversation.id, { type: 'statement', statementId: statement.tid, moderation: 'accepted' });
      statementCreated(app, conversation, statement);
      scheduleIndexing(app.db, conversation.id);
      return reply.code(201).send(statementOut(statement, {}));
    },
  );

  const translationDoc =
    "Marks the statement changed (so `GET …/statements?changedAfter=` returns it and its ETag changes) and publishes a `statement` event. `lang` must be one of the conversation's languages and not the statement's own.";

  app.put(
    '/conversations/:id/statements/:statementId/translations/:lang',
    {
      schema: {
        tags: ['moderation'],
        summary: "Add or fix a statement's translation into one of the conversation's languages (moderator key)",
        description: `Stored with source 'moderator', replacing any earlier translation into that language (a machine one too). ${translationDoc}`,
        security,
        params: TranslationParams,
        body: TranslationBody,
        response: { 200: QueueItem, ...errorResponses },
      },
    },
    async (request) => {
      const conversation = await loadConversation(request, request.params.id);
      await requireModerator(request, conversation);
      const { statementId, lang } = request.params;
      const statement = await setTranslation(request, conversation, statementId, lang, request.body.text);
      return queueItemOut(statement, await translationsOf(app.db, statement), (await talliesFor(app.db, conversation.id, [statementId])).get(statementId));
    },
  );

  app.delete(
    '/conversations/:id/statements/:statementId/translations/:lang',
    {
      schema: {
        tags: ['moderation'],
        summary: "Remove a statement's translation (moderator key)",
        description: 'Answers with the statement also when it had no translation into that language (nothing changes then). When one is removed, the statement is marked changed and a `statement` event is published.',
        security,
        params: TranslationParams,
        response: { 200: QueueItem, ...errorResponses },
      },
    },
    async (request) => {
      const conversation = await loadConversation(request, request.params.id);
      await requireModerator(request, conversation);
      const { statementId, lang } = request.params;
      const statement = await removeTranslation(request, conversation, statementId, lang);
      return queueItemOut(statement, await translationsOf(app.db, statement), (await talliesFor(app.db, conversation.id, [statementId])).get(statementId));
    },
  );
};
