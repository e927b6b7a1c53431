import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { apiError } from '../errors.js';
import { participantVotes } from '../repositories/votes.js';
import { ConversationParams, errorResponses, ParticipantHeaders } from '../schemas/common.js';
import { CastVoteBody, CastVoteQuery, CastVoteReply, MyVotesReply, NextOut, NextQuery, XidQuery } from '../schemas/votes.js';
import { loadConversation } from '../services/access.js';
import { castVote } from '../services/castVote.js';
import { nextStatement } from '../services/nextStatement.js';
import { findParticipant, identityOf, participantOut } from '../services/participantIdentity.js';
import { nextOut, voteName, voteValue } from '../services/statementView.js';
import { writeLimits } from './writeLimits.js';

export const voteRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const limits = writeLimits(app);

  app.post(
    '/conversations/:id/votes',
    {
      schema: {
        tags: ['votes'],
        summary: 'Vote agree / disagree / pass; a new vote on the same statement replaces the old one (history kept)',
        description:
          'Acknowledged only after the vote is committed to the database. Creates the participant on first contact (the token is in the reply). Refused on closed conversations, rejected statements and, under strict moderation, statements not yet accepted.',
        params: ConversationParams,
        headers: ParticipantHeaders,
        querystring: CastVoteQuery,
        body: CastVoteBody,
        response: { 200: CastVoteReply, ...errorResponses },
      },
      ...limits,
    },
    async (request) => {
      const conversation = await loadConversation(request, request.params.id);
      const { statementId, vote, xid, nextLanguages } = request.body;
      const { participant, createdAt } = await castVote(request, conversation, identityOf(request, xid), statementId, voteValue[vote]);
      const reply = { statementId, vote, createdAt, participant: participantOut(participant) };
      if (!request.query.next) return reply;
      return { ...reply, next: await nextOut(app.db, await nextStatement(request, conversation, participant.participant.pid, [], nextLanguages)) };
    },
  );

  app.get(
    '/conversations/:id/votes/me',
    {
      schema: {
        tags: ['votes'],
        summary: "The participant's current votes",
        params: ConversationParams,
        headers: ParticipantHeaders,
        querystring: XidQuery,
        response: { 200: MyVotesReply, ...errorResponses },
      },
    },
    async (request) => {
      const conversation = await loadConversation(request, request.params.id);
      const participant = await findParticipant(request, conversation, identityOf(request, request.query.xid));
      if (!participant) throw apiError('PARTICIPANT_REQUIRED', 'send X-Participant-Token or an xid that has taken part');
      const votes = (await participantVotes(app.db, conversation.id, participant.pid)).map((v) => ({ statementId: v.tid, vote: voteName[v.vote], createdAt: v.createdAt }));
      return { participant: participantOut({ participant }), votes };
    },
  );

  app.get(
    '/conversations/:id/next',
    {
      schema: {
        tags: ['votes'],
        summary: 'Next statement to vote on: priority-weighted, seeded per participant, never one already voted on',
        params: ConversationParams,
        headers: ParticipantHeaders,
        querystring: NextQuery,
        response: { 200: NextOut, ...errorResponses },
      },
    },
    async (request) => {
      const conversation = await loadConversation(request, request.params.id);
      const participant = await findParticipant(request, conversation, identityOf(request, request.query.xid));
      const languages = request.query.languages?.split(',');
      return await nextOut(app.db, await nextStatement(request, conversation, participant?.pid ?? null, request.query.without ?? [], languages));
    },
  );
};
