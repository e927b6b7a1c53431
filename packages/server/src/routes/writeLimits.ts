import type { FastifyInstance, FastifyRequest, onRequestHookHandler, preHandlerHookHandler } from 'fastify';
import { apiError } from '../errors.js';
import { FixedWindowLimiter } from '../plugins/fixedWindowLimiter.js';
import { identityKey, identityOf } from '../services/participantIdentity.js';

interface WithXid {
  xid?: unknown;
}

// The xid a write claims, from the body or the query (validated by the route schema by now).
function claimedXid(request: FastifyRequest): string | undefined {
  const xid = (request.body as WithXid | undefined)?.xid ?? (request.query as WithXid | undefined)?.xid;
  return typeof xid === 'string' ? xid : undefined;
}

const participantLimiters = new WeakMap<FastifyInstance, FixedWindowLimiter>();

/**
 * Rate limits for a write route: per client address (before the body is read, by
 * @fastify/rate-limit) and per participant (token or xid, after validation; anonymous first
 * contacts count against their address only). Addresses live only in memory, never in the database.
 */
export function writeLimits(app: FastifyInstance, conversationOf: (request: FastifyRequest) => string = (r) => (r.params as { id?: string }).id ?? '') {
  const { perAddress, perParticipant } = app.kuulo.config.rateLimit;
  const onRequest: onRequestHookHandler[] = [];
  const preHandler: preHandlerHookHandler[] = [];
  if (perAddress > 0) onRequest.push(app.rateLimit({ max: perAddress, timeWindow: 60_000 }));
  if (perParticipant > 0) {
    const root = app.kuulo as object as FastifyInstance;
    let limiter = participantLimiters.get(root);
    if (!limiter) participantLimiters.set(root, (limiter = new FixedWindowLimiter(perParticipant, 60_000)));
    const shared = limiter;
    preHandler.push(async (request, reply) => {
      const key = identityKey(conversationOf(request), identityOf(request, claimedXid(request)));
      if (key === undefined) return;
      const retryAfter = shared.hit(key);
      if (retryAfter > 0) {
        reply.header('retry-after', String(retryAfter));
        throw apiError('RATE_LIMITED', `too many writes from this participant: limit ${perParticipant} per minute, retry in ${retryAfter} s`);
      }
    });
  }
  return { onRequest, preHandler };
}
