import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { apiError } from '../errors.js';
import { ConversationParams, errorResponses, ParticipantHeaders, ParticipantOut } from '../schemas/common.js';
import { JoinBody, XidQuery } from '../schemas/votes.js';
import { loadConversation } from '../services/access.js';
import { findParticipant, identityOf, participantOut, resolveParticipant } from '../services/participantIdentity.js';
import { writeLimits } from './writeLimits.js';

export const participantRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const limits = writeLimits(app);

  app.post(
    '/conversations/:id/participants',
    {
      schema: {
        tags: ['participants'],
        summary: 'First contact: a new anonymous participant and its token, or the participant of an xid',
        description: 'Without a token or xid, creates a participant and returns its token once (store it; it is kept only as a hash). With an xid, returns (creating if needed) that xid\'s participant.',
        params: ConversationParams,
        headers: ParticipantHeaders,
        body: JoinBody,
        response: { 200: ParticipantOut, 201: ParticipantOut, ...errorResponses },
      },
      ...limits,
    },
    async (request, reply) => {
      const conversation = loadConversation(request, request.params.id);
      const identity = identityOf(request, request.body?.xid);
      const resolved = app.db.transaction(() => resolveParticipant(request, conversation, identity))();
      return reply.code(resolved.created ? 201 : 200).send(participantOut(resolved));
    },
  );

  app.get(
    '/conversations/:id/participants/me',
    {
      schema: {
        tags: ['participants'],
        summary: 'Who the token or xid identifies',
        params: ConversationParams,
        headers: ParticipantHeaders,
        querystring: XidQuery,
        response: { 200: ParticipantOut, ...errorResponses },
      },
    },
    async (request) => {
      const conversation = loadConversation(request, request.params.id);
      const participant = findParticipant(request, conversation, identityOf(request, request.query.xid));
      if (!participant) throw apiError('PARTICIPANT_REQUIRED', 'send X-Participant-Token or an xid that has taken part');
      return participantOut({ participant });
    },
  );
};

