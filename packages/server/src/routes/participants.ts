import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { apiError } from '../errors.js';
import { ConversationParams, errorResponses, ParticipantHeaders, ParticipantOut } from '../schemas/common.js';
import { JoinBody, XidQuery } from '../schemas/votes.js';
import { loadConversation } from '../services/access.js';
import { findParticipant, identityOf, participantOut, resolveParticipant } from '../services/participantIdentity.js';
import { writeLimits } from './writeLimits.js';
import { pendingStatementsOf, rejectedDuplicatesOf } from '../repositories/duplicates.js';
import { statementsByIds } from '../repositories/statements.js';
import { MyDuplicatesReply } from '../schemas/duplicates.js';
import { isVisible } from '../services/statementView.js';

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
      const conversation = await loadConversation(request, request.params.id);
      const identity = identityOf(request, request.body?.xid);
      const resolved = await app.db.transaction(async (tx) => await resolveParticipant(request, conversation, identity));
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
      const conversation = await loadConversation(request, request.params.id);
      const participant = await findParticipant(request, conversation, identityOf(request, request.query.xid));
      if (!participant) throw apiError('PARTICIPANT_REQUIRED', 'send X-Participant-Token or an xid that has taken part');
      return participantOut({ participant });
    },
  );

  app.get(
    '/conversations/:id/participants/me/duplicates',
    {
      schema: {
        tags: ['participants'],
        summary: "The participant's statements rejected as duplicates, and which statement to vote on instead",
        description: "A moderator's \"reject as duplicate of #N\" (PATCH …/statements/:statementId with `duplicateOf`) shows here, so the author can vote on #N.",
        params: ConversationParams,
        headers: ParticipantHeaders,
        querystring: XidQuery,
        response: { 200: MyDuplicatesReply, ...errorResponses },
      },
    },
    async (request) => {
      const conversation = await loadConversation(request, request.params.id);
      const participant = await findParticipant(request, conversation, identityOf(request, request.query.xid));
      if (!participant) return { items: [], pending: [] };
      const rejected = await rejectedDuplicatesOf(app.db, conversation.id, participant.pid);
      const texts = new Map((await statementsByIds(app.db, conversation.id, rejected.flatMap((r) => [r.tid, r.duplicateOf]))).map((s) => [s.tid, s]));
      const items = rejected.flatMap((r) => {
        const own = texts.get(r.tid);
        const target = texts.get(r.duplicateOf);
        if (!own || !target || !isVisible(target, conversation.strictModeration)) return [];
        return [{ statementId: r.tid, text: own.text, duplicateOf: { id: target.tid, text: target.text, lang: target.lang } }];
      });
      return { items, pending: await pendingStatementsOf(app.db, conversation.id, participant.pid) };
    },
  );
};

