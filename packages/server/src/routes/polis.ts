import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { apiError } from '../errors.js';
import { getMathDocument, getMathDocumentTick } from '../repositories/math.js';
import type { ConversationRow } from '../repositories/conversations.js';
import type { ParticipantRow } from '../repositories/participants.js';
import { listStatements, statementsByIds } from '../repositories/statements.js';
import { talliesFor } from '../repositories/tallies.js';
import { participantVotes } from '../repositories/votes.js';
import { errorResponses } from '../schemas/common.js';
import { ConditionalHeaders, NotModified, PolisMathSchema } from '../schemas/math.js';
import {
  NextCommentQuery,
  ParticipationInitQuery,
  ParticipationInitReply,
  PolisComment,
  PolisCommentBody,
  PolisCommentReply,
  PolisCommentsQuery,
  PolisConversation,
  PolisConversationQuery,
  PolisMathQuery,
  PolisNextComment,
  PolisVoteBody,
  PolisVoteReply,
  PolisVoteRow,
  PolisVotesQuery,
} from '../schemas/polis.js';
import { polisComment, polisConversation, polisNextComment } from '../polis/polisShapes.js';
import { hasModeratorKey, loadConversation, requireModerator } from '../services/access.js';
import { castVote } from '../services/castVote.js';
import { isMathCurrent } from '../services/etag.js';
import { nextStatement } from '../services/nextStatement.js';
import { findParticipant, identityOf, type Identity, type ResolvedParticipant } from '../services/participantIdentity.js';
import { isVisible } from '../services/statementView.js';
import { seedStatement, submitStatement } from '../services/submitStatement.js';
import { writeLimits } from './writeLimits.js';

const cookieName = (slug: string) => `kuulo_pt_${slug.replaceAll('-', '_')}`;

// Polis clients keep their identity in a cookie; Kuulo also takes the token header or an xid.
function polisIdentity(request: FastifyRequest, slug: string, xid: string | undefined): Identity {
  const identity = identityOf(request, xid);
  if (identity.token !== undefined || xid !== undefined) return identity;
  const cookie = request.headers.cookie ?? '';
  const match = new RegExp(`(?:^|;\\s*)${cookieName(slug)}=([A-Za-z0-9_-]{1,64})`).exec(cookie);
  return match ? { token: match[1]! } : identity;
}

// A numeric `pid` must be the caller's own: Polis reads it from the session, Kuulo does not let one participant act as another.
function checkPid(pid: 'mypid' | number | undefined, participant: ParticipantRow | null): void {
  if (typeof pid === 'number' && participant?.pid !== pid) {
    throw apiError('FORBIDDEN', `pid ${pid} is not the participant identified by this request; use pid=mypid`);
  }
}

/** Whether anyone may read what the moderator export holds: the conversation's open data, or the caller's moderator key. */
export async function mayReadOpenData(request: FastifyRequest, c: ConversationRow): Promise<boolean> {
  return c.dataOpen || await hasModeratorKey(request, c);
}

function issueToken(reply: FastifyReply, slug: string, resolved: ResolvedParticipant) {
  if (resolved.newToken === undefined) return {};
  reply.header('set-cookie', `${cookieName(slug)}=${resolved.newToken}; Path=/api/v3; HttpOnly; SameSite=Lax; Max-Age=31536000`);
  reply.header('x-participant-token', resolved.newToken);
  return { auth: { token: resolved.newToken } };
}

export const polisRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const tags = ['polis-compatible'];
  const limits = writeLimits(app, (request) => ((request.body ?? request.query) as { conversation_id?: string }).conversation_id ?? '');
  const slugOf = (c: ConversationRow) => c.slug;

  app.get(
    '/conversations',
    { schema: { tags, summary: 'Polis GET /api/v3/conversations (one conversation)', querystring: PolisConversationQuery, response: { 200: PolisConversation, ...errorResponses } } },
    async (request) => await polisConversation(app.db, await loadConversation(request, request.query.conversation_id)),
  );

  app.get(
    '/participationInit',
    { schema: { tags, summary: 'Polis GET /api/v3/participationInit', querystring: ParticipationInitQuery, response: { 200: ParticipationInitReply, ...errorResponses } } },
    async (request) => {
      const q = request.query;
      const c = await loadConversation(request, q.conversation_id);
      const participant = await findParticipant(request, c, polisIdentity(request, c.slug, q.xid));
      checkPid(q.pid, participant);
      const pid = participant?.pid ?? null;
      const math = await getMathDocument(app.db, c.id, 'publicPolis');
      return {
        user: { uid: null, hasXid: participant?.xid != null },
        ptpt: participant ? { pid: participant.pid, conversation_id: c.slug } : null,
        nextComment: polisNextComment(await nextStatement(request, c, pid), pid),
        conversation: await polisConversation(app.db, c),
        votes: pid === null ? [] : (await participantVotes(app.db, c.id, pid)).map((v) => ({ tid: v.tid, vote: -v.vote })),
        pca: math?.body ?? null,
        famous: null,
        acceptLanguage: q.lang ?? String(request.headers['accept-language'] ?? 'en').slice(0, 64),
      };
    },
  );

  app.get(
    '/nextComment',
    { schema: { tags, summary: 'Polis GET /api/v3/nextComment', querystring: NextCommentQuery, response: { 200: PolisNextComment, ...errorResponses } } },
    async (request) => {
      const q = request.query;
      const c = await loadConversation(request, q.conversation_id);
      const participant = await findParticipant(request, c, polisIdentity(request, c.slug, q.xid));
      checkPid(q.not_voted_by_pid, participant);
      const pid = participant?.pid ?? null;
      return polisNextComment(await nextStatement(request, c, pid, q.without ?? []), pid);
    },
  );

  app.post(
    '/votes',
    {
      schema: { tags, summary: 'Polis POST /api/v3/votes (vote: −1 agree, 1 disagree, 0 pass)', body: PolisVoteBody, response: { 200: PolisVoteReply, ...errorResponses } },
      ...limits,
    },
    async (request, reply) => {
      const b = request.body;
      const c = await loadConversation(request, b.conversation_id);
      const identity = polisIdentity(request, c.slug, b.xid);
      checkPid(b.pid, typeof b.pid === 'number' ? await findParticipant(request, c, identity) : null);
      const { participant } = await castVote(request, c, identity, b.tid, b.vote === 0 ? 0 : b.vote === -1 ? 1 : -1);
      const pid = participant.participant.pid;
      return { currentPid: pid, nextComment: polisNextComment(await nextStatement(request, c, pid), pid), ...issueToken(reply, slugOf(c), participant) };
    },
  );

  app.get(
    '/votes',
    {
      schema: {
        tags,
        summary: "Polis GET /api/v3/votes (the caller's own votes; any pid's current votes with open data or a moderator key)",
        querystring: PolisVotesQuery,
        response: { 200: Type.Array(PolisVoteRow), ...errorResponses },
      },
    },
    async (request) => {
      const q = request.query;
      const c = await loadConversation(request, q.conversation_id);
      const participant = await findParticipant(request, c, polisIdentity(request, c.slug, q.xid));
      let pid = participant?.pid ?? null;
      if (typeof q.pid === 'number' && q.pid !== pid) {
        if (!(await mayReadOpenData(request, c))) {
          throw apiError('DATA_NOT_OPEN', `pid ${q.pid} is not the participant identified by this request and conversation '${c.slug}' does not have open data; use pid=mypid`);
        }
        pid = q.pid;
      }
      if (pid === null) return [];
      const who = pid;
      return (await participantVotes(app.db, c.id, who))
        .filter((v) => q.tid === undefined || v.tid === q.tid)
        .map((v) => ({ conversation_id: c.slug, pid: who, tid: v.tid, vote: -v.vote, weight_x_32767: 0, modified: String(v.createdAt) }));
    },
  );

  app.get(
    '/math/pca2',
    {
      schema: {
        tags,
        summary: 'Polis GET /api/v3/math/pca2; 304 when math_tick or If-None-Match is current, MATH_NOT_READY before any math',
        querystring: PolisMathQuery,
        headers: ConditionalHeaders,
        response: { 200: PolisMathSchema, 304: NotModified, ...errorResponses },
      },
    },
    async (request, reply) => {
      const c = await loadConversation(request, request.query.conversation_id);
      const tick = await getMathDocumentTick(app.db, c.id, 'publicPolis');
      // Polis answers an empty 304 before any math, which clients cannot parse: say so instead.
      if (tick === undefined) throw apiError('MATH_NOT_READY', `conversation '${c.slug}' has no math yet (no votes, or still computing)`);
      const mathTick = request.query.math_tick;
      if (isMathCurrent(request, reply, 'pca2', tick) || (mathTick !== undefined && mathTick >= tick)) return reply.code(304).send(null);
      return reply.type('application/json; charset=utf-8').send((await getMathDocument(app.db, c.id, 'publicPolis'))!.body);
    },
  );

  app.get(
    '/comments',
    {
      schema: {
        tags,
        summary: 'Polis GET /api/v3/comments (visible statements; every state and authors with moderation=true and a moderator key or open data)',
        querystring: PolisCommentsQuery,
        response: { 200: Type.Array(PolisComment), ...errorResponses },
      },
    },
    async (request) => {
      const q = request.query;
      const c = await loadConversation(request, q.conversation_id);
      if (q.moderation && !c.dataOpen) await requireModerator(request, c);
      const withAuthors = await mayReadOpenData(request, c);
      let rows = q.tids ? await statementsByIds(app.db, c.id, q.tids) : await listStatements(app.db, c.id, 'all', -1, 1_000_000);
      if (!q.moderation) rows = rows.filter((s) => isVisible(s, c.strictModeration));
      if (q.mod !== undefined) rows = rows.filter((s) => s.moderation === q.mod);
      const counts = await talliesFor(app.db, c.id, rows.map((s) => s.tid));
      return rows.map((s) => polisComment(c, s, counts.get(s.tid), withAuthors));
    },
  );

  app.post(
    '/comments',
    {
      schema: { tags, summary: 'Polis POST /api/v3/comments (is_seed with a moderator key adds a seed)', body: PolisCommentBody, response: { 200: PolisCommentReply, ...errorResponses } },
      ...limits,
    },
    async (request, reply) => {
      const b = request.body;
      const c = await loadConversation(request, b.conversation_id);
      if (b.is_seed) {
        await requireModerator(request, c);
        const s = await seedStatement(request, c, { text: b.txt, ...(b.is_meta !== undefined && { isMeta: b.is_meta }) });
        app.kuulo.events.publish(c.id, { type: 'statement', statementId: s.tid, moderation: 'accepted' });
        return { tid: s.tid, currentPid: null };
      }
      const { statement, participant } = await submitStatement(request, c, polisIdentity(request, c.slug, b.xid), { text: b.txt });
      app.kuulo.events.publish(c.id, { type: 'statement', statementId: statement.tid, moderation: 'pending' });
      app.kuulo.math.touch(c.id);
      return { tid: statement.tid, currentPid: participant.participant.pid, ...issueToken(reply, slugOf(c), participant) };
    },
  );
};
