import { Readable } from 'node:stream';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { csvLine } from '../polis/csvField.js';
import { Type } from 'typebox';
import { listModerationLog, moderationLogCount } from '../repositories/moderationLog.js';
import { ConversationParams, errorResponses } from '../schemas/common.js';
import { ModerationLogPage, ModerationLogQuery } from '../schemas/participantModeration.js';
import { loadConversation, requireModerator } from '../services/access.js';

export const moderationLogRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/conversations/:id/moderation/log',
    {
      schema: {
        tags: ['moderation'],
        summary: 'The moderation log: who (key label) did what, when (moderator key)',
        description:
          'Oldest first, paginated by id. `format=csv` answers the whole log as a file with columns id, time (ISO 8601 UTC), actor, action, target, detail (JSON); text that a spreadsheet would run as a formula gets a leading \'.',
        security: [{ moderatorKey: [] }],
        params: ConversationParams,
        querystring: ModerationLogQuery,
        response: { 200: Type.Union([ModerationLogPage, Type.String({ description: 'CSV file' })]), ...errorResponses },
      },
    },
    async (request, reply) => {
      const conversation = await loadConversation(request, request.params.id);
      await requireModerator(request, conversation);
      if (request.query.format === 'csv') {
        const db = app.db;
        // Keyset pages, not one open cursor: the connection stays free for other requests between chunks.
        const lines = (async function* () {
          yield csvLine(['id', 'time', 'actor', 'action', 'target', 'detail']);
          for (let after = 0; ; ) {
            const page = await listModerationLog(db, conversation.id, { after, limit: 1000 });
            let chunk = '';
            for (const e of page) chunk += csvLine([e.id, new Date(e.at).toISOString(), e.actor, e.action, e.target, e.detail === null ? '' : JSON.stringify(e.detail)]);
            if (chunk) yield chunk;
            if (page.length < 1000) return;
            after = page.at(-1)!.id;
          }
        })();
        reply.header('content-disposition', `attachment; filename="${conversation.slug}-moderation-log.csv"`);
        return reply.type('text/csv; charset=utf-8').send(Readable.from(lines, { highWaterMark: 1 }));
      }
      const limit = request.query.limit ?? 100;
      const rows = await listModerationLog(app.db, conversation.id, { after: request.query.after ?? 0, limit: limit + 1 });
      const items = rows.slice(0, limit).map((e) => ({ id: e.id, at: e.at, actor: e.actor, action: e.action, target: e.target, detail: e.detail }));
      return { items, next: rows.length > limit ? items.at(-1)!.id : null, total: await moderationLogCount(app.db, conversation.id) };
    },
  );
};
