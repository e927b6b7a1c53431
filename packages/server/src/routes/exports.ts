import { Readable } from 'node:stream';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { apiError } from '../errors.js';
import { commentsCsv, participantsVotesCsv, summaryCsv, votesCsv } from '../polis/exportPolisCsv.js';
import { getMathDocument } from '../repositories/math.js';
import { errorResponses } from '../schemas/common.js';
import { ExportParams, ExportQuery } from '../schemas/imports.js';
import { loadConversation, requireModerator } from '../services/access.js';
import { kuuloResultDocument } from '../services/kuuloResultDocument.js';

export const exportRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/conversations/:id/export/:file',
    {
      schema: {
        tags: ['import / export'],
        summary: 'Export as Polis open-data CSV (comments, votes, participants-votes with group-id, summary) or the math JSON (moderator key)',
        description:
          "CSV files are streamed as they are read (a snapshot of the history as of the request; participants-votes has the statements and participants present at the start). Text cells that a spreadsheet would run as a formula get a leading ' unless `raw=true`.",
        security: [{ moderatorKey: [] }],
        params: ExportParams,
        querystring: ExportQuery,
        response: { 200: Type.String({ description: 'CSV or JSON file' }), ...errorResponses },
      },
    },
    async (request, reply) => {
      const conversation = await loadConversation(request, request.params.id);
      await requireModerator(request, conversation);
      const { file } = request.params;
      reply.header('content-disposition', `attachment; filename="${conversation.slug}-${file}"`);
      if (file === 'math.json' || file === 'math-pca2.json') {
        const doc = file === 'math.json' ? await kuuloResultDocument(app.db, conversation.id) : await getMathDocument(app.db, conversation.id, 'polis');
        if (!doc?.body) throw apiError('MATH_NOT_READY', `conversation '${conversation.slug}' has no math yet`);
        return reply.type('application/json; charset=utf-8').send(doc.body);
      }
      const options = { raw: request.query.raw ?? false };
      const lines =
        file === 'comments.csv'
          ? commentsCsv(app.db, conversation, options)
          : file === 'votes.csv'
            ? votesCsv(app.db, conversation, options)
            : file === 'participants-votes.csv'
              ? participantsVotesCsv(app.db, conversation, options)
              : summaryCsv(app.db, conversation, app.kuulo.config.publicUrl, options);
      // One chunk buffered ahead: the generator reads the next page only when the client has taken the last.
      return reply.type('text/csv; charset=utf-8').send(Readable.from(lines, { highWaterMark: 1 }));
    },
  );
};
