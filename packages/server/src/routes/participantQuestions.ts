import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { apiError } from '../errors.js';
import { getMathDocument } from '../repositories/math.js';
import { logModeration } from '../repositories/moderationLog.js';
import { answersOf, listQuestions, questionsAfter, replaceQuestions, saveAnswers, type ParticipantQuestion } from '../repositories/participantQuestions.js';
import { findStatement } from '../repositories/statements.js';
import { ConversationParams, errorResponses, ParticipantHeaders } from '../schemas/common.js';
import { AnswersBody, AnswersReply, QuestionsBody, QuestionsReply, RepresentativenessReply } from '../schemas/participantQuestions.js';
import { XidQuery } from '../schemas/votes.js';
import { loadConversation, requireModerator } from '../services/access.js';
import { moderatorLabel } from '../services/moderatorLabel.js';
import { findParticipant, identityOf } from '../services/participantIdentity.js';
import { writeLimits } from './writeLimits.js';

/** How far a question's population shares may sum from 1 (rounded published figures). */
const shareSlack = 0.02;
const metaAnswerKeys = ['agree', 'disagree'];

export const participantQuestionRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const limits = writeLimits(app);
  const moderator = [{ moderatorKey: [] }];

  app.get(
    '/conversations/:id/questions',
    {
      schema: {
        tags: ['questions'],
        summary: "The conversation's optional participant questions (district, age band…) with the population's share of each answer",
        params: ConversationParams,
        response: { 200: QuestionsReply, ...errorResponses },
      },
    },
    async (request) => {
      const conversation = await loadConversation(request, request.params.id);
      return { askAfterVotes: await questionsAfter(app.db, conversation.id), questions: await listQuestions(app.db, conversation.id) };
    },
  );

  app.put(
    '/conversations/:id/questions',
    {
      schema: {
        tags: ['questions'],
        summary: 'Set the participant questions (moderator key)',
        description:
          'Replaces the questions. Answers participants gave stay stored under their question and answer keys (a question brought back finds them). ' +
          "A question with `meta` is answered by the votes on that meta statement (imported Polis conversations). Recomputes the representativeness section; the groups do not change.",
        security: moderator,
        params: ConversationParams,
        body: QuestionsBody,
        response: { 200: QuestionsReply, ...errorResponses },
      },
    },
    async (request) => {
      const conversation = await loadConversation(request, request.params.id);
      await requireModerator(request, conversation);
      const questions: ParticipantQuestion[] = [];
      const keys = new Set<string>();
      for (const [i, q] of request.body.questions.entries()) {
        const where = `questions[${i}] (${q.key})`;
        if (keys.has(q.key)) throw apiError('VALIDATION_FAILED', `${where}: the key '${q.key}' is used twice`);
        keys.add(q.key);
        if (Object.keys(q.text).length === 0) throw apiError('VALIDATION_FAILED', `${where}: text needs at least one language`);
        const answerKeys = new Set<string>();
        for (const a of q.answers) {
          if (answerKeys.has(a.key)) throw apiError('VALIDATION_FAILED', `${where}: the answer key '${a.key}' is used twice`);
          answerKeys.add(a.key);
          if (Object.keys(a.text).length === 0) throw apiError('VALIDATION_FAILED', `${where} answer '${a.key}': text needs at least one language`);
        }
        const shares = q.answers.map((a) => a.population ?? null).filter((s): s is number => s !== null);
        const sum = shares.reduce((s, v) => s + v, 0);
        if (shares.length > 0 && Math.abs(sum - 1) > shareSlack) {
          throw apiError('VALIDATION_FAILED', `${where}: population shares sum to ${Math.round(sum * 1e4) / 1e4}; they must sum to 1 (±${shareSlack})`);
        }
        const meta = q.meta ?? null;
        if (meta !== null) {
          const statement = await findStatement(app.db, conversation.id, meta);
          if (!statement?.isMeta) throw apiError('VALIDATION_FAILED', `${where}: meta is ${meta}, which is not a meta statement of this conversation`);
          if (answerKeys.size !== 2 || !metaAnswerKeys.every((k) => answerKeys.has(k))) {
            throw apiError('VALIDATION_FAILED', `${where}: a meta statement's question has exactly the answers 'agree' and 'disagree' (its votes)`);
          }
        }
        questions.push({ key: q.key, text: q.text, meta, answers: q.answers.map((a) => ({ key: a.key, text: a.text, population: a.population ?? null })) });
      }
      await app.db.transaction(async (tx) => {
        await replaceQuestions(tx, conversation.id, questions, request.body.askAfterVotes);
        await logModeration(tx, {
          conversationId: conversation.id,
          actor: await moderatorLabel(request, conversation),
          action: 'conversation.questions',
          detail: { questions: questions.map((q) => q.key), ...(request.body.askAfterVotes !== undefined && { askAfterVotes: request.body.askAfterVotes }) },
        });
      });
      app.kuulo.math.answersChanged(conversation.id);
      return { askAfterVotes: await questionsAfter(app.db, conversation.id), questions: await listQuestions(app.db, conversation.id) };
    },
  );

  app.get(
    '/conversations/:id/answers/me',
    {
      schema: {
        tags: ['questions'],
        summary: "The participant's own answers (question key → answer key, null where they chose not to answer)",
        params: ConversationParams,
        headers: ParticipantHeaders,
        querystring: XidQuery,
        response: { 200: AnswersReply, ...errorResponses },
      },
    },
    async (request, reply) => {
      const conversation = await loadConversation(request, request.params.id);
      const participant = await findParticipant(request, conversation, identityOf(request, request.query.xid));
      if (!participant) throw apiError('PARTICIPANT_REQUIRED', 'send X-Participant-Token or an xid that has taken part');
      reply.header('cache-control', 'private, no-store');
      return { answers: await answersOf(app.db, conversation.id, participant.pid) };
    },
  );

  app.put(
    '/conversations/:id/answers/me',
    {
      schema: {
        tags: ['questions'],
        summary: 'Answer (or decline) participant questions; answers are never shown one by one, only as totals of at least the privacy floor',
        description: 'Merges with earlier answers: a question left out keeps its answer, null records declining. Only for participants who have taken part (voted or joined).',
        params: ConversationParams,
        headers: ParticipantHeaders,
        body: AnswersBody,
        response: { 200: AnswersReply, ...errorResponses },
      },
      ...limits,
    },
    async (request) => {
      const conversation = await loadConversation(request, request.params.id);
      const participant = await findParticipant(request, conversation, identityOf(request, request.body.xid));
      if (!participant) throw apiError('PARTICIPANT_REQUIRED', 'send X-Participant-Token or an xid that has taken part');
      const asked = new Map((await listQuestions(app.db, conversation.id)).filter((q) => q.meta === null).map((q) => [q.key, q]));
      for (const [question, answer] of Object.entries(request.body.answers)) {
        const q = asked.get(question);
        if (!q) throw apiError('VALIDATION_FAILED', `answers: '${question}' is not a question this conversation asks`);
        if (answer !== null && !q.answers.some((a) => a.key === answer)) throw apiError('VALIDATION_FAILED', `answers.${question}: '${answer}' is not one of its answers (${q.answers.map((a) => a.key).join(', ')})`);
      }
      await saveAnswers(app.db, conversation.id, participant.pid, request.body.answers, Date.now());
      app.kuulo.math.answersChanged(conversation.id);
      return { answers: await answersOf(app.db, conversation.id, participant.pid) };
    },
  );

  app.get(
    '/conversations/:id/representativeness',
    {
      schema: {
        tags: ['questions'],
        summary: 'Who took part: answer shares overall and per group beside the population, raking weights, and weighted figures beside raw ones',
        description:
          "Computed with each math tick from the answers so far, under the conversation's privacyFloor (withheld counts are null). The groups are found from unweighted votes; only figures named …Weighted use the weights.",
        params: ConversationParams,
        response: { 200: RepresentativenessReply, ...errorResponses },
      },
    },
    async (request, reply) => {
      const conversation = await loadConversation(request, request.params.id);
      const doc = await getMathDocument(app.db, conversation.id, 'representativeness');
      const tick = doc?.tick ?? 0;
      const body = doc?.body ?? null;
      if (body !== null && body.startsWith('{"error"')) return { tick, representativeness: null, error: (JSON.parse(body) as { error: string }).error };
      return reply.type('application/json; charset=utf-8').send(`{"tick":${tick},"representativeness":${body ?? 'null'}}`);
    },
  );
};
