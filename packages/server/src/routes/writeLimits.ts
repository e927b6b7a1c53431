import type { FastifyInstance, FastifyRequest, onRequestHookHandler, preHandlerHookHandler } from 'fastify';
import { apiError } from '../errors.js';
import { verifySignedXid } from '../auth/xidSignature.js';
import { findConversation } from '../repositories/conversations.js';
import { identityKey, identityOf, type Identity } from '../services/participantIdentity.js';

interface WithXid {
  xid?: unknown;
}

// The xid a write claims, from the body or the query (validated by the route schema by now).
function claimedXid(request: FastifyRequest): string | undefined {
  const xid = (request.body as WithXid | undefined)?.xid ?? (request.query as WithXid | undefined)?.xid;
  return typeof xid === 'string' ? xid : undefined;
}

type CheckLimit = ReturnType<FastifyInstance['createRateLimit']>;

interface Limiters {
  perAddress: onRequestHookHandler | undefined;
  perParticipant: CheckLimit | undefined;
}

// The shared store on PostgreSQL (cluster/postgresRateStore.ts) keeps each limiter's counts apart by this; the in-memory one ignores it.
const keySpace = (name: string) => ({ keySpace: name }) as object;

/** Keys kept per limiter; past this the least recently seen are forgotten (the library's default is 5,000). */
const keysKept = 100_000;
/** The participant key of a request being checked, handed to the limiter's keyGenerator. */
const participantKeys = new WeakMap<FastifyRequest, string>();
const limitersOf = new WeakMap<object, Limiters>();

/**
 * The two limiters every write route shares, built once per app: one @fastify/rate-limit store each,
 * so an address has one budget across all write routes (a limiter per route would multiply it).
 */
function sharedLimiters(app: FastifyInstance): Limiters {
  const root = app.kuulo as object;
  let limiters = limitersOf.get(root);
  if (limiters) return limiters;
  const { perAddress, perParticipant } = app.kuulo.config.rateLimit;
  const participantOptions = {
    max: perParticipant,
    timeWindow: 60_000,
    keyGenerator: (request: FastifyRequest) => participantKeys.get(request) ?? '',
    // Anonymous first contacts have no participant key yet: their address limit covers them.
    allowList: (_request: FastifyRequest, key: string) => key === '',
    cache: keysKept,
    ...keySpace('participant'),
  };
  limiters = {
    // Before the body is read, so refused writes cost nothing; keyed by address (IPv6 by /64).
    perAddress: perAddress > 0 ? (app.rateLimit({ max: perAddress, timeWindow: 60_000, cache: keysKept, ...keySpace('address') }) as onRequestHookHandler) : undefined,
    perParticipant: perParticipant > 0 ? app.createRateLimit(participantOptions) : undefined,
  };
  limitersOf.set(root, limiters);
  return limiters;
}

/**
 * The per-participant budget key. Where a conversation requires signed xids, a forged signature must not
 * spend the real participant's budget: it gets no participant key (its address budget still applies,
 * and the route refuses it).
 */
async function participantKey(request: FastifyRequest, slug: string, identity: Identity): Promise<string | undefined> {
  if (identity.token === undefined && identity.xid !== undefined) {
    const secret = (await findConversation(request.server.db, slug))?.xidSecret;
    if (secret) {
      try {
        verifySignedXid(secret, slug, identity.xid);
      } catch {
        return undefined;
      }
    }
  }
  return identityKey(slug, identity);
}

/**
 * Rate limits for a write route, to spread into its options: per client address (before the body is
 * read) and per participant (token or xid, after validation). Every write route of an app draws on the
 * same two budgets. One process keeps addresses in memory only; instances sharing PostgreSQL keep an HMAC
 * of each address (never the address) in an unlogged table for the minute it counts.
 */
export function writeLimits(app: FastifyInstance, conversationOf: (request: FastifyRequest) => string = (r) => (r.params as { id?: string }).id ?? '') {
  const { perAddress, perParticipant } = sharedLimiters(app);
  const onRequest: onRequestHookHandler[] = perAddress ? [perAddress] : [];
  const preHandler: preHandlerHookHandler[] = [];
  if (perParticipant) {
    preHandler.push(async (request, reply) => {
      participantKeys.set(request, await participantKey(request, conversationOf(request), identityOf(request, claimedXid(request))) ?? '');
      // Called by hand: @fastify/rate-limit's own hook runs once per request, and that is the address limit.
      const limit = await perParticipant(request);
      if (limit.isAllowed || !limit.isExceeded) return;
      reply.header('retry-after', String(limit.ttlInSeconds));
      throw apiError('RATE_LIMITED', `too many writes from this participant: limit ${limit.max} per minute, retry in ${limit.ttlInSeconds} s`);
    });
  }
  return { onRequest, preHandler };
}
