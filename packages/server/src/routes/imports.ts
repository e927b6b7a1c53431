import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { PolisDataError } from '@kuulo/core';
import { apiError } from '../errors.js';
import { parsePolisExport, type PolisExportFiles } from '../polis/parsePolisExport.js';
import { errorResponses } from '../schemas/common.js';
import { ImportBody, ImportReply } from '../schemas/imports.js';
import { requireAdmin } from '../services/access.js';
import { conversationOut } from '../services/conversationView.js';
import { importConversation } from '../services/importConversation.js';

export const importRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/conversations/import',
    {
      schema: {
        tags: ['import / export'],
        summary: 'Import a Polis export (open-data CSVs or API JSON) as a new conversation (admin key)',
        security: [{ moderatorKey: [] }],
        body: ImportBody,
        response: { 201: ImportReply, ...errorResponses },
      },
      bodyLimit: app.kuulo.config.importBodyLimit,
    },
    async (request, reply) => {
      requireAdmin(request);
      const b = request.body;
      const files = pickFiles(b.format, b.files);
      let data;
      try {
        data = parsePolisExport(files, b.sign ?? 'auto');
      } catch (error) {
        if (error instanceof PolisDataError) throw apiError('IMPORT_INVALID', error.message);
        throw error;
      }
      const limits = app.kuulo.config.limits;
      const topic = (b.topic ?? data.topic ?? 'Imported Polis conversation').trim().slice(0, limits.topicLength) || 'Imported Polis conversation';
      const description = (b.description ?? data.description ?? '').slice(0, limits.descriptionLength);
      const strictModeration = b.strictModeration ?? data.strictModeration ?? false;
      const { conversation, moderatorKey, summary } = importConversation(
        app.db,
        {
          ...(b.id !== undefined && { id: b.id }),
          topic,
          description,
          strictModeration,
          ...(b.open !== undefined && { open: b.open }),
          ...(b.languages && { languages: b.languages }),
          mode: b.mode ?? data.mode ?? 'polis',
          ...(b.bridging && { bridging: b.bridging }),
        },
        data,
        limits,
      );
      app.kuulo.math.touch(conversation.id);
      return reply.code(201).send({ conversation: conversationOut(app.db, conversation), moderatorKey, imported: summary });
    },
  );
};

function pickFiles(format: 'polis-csv' | 'polis-json', files: Record<string, string | undefined>): PolisExportFiles {
  const need = format === 'polis-csv' ? ['comments.csv', 'votes.csv'] : ['comments.json', 'votes.json'];
  for (const name of need) if (files[name] === undefined) throw apiError('VALIDATION_FAILED', `body.files.${name} is required for format ${format}`);
  const wrong = Object.keys(files).filter((name) => !name.endsWith(format === 'polis-csv' ? '.csv' : '.json'));
  if (wrong.length > 0) throw apiError('VALIDATION_FAILED', `body.files.${wrong[0]} does not belong to format ${format}`);
  return { format, files } as PolisExportFiles;
}
