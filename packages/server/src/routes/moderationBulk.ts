import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { apiError } from '../errors.js';
import { setDuplicateOf } from '../repositories/duplicates.js';
import { moderateStatement, statementsByIds } from '../repositories/statements.js';
import { talliesFor } from '../repositories/tallies.js';
import { translationsFor } from '../repositories/translations.js';
import { ConversationParams, errorResponses } from '../schemas/common.js';
import { BulkModerationBody, BulkModerationReply } from '../schemas/moderationBulk.js';
import { loadConversation, requireModerator } from '../services/access.js';
import { logStatementModeration } from '../services/logStatementModeration.js';
import { moderatorLabel } from '../services/moderatorLabel.js';
import { statementCreated } from '../services/statementTranslations.js';
import { moderationName, moderationValue, queueItemOut } from '../services/statementView.js';
import { similarFor } from '../similarity/similarFor.js';

export const moderationBulkRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/conversations/:id/moderation/bulk',
    {
      schema: {
        tags: ['moderation'],
        summary: 'Accept, reject or reset many statements at once (moderator key)',
        description:
          'All or nothing: an unknown statement id fails the whole request before anything changes. Statements already in that state are left as they are. Each change is logged in the moderation log and publishes a `moderation` event, as PATCH of one statement does.',
        security: [{ moderatorKey: [] }],
        params: ConversationParams,
        body: BulkModerationBody,
        response: { 200: BulkModerationReply, ...errorResponses },
      },
    },
    async (request) => {
      const conversation = await loadConversation(request, request.params.id);
      await requireModerator(request, conversation);
      const { statementIds, moderation, isMeta } = request.body;
      const actor = await moderatorLabel(request, conversation);
      const value = moderationValue[moderation];
      const changed = await app.db.transaction(async (tx) => {
        const before = await statementsByIds(tx, conversation.id, statementIds);
        if (before.length !== statementIds.length) {
          const found = new Set(before.map((s) => s.tid));
          const missing = statementIds.filter((tid) => !found.has(tid));
          throw apiError('STATEMENT_NOT_FOUND', `body/statementIds: statement${missing.length > 1 ? 's' : ''} ${missing.join(', ')} ${missing.length > 1 ? 'do' : 'does'} not exist in conversation '${conversation.slug}'; nothing was changed`);
        }
        const now = Date.now();
        const toChange = before.filter((s) => s.moderation !== value || (isMeta !== undefined && s.isMeta !== isMeta));
        for (const s of toChange) {
          await moderateStatement(tx, conversation.id, s.tid, { moderation: value, ...(isMeta !== undefined && { isMeta }) }, now);
          // As with PATCH: a statement accepted or reset after all no longer repeats another.
          if (moderation !== 'rejected') await setDuplicateOf(tx, conversation.id, s.tid, null);
          await logStatementModeration(tx, actor, s, { moderation, ...(isMeta !== undefined && { isMeta }), bulk: toChange.length }, now);
        }
        return toChange.map((s) => s.tid);
      });

      const after = await statementsByIds(app.db, conversation.id, statementIds);
      const byTid = new Map(after.map((s) => [s.tid, s]));
      for (const tid of changed) {
        const s = byTid.get(tid)!;
        app.kuulo.events.publish(conversation.id, { type: 'moderation', statementId: tid, moderation: moderationName[s.moderation], isMeta: s.isMeta });
        // Under strict moderation a statement becomes visible, and worth translating, only now.
        if (moderation === 'accepted') statementCreated(app, conversation, s);
      }
      if (changed.length > 0) app.kuulo.math.touch(conversation.id);
      const tids = after.map((s) => s.tid);
      const tallies = await talliesFor(app.db, conversation.id, tids);
      const translations = await translationsFor(app.db, conversation.id, tids);
      const similarity = await similarFor(app.db, conversation.id, tids);
      return { items: after.map((s) => queueItemOut(s, translations.get(s.tid)!, tallies.get(s.tid), similarity.get(s.tid))), changed };
    },
  );
};
