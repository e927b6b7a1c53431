import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { apiError } from '../errors.js';
import { getMathDocument, getMathDocumentTick } from '../repositories/math.js';
import { ConversationParams, errorResponses } from '../schemas/common.js';
import { ConditionalHeaders, MathReply, MathStatusReply, NotModified, ParticipantMathReply, PolisMathSchema } from '../schemas/math.js';
import { XidQuery } from '../schemas/votes.js';
import { hasModeratorKey, loadConversation, requireModerator } from '../services/access.js';
import { isMathCurrent } from '../services/etag.js';
import { kuuloResultDocument, kuuloResultVersion } from '../services/kuuloResultDocument.js';
import { participantMath, placeOf, uncertaintyOf } from '../services/participantMath.js';
import { findParticipant, identityOf } from '../services/participantIdentity.js';

/** Map coordinates to the view's precision (4 decimals): the places blob keeps float32. */
const round4 = (v: number): number => Math.round(v * 1e4) / 1e4 || 0;

export const mathRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/conversations/:id/math',
    {
      schema: {
        tags: ['math'],
        summary: 'Latest opinion groups, representative statements and consensus (Kuulo JSON); ETag / If-None-Match → 304',
        description:
          "The published result: `privacy` says how the conversation's `privacyFloor` shaped it (no group before `privacy.mapMinimum` participants, no group smaller than the floor, " +
          'no group figure or statement count from fewer voters; such tallies are null). The result carries `bridging` when the conversation computes it, and `uncertainty` when a bootstrap job (POST …/uncertainty) ran on this math tick; the ETag changes when the uncertainty arrives.',
        params: ConversationParams,
        headers: ConditionalHeaders,
        response: { 200: MathReply, 304: NotModified, ...errorResponses },
      },
    },
    async (request, reply) => {
      const conversation = await loadConversation(request, request.params.id);
      // The version first: a page that already has this tick gets its 304 without the result being read.
      const version = await kuuloResultVersion(app.db, conversation.id);
      if (version === undefined) throw apiError('MATH_NOT_READY', `conversation '${conversation.slug}' has no math yet (no votes, or the first computation is still running)`);
      if (isMathCurrent(request, reply, 'kuulo', version)) return reply.code(304).send(null);
      // Read in the same synchronous step as the version: no write can come between them.
      const doc = (await kuuloResultDocument(app.db, conversation.id))!;
      const computedAt = (await app.kuulo.math.status(conversation.id)).computedAt ?? 0;
      return reply.type('application/json; charset=utf-8').send(`{"tick":${doc.tick},"computedAt":${computedAt},"result":${doc.body}}`);
    },
  );

  app.get(
    '/conversations/:id/math/participant',
    {
      schema: {
        tags: ['math'],
        summary: "What a participant's page shows of the latest math: group hulls and labels, their statements, and your place; ETag / If-None-Match → 304",
        description:
          'A few KB whatever the number of participants (GET …/math sends every participant). `view` is @kuulo/core participantView of the latest result; ' +
          '`you` is where the participant named by X-Participant-Token (or Authorization: Bearer kpt_…) or `?xid=` sits, null without an identity or before their ' +
          'votes reached the math. `uncertainty` (group stabilities) and `you.confidence` come with a bootstrap of the tick. The ETag names the tick, the participant ' +
          'and any bootstrap of the tick; the reply is private to that participant.',
        params: ConversationParams,
        querystring: XidQuery,
        headers: ConditionalHeaders,
        response: { 200: ParticipantMathReply, 304: NotModified, ...errorResponses },
      },
    },
    async (request, reply) => {
      const conversation = await loadConversation(request, request.params.id);
      const participant = await findParticipant(request, conversation, identityOf(request, request.query.xid));
      const math = await participantMath(app.db, conversation.id);
      if (!math) throw apiError('MATH_NOT_READY', `conversation '${conversation.slug}' has no math yet (no votes, or the first computation is still running)`);
      const uncertainty = await uncertaintyOf(app.db, conversation.id, math);
      const found = participant ? placeOf(math, participant.pid, uncertainty) : null;
      const version = `${math.tick}-${participant ? `p${participant.pid}` : 'anon'}${uncertainty ? `-u${uncertainty.version}` : ''}`;
      const current = isMathCurrent(request, reply, 'participant', version);
      // The same URL answers each participant differently: no shared cache may keep or mix replies.
      reply.header('cache-control', 'private, no-cache');
      reply.header('vary', 'X-Participant-Token, Authorization');
      if (current) return reply.code(304).send(null);
      const you = found && {
        pid: participant!.pid,
        x: round4(found.place.x),
        y: round4(found.place.y),
        group: found.place.group,
        ...(found.confidence !== undefined && { confidence: found.confidence }),
      };
      const stability = uncertainty ? `,"uncertainty":${JSON.stringify({ resamples: uncertainty.resamples, groups: uncertainty.groups })}` : '';
      return reply.type('application/json; charset=utf-8').send(`{"tick":${math.tick},"computedAt":${math.computedAt},"view":${math.view},"you":${JSON.stringify(you)}${stability}}`);
    },
  );

  app.get(
    '/conversations/:id/math/pca2',
    {
      schema: {
        tags: ['math'],
        summary: 'Latest math as Polis math/pca2 JSON; ETag / If-None-Match → 304',
        description:
          "Without a key: the published math (only groups at or above the conversation's `privacyFloor`, no group-votes entry from fewer voters, no group before max(7, floor) participants). " +
          'With the moderator or admin key: the raw math.',
        security: [{}, { moderatorKey: [] }],
        params: ConversationParams,
        headers: ConditionalHeaders,
        response: { 200: PolisMathSchema, 304: NotModified, ...errorResponses },
      },
    },
    async (request, reply) => {
      const conversation = await loadConversation(request, request.params.id);
      const raw = await hasModeratorKey(request, conversation);
      const which = raw ? 'polis' : 'publicPolis';
      const tick = await getMathDocumentTick(app.db, conversation.id, which);
      if (tick === undefined) throw apiError('MATH_NOT_READY', `conversation '${conversation.slug}' has no math yet (no votes, or the first computation is still running)`);
      // The two forms have their own ETags, and a shared cache must not hand one to the other.
      if (raw) reply.header('vary', 'Authorization');
      if (isMathCurrent(request, reply, raw ? 'pca2-raw' : 'pca2', tick)) return reply.code(304).send(null);
      return reply.type('application/json; charset=utf-8').send((await getMathDocument(app.db, conversation.id, which))!.body);
    },
  );

  app.get(
    '/conversations/:id/math/status',
    { schema: { tags: ['math'], summary: 'Tick, timing and last error of the math', params: ConversationParams, response: { 200: MathStatusReply, ...errorResponses } } },
    async (request) => await app.kuulo.math.status((await loadConversation(request, request.params.id)).id),
  );

  app.post(
    '/conversations/:id/math/recompute',
    {
      schema: {
        tags: ['math'],
        summary: 'Recompute now and wait for the result (moderator key)',
        security: [{ moderatorKey: [] }],
        params: ConversationParams,
        response: { 200: MathStatusReply, ...errorResponses },
      },
    },
    async (request) => {
      const conversation = await loadConversation(request, request.params.id);
      await requireModerator(request, conversation);
      await app.kuulo.math.recompute(conversation.id);
      return await app.kuulo.math.status(conversation.id);
    },
  );
};
