import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { apiError } from '../errors.js';
import type { KuuloEvent } from '../events/eventBus.js';
import { getMathSummary } from '../repositories/math.js';
import { ConversationParams, errorResponses } from '../schemas/common.js';
import { loadConversation } from '../services/access.js';

const heartbeatMs = 25_000;

export const eventRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/conversations/:id/events',
    {
      schema: {
        tags: ['events'],
        summary: 'Server-Sent Events: math ticks, new statements, moderation, conversation settings, uncertainty jobs',
        description:
          'text/event-stream. Each event has `event: <type>` and `data: <JSON>`: {type:"math",tick}, {type:"math-error",message}, {type:"statement",statementId,moderation}, {type:"moderation",statementId,moderation,isMeta}, {type:"conversation",open,mode,bridging}, {type:"uncertainty-progress",tick,done,total}, {type:"uncertainty",tick}, {type:"uncertainty-error",tick,message}. The stream starts with the current math tick (and the progress of a running uncertainty job); a comment line every 25 s keeps it open.',
        params: ConversationParams,
        response: { 200: Type.String({ description: 'text/event-stream' }), ...errorResponses },
      },
    },
    async (request, reply) => {
      const conversation = loadConversation(request, request.params.id);
      const { events, streams, config } = app.kuulo;
      if (events.count(conversation.id) >= config.limits.streamsPerConversation) {
        throw apiError('UNAVAILABLE', `conversation '${conversation.slug}' has too many open event streams (${config.limits.streamsPerConversation}); retry later`);
      }
      const raw = reply.raw;
      // CORS and other headers set by hooks so far go out with the stream's head.
      const headers: Record<string, string | number | string[]> = {};
      for (const [name, value] of Object.entries(reply.getHeaders())) if (value !== undefined) headers[name] = value as string;
      reply.hijack();
      raw.writeHead(200, { ...headers, 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive', 'x-accel-buffering': 'no' });
      const send = (event: KuuloEvent) => raw.write(`event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
      send({ type: 'math', tick: getMathSummary(app.db, conversation.id)?.tick ?? 0 });
      const progress = app.kuulo.uncertainty.progress(conversation.id);
      if (progress) send({ type: 'uncertainty-progress', ...progress });
      const unsubscribe = events.subscribe(conversation.id, send);
      const heartbeat = setInterval(() => raw.write(': ping\n\n'), heartbeatMs);
      heartbeat.unref();
      const end = () => {
        clearInterval(heartbeat);
        unsubscribe();
        streams.delete(end);
        if (!raw.writableEnded) raw.end();
      };
      streams.add(end);
      request.raw.on('close', end);
      raw.on('error', end);
    },
  );
};
