import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { apiError } from '../errors.js';
import { ActivityQuery, ActivityReply } from '../schemas/activity.js';
import { ConversationParams, errorResponses } from '../schemas/common.js';
import { hasModeratorKey, loadConversation } from '../services/access.js';
import { activityBuckets } from '../services/activityBuckets.js';
import { activitySlots } from '../services/activitySlots.js';
import { isTimeZone } from '../services/localTime.js';

/** Activity is counted in quarter hours, so hours of zones offset by :30 or :45 come out right too. */
const slotMs = 15 * 60_000;

export const activityRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/conversations/:id/activity',
    {
      schema: {
        tags: ['conversations'],
        summary: 'Participants, votes and statements per hour or day',
        description:
          "Only spans with activity are listed. Without the moderator or admin key no span describes fewer than the conversation's `privacyFloor` participants: " +
          'a quiet hour or day is merged with the ones after it until it does (`merged`), and the latest activity waits (`withheld`) until enough people have taken part. ' +
          'With the key every bucket is given as it is.',
        params: ConversationParams,
        querystring: ActivityQuery,
        response: { 200: ActivityReply, ...errorResponses },
      },
    },
    async (request) => {
      const conversation = await loadConversation(request, request.params.id);
      const { bucket = 'day', timeZone = 'UTC' } = request.query;
      if (!isTimeZone(timeZone)) throw apiError('VALIDATION_FAILED', `querystring/timeZone '${timeZone}' is not an IANA time zone (e.g. Europe/Helsinki or UTC)`);
      const floor = await hasModeratorKey(request, conversation) ? null : conversation.privacyFloor;
      const { buckets, withheld } = activityBuckets(await activitySlots(app.db, conversation, slotMs), { slotMs, bucket, timeZone, floor });
      return { bucket, timeZone, floor: conversation.privacyFloor, floorApplied: floor !== null, withheld, buckets };
    },
  );
};
