import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { generateXidSecret } from '../auth/xidSignature.js';
import { apiError } from '../errors.js';
import { findConversationById, listConversations, replaceXidAllowlist, updateConversation, xidAllowlistSize } from '../repositories/conversations.js';
import { clearMathState } from '../repositories/math.js';
import { logModeration } from '../repositories/moderationLog.js';
import { ConversationParams, errorResponses, Page } from '../schemas/common.js';
import {
  ConversationList,
  ConversationOut,
  CreateConversationBody,
  CreateConversationReply,
  UpdateConversationBody,
  UpdateConversationReply,
  XidAllowlistBody,
  XidAllowlistReply,
} from '../schemas/conversations.js';
import { loadConversation, requireAdmin, requireModerator } from '../services/access.js';
import { conversationOut } from '../services/conversationView.js';
import { createConversation, mergeTranslations } from '../services/createConversation.js';
import { moderatorLabel } from '../services/moderatorLabel.js';

export const conversationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const moderator = [{ moderatorKey: [] }];

  app.post(
    '/conversations',
    { schema: { tags: ['conversations'], summary: 'Create a conversation (admin key)', security: moderator, body: CreateConversationBody, response: { 201: CreateConversationReply, ...errorResponses } } },
    async (request, reply) => {
      requireAdmin(request);
      const { conversation, moderatorKey, xidSecret } = await createConversation(app.db, request.body, app.kuulo.config.limits);
      return reply.code(201).send({ conversation: await conversationOut(app.db, conversation), moderatorKey, ...(xidSecret !== undefined && { xidSecret }) });
    },
  );

  app.get(
    '/conversations',
    { schema: { tags: ['conversations'], summary: 'List conversations (admin key)', security: moderator, querystring: Page, response: { 200: ConversationList, ...errorResponses } } },
    async (request) => {
      requireAdmin(request);
      const limit = request.query.limit ?? 50;
      const rows = await listConversations(app.db, request.query.after ?? -1, limit + 1);
      const page = rows.slice(0, limit);
      return { items: await Promise.all(page.map((c) => conversationOut(app.db, c))), next: rows.length > limit ? page.at(-1)!.id : null };
    },
  );

  app.get(
    '/conversations/:id',
    { schema: { tags: ['conversations'], summary: 'A conversation (public)', params: ConversationParams, response: { 200: ConversationOut, ...errorResponses } } },
    async (request) => await conversationOut(app.db, await loadConversation(request, request.params.id)),
  );

  app.patch(
    '/conversations/:id',
    {
      schema: {
        tags: ['conversations'],
        summary: 'Change topic, description, moderation mode, open/closed, languages and translations, machine translation, math mode, bridging, privacy floor and headline minimums, signed xids, open data (moderator key)',
        description:
          'Changing `mode` drops the persisted warm state and recomputes from scratch; changing `bridging` or `privacyFloor` recomputes with the new setting. ' +
          "`translations` changes only the languages it names, each to one of the conversation's `languages` (as changed by the same request). " +
          '`signedXids: true` (when off) and `rotateXidSecret: true` make a new xid secret, returned once as `xidSecret`. ' +
          "`dataOpen: true` publishes the moderator export's content through /api/v3 (see the README's open data).",
        security: moderator,
        params: ConversationParams,
        body: UpdateConversationBody,
        response: { 200: UpdateConversationReply, ...errorResponses },
      },
    },
    async (request) => {
      const conversation = await loadConversation(request, request.params.id);
      await requireModerator(request, conversation);
      const b = request.body;
      const topic = b.topic?.trim();
      const limits = app.kuulo.config.limits;
      const description = b.description?.trim();
      if (description !== undefined && description.length > limits.descriptionLength) {
        throw apiError('VALIDATION_FAILED', `body.description has ${description.length} characters, more than the limit of ${limits.descriptionLength}`);
      }
      if (topic !== undefined && (topic.length === 0 || topic.length > limits.topicLength)) {
        throw apiError('VALIDATION_FAILED', `body.topic must have 1 to ${limits.topicLength} characters after trimming`);
      }
      const languages = b.languages && [...new Set(b.languages)];
      const translations = b.translations && mergeTranslations(conversation.translations, b.translations, languages ?? conversation.languages, limits);
      const signed = b.signedXids ?? conversation.xidSecret !== null;
      if (b.rotateXidSecret && !signed) throw apiError('VALIDATION_FAILED', `body.rotateXidSecret needs signed xids on in conversation '${conversation.slug}'; send signedXids: true instead`);
      // A secret is made only when signing turns on or on rotation: repeating signedXids: true keeps the platform's secret valid.
      const hadSecret = conversation.xidSecret !== null;
      const xidSecret = signed ? (b.rotateXidSecret || !hadSecret ? generateXidSecret() : undefined) : hadSecret ? null : undefined;
      const modeChanged = b.mode !== undefined && b.mode !== conversation.mode;
      const bridgingChanged = b.bridging !== undefined && b.bridging !== conversation.bridging;
      // Strict moderation moves unmoderated statements in or out of the math and of what participants see.
      const strictChanged = b.strictModeration !== undefined && b.strictModeration !== conversation.strictModeration;
      // The floor is applied when the math stores its public documents: a new floor needs a new tick.
      const floorChanged = b.privacyFloor !== undefined && b.privacyFloor !== conversation.privacyFloor;
      const headlinesChanged =
        (b.headlineMinVotes !== undefined && b.headlineMinVotes !== conversation.headlineMinVotes) ||
        (b.headlineMinGroupVotes !== undefined && b.headlineMinGroupVotes !== conversation.headlineMinGroupVotes);
      await app.db.transaction(async (tx) => {
        await updateConversation(tx, conversation.id, {
          topic,
          description,
          strictModeration: b.strictModeration,
          isOpen: b.open,
          languages,
          translations,
          machineTranslation: b.machineTranslation,
          mode: b.mode,
          bridging: b.bridging,
          privacyFloor: b.privacyFloor,
          headlineMinVotes: b.headlineMinVotes,
          headlineMinGroupVotes: b.headlineMinGroupVotes,
          xidSecret,
          dataOpen: b.dataOpen,
          updatedAt: Date.now(),
        });
        // A state of the old mode must never warm-start the new one, not even after a restart.
        if (modeChanged) await clearMathState(tx, conversation.id);
        const entry = settingsLogEntry(b);
        if (entry) await logModeration(tx, { conversationId: conversation.id, actor: await moderatorLabel(request, conversation), ...entry });
      });
      const updated = (await findConversationById(app.db, conversation.id))!;
      if (modeChanged || bridgingChanged || strictChanged || floorChanged) app.kuulo.math.settingsChanged(conversation.id, { cold: modeChanged });
      // Pages show the topic in the reader's language: they reload it on a conversation event.
      const textsChanged = languages !== undefined || translations !== undefined;
      if ((b.open !== undefined && b.open !== conversation.isOpen) || modeChanged || bridgingChanged || strictChanged || textsChanged || floorChanged || headlinesChanged) {
        app.kuulo.events.publish(conversation.id, { type: 'conversation', open: updated.isOpen, mode: updated.mode, bridging: updated.bridging });
      }
      return { ...await conversationOut(app.db, updated), ...(typeof xidSecret === 'string' && { xidSecret }) };
    },
  );

  app.put(
    '/conversations/:id/xid-allowlist',
    {
      schema: {
        tags: ['conversations'],
        summary: 'Turn the xid allow-list on/off and replace its entries (moderator key)',
        security: moderator,
        params: ConversationParams,
        body: XidAllowlistBody,
        response: { 200: XidAllowlistReply, ...errorResponses },
      },
      bodyLimit: 8 * 1024 * 1024,
    },
    async (request) => {
      const conversation = await loadConversation(request, request.params.id);
      await requireModerator(request, conversation);
      const { enabled, xids } = request.body;
      await app.db.transaction(async (tx) => {
        if (xids) await replaceXidAllowlist(tx, conversation.id, xids);
        await updateConversation(tx, conversation.id, { useXidAllowlist: enabled, updatedAt: Date.now() });
      });
      return { enabled, size: await xidAllowlistSize(app.db, conversation.id) };
    },
  );

  app.get(
    '/conversations/:id/xid-allowlist',
    {
      schema: { tags: ['conversations'], summary: 'Allow-list state (moderator key)', security: moderator, params: ConversationParams, response: { 200: XidAllowlistReply, ...errorResponses } },
    },
    async (request) => {
      const conversation = await loadConversation(request, request.params.id);
      await requireModerator(request, conversation);
      return { enabled: conversation.useXidAllowlist, size: await xidAllowlistSize(app.db, conversation.id) };
    },
  );
};

// Settings whose new value the log records; texts, languages and secrets are logged by name only.
const loggedValues = ['strictModeration', 'machineTranslation', 'mode', 'bridging', 'privacyFloor', 'headlineMinVotes', 'headlineMinGroupVotes', 'signedXids', 'dataOpen'] as const;

/** The moderation log's entry for a settings change: opening or closing alone is its own action. */
function settingsLogEntry(body: Record<string, unknown>): { action: string; detail?: unknown } | undefined {
  const changed = Object.keys(body).filter((key) => body[key] !== undefined);
  if (changed.length === 0) return undefined;
  if (changed.length === 1 && changed[0] === 'open') return { action: body.open ? 'conversation.open' : 'conversation.close' };
  const values = Object.fromEntries(loggedValues.filter((key) => body[key] !== undefined).map((key) => [key, body[key]]));
  return { action: 'conversation.settings', detail: { changed, ...values } };
}
