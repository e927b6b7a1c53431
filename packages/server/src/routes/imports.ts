import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { apiError } from '../errors.js';
import { ImportParser } from '../polis/importParser.js';
import { findConversation } from '../repositories/conversations.js';
import { errorResponses } from '../schemas/common.js';
import { ImportBody, ImportReply } from '../schemas/imports.js';
import { requireAdmin } from '../services/access.js';
import { conversationOut } from '../services/conversationView.js';
import { importInChunks } from '../services/importConversation.js';

export const importRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const parsers = new WeakMap<FastifyRequest, ImportParser>();
  // One idle worker is kept for the next import (starting one from source takes ~0.5 s).
  let idle: ImportParser | null = null;
  const release = (request: FastifyRequest) => {
    const parser = parsers.get(request);
    parsers.delete(request);
    if (!parser || parser.closed) return;
    if (idle === null) {
      parser.reset();
      idle = parser;
    } else parser.close();
  };
  // JSON.parse of a 50 MiB body alone holds the thread ~0.3 s (and schema checks of its long strings
  // as long): here the body goes to the import's worker thread as it arrives and is parsed there,
  // which hands back the fields without the file texts for the route's schema to check.
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', async (request: FastifyRequest, payload: AsyncIterable<Buffer>) => {
    const limit = request.routeOptions.bodyLimit ?? app.kuulo.config.importBodyLimit;
    const length = Number(request.headers['content-length']);
    if (length > limit) throw apiError('BODY_TOO_LARGE', `the import body is over the limit of ${limit} bytes`);
    const parser = idle ?? new ImportParser();
    idle = null;
    parsers.set(request, parser);
    return parser.readBody(payload, limit);
  });
  app.addHook('onResponse', async (request) => release(request));
  // A server that stops abandons every import and leaves what was written to the next start, which removes it.
  const closing = new AbortController();
  app.addHook('preClose', async () => closing.abort());
  app.addHook('onClose', async () => idle?.close());

  app.post(
    '/conversations/import',
    {
      schema: {
        tags: ['import / export'],
        summary: 'Import a Polis export (open-data CSVs or API JSON) as a new conversation (admin key)',
        description:
          'Parsed on a worker thread and written in short commits, so other conversations keep being served; the conversation appears (under its id, listed) only once the last commit is done, and a failed or interrupted import leaves nothing behind.',
        security: [{ moderatorKey: [] }],
        body: ImportBody,
        response: { 201: ImportReply, ...errorResponses },
      },
      bodyLimit: app.kuulo.config.importBodyLimit,
      // Checked before the body is read: nobody else gets a 50 MiB upload parsed.
      onRequest: async (request) => requireAdmin(request),
    },
    async (request, reply) => {
      const parser = parsers.get(request);
      if (!parser) throw apiError('UNSUPPORTED_MEDIA_TYPE', 'the import body must be JSON (content-type application/json)');
      const b = request.body;
      checkFiles(b.format, b.files);
      if (b.id !== undefined && await findConversation(app.db, b.id)) throw apiError('CONVERSATION_EXISTS', `conversation '${b.id}' already exists`);
      // A client that goes away abandons its import: what was written is deleted.
      const client = new AbortController();
      reply.raw.once('close', () => reply.raw.writableFinished || client.abort());
      if (request.raw.socket?.destroyed) client.abort();
      try {
        const limits = app.kuulo.config.limits;
        const { rows, info } = await parser.prepare({ format: b.format, sign: b.sign ?? 'auto', limits }, AbortSignal.any([client.signal, closing.signal]));
        release(request);
        const topic = (b.topic ?? info.topic ?? 'Imported Polis conversation').trim().slice(0, limits.topicLength) || 'Imported Polis conversation';
        const description = (b.description ?? info.description ?? '').slice(0, limits.descriptionLength);
        const input = {
          ...(b.id !== undefined && { id: b.id }),
          topic,
          description,
          strictModeration: b.strictModeration ?? info.strictModeration ?? false,
          ...(b.open !== undefined && { open: b.open }),
          languages: b.languages ?? rows.languages.slice(0, 20),
          mode: b.mode ?? info.mode ?? 'polis',
          ...(b.bridging && { bridging: b.bridging }),
          ...(b.privacyFloor !== undefined && { privacyFloor: b.privacyFloor }),
          ...(b.headlineMinVotes !== undefined && { headlineMinVotes: b.headlineMinVotes }),
          ...(b.headlineMinGroupVotes !== undefined && { headlineMinGroupVotes: b.headlineMinGroupVotes }),
        };
        const { conversation, moderatorKey, summary } = await importInChunks(app.db, input, rows, limits, { signal: client.signal, closing: closing.signal });
        app.kuulo.math.touch(conversation.id);
        return reply.code(201).send({ conversation: await conversationOut(app.db, conversation), moderatorKey, imported: summary });
      } catch (error) {
        if (client.signal.aborted || closing.signal.aborted) throw apiError('UNAVAILABLE', 'the import was abandoned: the server is shutting down or the client went away');
        throw error;
      }
    },
  );
};

function checkFiles(format: 'polis-csv' | 'polis-json', files: Record<string, string | undefined>): void {
  const need = format === 'polis-csv' ? ['comments.csv', 'votes.csv'] : ['comments.json', 'votes.json'];
  for (const name of need) if (files[name] === undefined) throw apiError('VALIDATION_FAILED', `body.files.${name} is required for format ${format}`);
  const wrong = Object.keys(files).filter((name) => !name.endsWith(format === 'polis-csv' ? '.csv' : '.json'));
  if (wrong.length > 0) throw apiError('VALIDATION_FAILED', `body.files.${wrong[0]} does not belong to format ${format}`);
}
