import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { apiError } from '../errors.js';
import type { ConversationRow } from '../repositories/conversations.js';
import { logModeration } from '../repositories/moderationLog.js';
import { excludeParticipant, findExclusion, includeParticipant, listExclusions, type ExclusionRow } from '../repositories/participantExclusions.js';
import { authoredCount, findParticipantByPid, participantCount, participantsAfter, type ParticipantRow } from '../repositories/participants.js';
import { participantVoteCount } from '../repositories/votes.js';
import { ConversationParams, errorResponses } from '../schemas/common.js';
import { ExclusionBody, ModeratedParticipant, ModeratedParticipantsPage, ModeratedParticipantsQuery, ParticipantParams } from '../schemas/participantModeration.js';
import { loadConversation, requireModerator } from '../services/access.js';
import { moderatorLabel } from '../services/moderatorLabel.js';
import { conversationFlags, type ParticipantFlag } from '../services/participantFlags.js';

export const participantModerationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const security = [{ moderatorKey: [] }];

  const view = async (conversation: ConversationRow, p: Pick<ParticipantRow, 'pid' | 'createdAt'>, flags: ParticipantFlag[] | undefined, exclusion: ExclusionRow | undefined) => ({
    pid: p.pid,
    createdAt: p.createdAt,
    votes: await participantVoteCount(app.db, conversation.id, p.pid),
    statements: await authoredCount(app.db, conversation.id, p.pid),
    flags: flags ?? [],
    exclusion: exclusion ? { reason: exclusion.reason, actor: exclusion.actor, excludedAt: exclusion.excludedAt } : null,
  });

  const participantOr404 = async (conversation: ConversationRow, pid: number): Promise<ParticipantRow> => {
    const p = await findParticipantByPid(app.db, conversation.id, pid);
    if (!p) throw apiError('PARTICIPANT_NOT_FOUND', `participant ${pid} does not exist in conversation '${conversation.slug}'`);
    return p;
  };

  app.get(
    '/conversations/:id/moderation/participants',
    {
      schema: {
        tags: ['moderation'],
        summary: 'Participants with their flood and bad-faith flags and exclusions (moderator key)',
        description:
          'Flags are signals from the votes and statements (thresholds in the server README), recomputed as they arrive; they never delete, hide or exclude anything. `flagged=true` lists participants with a flag or an exclusion.',
        security,
        params: ConversationParams,
        querystring: ModeratedParticipantsQuery,
        response: { 200: ModeratedParticipantsPage, ...errorResponses },
      },
    },
    async (request) => {
      const conversation = await loadConversation(request, request.params.id);
      await requireModerator(request, conversation);
      const after = request.query.after ?? -1;
      const limit = request.query.limit ?? 50;
      const flags = await conversationFlags(app.db, conversation.id);
      const exclusions = await listExclusions(app.db, conversation.id);
      if (request.query.flagged === true) {
        const pids = [...new Set([...flags.keys(), ...exclusions.keys()])].sort((a, b) => a - b);
        const start = pids.findIndex((pid) => pid > after);
        const page = start < 0 ? [] : pids.slice(start, start + limit);
        // Votes without a participant row (never written by Kuulo itself) still list, with no join time.
        const items = await Promise.all(page.map(async (pid) => await view(conversation, (await findParticipantByPid(app.db, conversation.id, pid)) ?? { pid, createdAt: 0 }, flags.get(pid), exclusions.get(pid))));
        return { items, next: start >= 0 && start + limit < pids.length ? page.at(-1)! : null, total: pids.length, excluded: exclusions.size };
      }
      const rows = await participantsAfter(app.db, conversation.id, after, limit + 1);
      const page = rows.slice(0, limit);
      return {
        items: await Promise.all(page.map((p) => view(conversation, p, flags.get(p.pid), exclusions.get(p.pid)))),
        next: rows.length > limit ? page.at(-1)!.pid : null,
        total: await participantCount(app.db, conversation.id),
        excluded: exclusions.size,
      };
    },
  );

  // Excluding or including changes which rows the math has: start it cold, since the saved state remembers every participant's place.
  const recomputeCold = (conversation: ConversationRow) => app.kuulo.math.settingsChanged(conversation.id, { cold: true });

  app.put(
    '/conversations/:id/participants/:pid/exclusion',
    {
      schema: {
        tags: ['moderation'],
        summary: "Leave a participant's votes out of the math (moderator key)",
        description:
          "Polis computes participant bans but never applies them; Kuulo applies this one to the math and the uncertainty check only. Nothing is deleted: the votes stay in tallies and exports, and DELETE brings them back. Logged as 'participant.exclude'; the math recomputes from scratch.",
        security,
        params: ParticipantParams,
        body: ExclusionBody,
        response: { 200: ModeratedParticipant, ...errorResponses },
      },
    },
    async (request) => {
      const conversation = await loadConversation(request, request.params.id);
      await requireModerator(request, conversation);
      const p = await participantOr404(conversation, request.params.pid);
      const actor = await moderatorLabel(request, conversation);
      const reason = request.body.reason?.trim() ?? '';
      const now = Date.now();
      const changed = await app.db.transaction(async (tx) => {
        const added = await excludeParticipant(tx, conversation.id, { pid: p.pid, reason, actor, excludedAt: now });
        if (added) await logModeration(tx, { conversationId: conversation.id, actor, action: 'participant.exclude', target: `participant:${p.pid}`, detail: { reason }, at: now });
        return added;
      });
      if (changed) recomputeCold(conversation);
      return await view(conversation, p, (await conversationFlags(app.db, conversation.id)).get(p.pid), await findExclusion(app.db, conversation.id, p.pid));
    },
  );

  app.delete(
    '/conversations/:id/participants/:pid/exclusion',
    {
      schema: {
        tags: ['moderation'],
        summary: "Let an excluded participant's votes back into the math (moderator key)",
        description: "Logged as 'participant.include' when the participant was excluded; answers the same when not (nothing changes then).",
        security,
        params: ParticipantParams,
        response: { 200: ModeratedParticipant, ...errorResponses },
      },
    },
    async (request) => {
      const conversation = await loadConversation(request, request.params.id);
      await requireModerator(request, conversation);
      const p = await participantOr404(conversation, request.params.pid);
      const actor = await moderatorLabel(request, conversation);
      const changed = await app.db.transaction(async (tx) => {
        const before = await findExclusion(tx, conversation.id, p.pid);
        if (!await includeParticipant(tx, conversation.id, p.pid)) return false;
        await logModeration(tx, { conversationId: conversation.id, actor, action: 'participant.include', target: `participant:${p.pid}`, detail: { excludedBy: before?.actor, excludedAt: before?.excludedAt } });
        return true;
      });
      if (changed) recomputeCold(conversation);
      return await view(conversation, p, (await conversationFlags(app.db, conversation.id)).get(p.pid), undefined);
    },
  );
};
