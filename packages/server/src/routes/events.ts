import { normalizeIP } from '@fastify/rate-limit';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import { Type } from 'typebox';
import { apiError } from '../errors.js';
import type { KuuloEvent } from '../events/eventBus.js';
import { getMathSummary } from '../repositories/math.js';
import { ConversationParams, errorResponses } from '../schemas/common.js';
import { loadConversation } from '../services/access.js';

const heartbeatMs = 25_000;
/** Seconds a refused client is asked to wait before trying again. */
const retryAfterSeconds = 30;

const streamHeaders = { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive', 'x-accel-buffering': 'no' };

function refuse(reply: FastifyReply, code: 'UNAVAILABLE' | 'RATE_LIMITED', message: string): never {
  reply.header('retry-after', String(retryAfterSeconds));
  throw apiError(code, `${message}; retry in ${retryAfterSeconds} s`);
}

export const eventRoutes: FastifyPluginAsyncTypebox = async (app) => {
  // Open streams per client address (IPv6 by /64, as the write limits count it): one client cannot take every slot.
  const perAddress = new Map<string, number>();

  app.get(
    '/conversations/:id/events',
    {
      schema: {
        tags: ['events'],
        summary: 'Server-Sent Events: math ticks, new statements, moderation, conversation settings, uncertainty jobs',
        description:
          'text/event-stream. HEAD answers at once with the stream headers (and the same refusals as GET). Streams are capped per conversation, per client address and on the whole server (429 RATE_LIMITED or 503 UNAVAILABLE, with Retry-After). Each event has `event: <type>` and `data: <JSON>`: {type:"math",tick}, {type:"math-error",message}, {type:"statement",statementId,moderation}, {type:"moderation",statementId,moderation,isMeta}, {type:"conversation",open,mode,bridging}, {type:"uncertainty-progress",tick,done,total}, {type:"uncertainty",tick}, {type:"uncertainty-error",tick,message}. The stream starts with the current math tick (and the progress of a running uncertainty job); a comment line every 25 s keeps it open.',
        params: ConversationParams,
        response: { 200: Type.String({ description: 'text/event-stream' }), ...errorResponses },
      },
    },
    async (request, reply) => {
      const conversation = await loadConversation(request, request.params.id);
      const { events, streams, config } = app.kuulo;
      const { streams: maxStreams, streamsPerConversation, streamsPerAddress } = config.limits;
      const address = normalizeIP(request.ip, 64);
      if (streams.size >= maxStreams) refuse(reply, 'UNAVAILABLE', `the server has ${maxStreams} open event streams, its limit (limits.streams)`);
      if (events.count(conversation.id) >= streamsPerConversation) {
        refuse(reply, 'UNAVAILABLE', `conversation '${conversation.slug}' has ${streamsPerConversation} open event streams, its limit (limits.streamsPerConversation)`);
      }
      const mine = perAddress.get(address) ?? 0;
      if (mine >= streamsPerAddress) refuse(reply, 'RATE_LIMITED', `this address has ${streamsPerAddress} open event streams, the limit per address (limits.streamsPerAddress)`);
      // HEAD opens no stream: the headers a GET would start with, and nothing more.
      if (request.method === 'HEAD') return reply.code(200).headers(streamHeaders).send();
      const raw = reply.raw;
      // CORS and other headers set by hooks so far go out with the stream's head.
      const headers: Record<string, string | number | string[]> = {};
      for (const [name, value] of Object.entries(reply.getHeaders())) if (value !== undefined) headers[name] = value as string;
      reply.hijack();
      raw.writeHead(200, { ...headers, ...streamHeaders });
      const send = (event: KuuloEvent) => raw.write(`event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
      send({ type: 'math', tick: (await getMathSummary(app.db, conversation.id))?.tick ?? 0 });
      const progress = app.kuulo.uncertainty.progress(conversation.id);
      if (progress) send({ type: 'uncertainty-progress', ...progress });
      const unsubscribe = events.subscribe(conversation.id, send);
      const heartbeat = setInterval(() => raw.write(': ping\n\n'), heartbeatMs);
      heartbeat.unref();
      const end = () => {
        if (!streams.delete(end)) return;
        clearInterval(heartbeat);
        unsubscribe();
        const left = (perAddress.get(address) ?? 1) - 1;
        if (left > 0) perAddress.set(address, left);
        else perAddress.delete(address);
        if (!raw.writableEnded) raw.end();
      };
      streams.add(end);
      perAddress.set(address, mine + 1);
      request.raw.on('close', end);
      raw.on('close', end);
      raw.on('error', end);
      // A client gone before the listeners were attached would otherwise hold its slots for good.
      if (raw.destroyed) end();
    },
  );
};
