import { Readable } from 'node:stream';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { apiError } from '../errors.js';
import { commentGroupsCsv, commentsCsv, participantsVotesCsv, summaryCsv, votesCsv } from '../polis/exportPolisCsv.js';
import { seedAuthorPid } from '../polis/polisShapes.js';
import { findConversation, type ConversationRow } from '../repositories/conversations.js';
import { errorResponses } from '../schemas/common.js';
import { PolisReport, PolisReportsQuery, ReportExportParams, ReportExportQuery } from '../schemas/polis.js';
import { loadConversation } from '../services/access.js';
import { mayReadOpenData } from './polis.js';

/** A report id is 'r' + the conversation id: only the first 'r' is dropped, so conversation 'rail' is report 'rrail'. */
async function loadReport(request: FastifyRequest, reportId: string): Promise<ConversationRow> {
  const conversation = await findConversation(request.server.db, reportId.slice(1));
  if (!conversation) throw apiError('CONVERSATION_NOT_FOUND', `report '${reportId}' names no conversation (a report id is 'r' + the conversation id)`);
  return conversation;
}

async function requireOpenData(request: FastifyRequest, c: ConversationRow, what: string): Promise<void> {
  if (!(await mayReadOpenData(request, c))) {
    throw apiError('DATA_NOT_OPEN', `${what} of conversation '${c.slug}' needs open data (PATCH dataOpen: true) or its moderator key`);
  }
}

const reportOf = (c: ConversationRow) => ({ report_id: `r${c.slug}`, conversation_id: c.slug, created: String(c.createdAt), modified: String(c.updatedAt), report_name: null });

/** Polis's report routes over a conversation's open data: one report per conversation, id 'r' + its id. */
export const polisOpenDataRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const tags = ['polis-compatible'];

  app.get(
    '/reports',
    {
      schema: {
        tags,
        summary: "Polis GET /api/v3/reports by conversation_id or report_id (open data or the moderator key)",
        description: "Every conversation has one report, id 'r' + the conversation id.",
        querystring: PolisReportsQuery,
        response: { 200: Type.Array(PolisReport), ...errorResponses },
      },
    },
    async (request) => {
      const { conversation_id: conversationId, report_id: reportId } = request.query;
      if (conversationId === undefined && reportId === undefined) throw apiError('VALIDATION_FAILED', 'querystring: conversation_id or report_id is required');
      const c = reportId !== undefined ? await loadReport(request, reportId) : await loadConversation(request, conversationId!);
      if (conversationId !== undefined && conversationId !== c.slug) {
        throw apiError('VALIDATION_FAILED', `querystring: report_id '${reportId}' is the report of conversation '${c.slug}', not of conversation_id '${conversationId}'`);
      }
      await requireOpenData(request, c, 'the report');
      return [reportOf(c)];
    },
  );

  app.get(
    '/reportExport/:report_id/:file',
    {
      schema: {
        tags,
        summary: "Polis GET /api/v3/reportExport/<report_id>/<file>.csv: Polis's columns (open data or the moderator key)",
        description:
          "The moderator export's content in Polis's columns; comment-groups.csv takes its group figures from the published math (privacy floor). Seeds' author-id is 2147483647. Text cells that a spreadsheet would run as a formula get a leading ' unless `raw=true`.",
        params: ReportExportParams,
        querystring: ReportExportQuery,
        response: { 200: Type.String({ description: 'CSV file' }), ...errorResponses },
      },
    },
    async (request, reply) => {
      const { report_id: reportId, file } = request.params;
      const c = await loadReport(request, reportId);
      await requireOpenData(request, c, file);
      const options = { raw: request.query.raw ?? false, polisColumns: true, seedAuthor: seedAuthorPid };
      const lines =
        file === 'comments.csv'
          ? commentsCsv(app.db, c, options)
          : file === 'votes.csv'
            ? votesCsv(app.db, c, options)
            : file === 'comment-groups.csv'
              ? commentGroupsCsv(app.db, c, options)
              : file === 'summary.csv'
                ? summaryCsv(app.db, c, app.kuulo.config.publicUrl, options)
                : participantsVotesCsv(app.db, c, options);
      reply.header('content-disposition', `attachment; filename="${reportId}-${file}"`);
      // One chunk buffered ahead, as the moderator export streams.
      return reply.type('text/csv; charset=utf-8').send(Readable.from(lines, { highWaterMark: 1 }));
    },
  );
};
