import compress from '@fastify/compress';
import cors from '@fastify/cors';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { LocalCluster, type Cluster } from './cluster/cluster.js';
import { defaultClusterOptions, PostgresCluster } from './cluster/postgresCluster.js';
import { postgresRateStore, prepareRateStore } from './cluster/postgresRateStore.js';
import type { Db } from './db/db.js';
import { PostgresDb } from './db/postgres.js';
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import { ensureAdminKey } from './auth/adminKey.js';
import { resolveConfig, type ResolvedConfig, type ServerConfig } from './config.js';
import { apiError, registerErrorHandler, toErrorBody } from './errors.js';
import { EventBus } from './events/eventBus.js';
import { MathService } from './math/mathService.js';
import type { StatementCreatedHook } from './services/statementTranslations.js';
import { VoteWriter } from './services/voteWriter.js';
import { refuseIllFormed } from './services/wellFormed.js';
import { removeUnfinishedImports } from './services/importConversation.js';
import { UncertaintyService } from './math/uncertaintyService.js';
import { defaultWorkerEntry, WorkerPool, type WorkerEntry } from './math/workerPool.js';
import type { Migration } from './migrations/runMigrations.js';
import { openDatabase, registerDatabase } from './plugins/db.js';
import { adminRoutes, featuredConversations } from './routes/admin.js';
import { conversationRoutes } from './routes/conversations.js';
import { eventRoutes } from './routes/events.js';
import { moderationBulkRoutes } from './routes/moderationBulk.js';
import { moderationLogRoutes } from './routes/moderationLog.js';
import { participantModerationRoutes } from './routes/participantModeration.js';
import { trustProxyOption } from './trustProxy.js';
import { createProvider } from './translation/provider.js';
import { TranslationService } from './translation/translationService.js';
import { exportRoutes } from './routes/exports.js';
import { activityRoutes } from './routes/activity.js';
import { webPages } from '@kuulo/web';
import { demoConversations } from './demo.js';
import { findConversation } from './repositories/conversations.js';
import { homeRoutes } from './routes/home.js';
import { importRoutes } from './routes/imports.js';
import { mathRoutes } from './routes/math.js';
import { moderationRoutes } from './routes/moderation.js';
import { participantRoutes } from './routes/participants.js';
import { participantQuestionRoutes } from './routes/participantQuestions.js';
import { polisRoutes } from './routes/polis.js';
import { polisOpenDataRoutes } from './routes/polisOpenData.js';
import { statementRoutes } from './routes/statements.js';
import { uncertaintyRoutes } from './routes/uncertainty.js';
import { voteRoutes } from './routes/votes.js';
import { ErrorBody } from './schemas/common.js';

declare module 'fastify' {
  interface FastifyInstance {
    kuulo: KuuloContext;
  }
}

export interface KuuloContext {
  config: ResolvedConfig;
  adminKeyHash: string;
  /** The admin key when this start generated it (print it once), else undefined. */
  createdAdminKey: string | undefined;
  math: MathService;
  /** Bootstrap uncertainty jobs, each on a worker thread of its own. */
  uncertainty: UncertaintyService;
  events: EventBus;
  /** Open event streams, ended when the app closes. */
  streams: Set<() => void>;
  /** Group-committing vote writer. */
  votes: VoteWriter;
  /** The other instances on the same PostgreSQL database (alone on SQLite). */
  cluster: Cluster;
  /** Machine translation of new statements (services/statementTranslations.ts); undefined without a provider. */
  onStatementCreated?: StatementCreatedHook;
}

/** Headers of every response (pages add theirs in @kuulo/web): browsers must not sniff a JSON body into HTML or script. */
const alwaysHeaders = { 'x-content-type-options': 'nosniff' } as const;

export interface BuildOptions extends ServerConfig {
  /** Migrations to apply instead of the bundled ones. */
  migrations?: Migration[];
  /** Math worker script (tests of the build output). */
  workerEntry?: WorkerEntry;
}

/** Builds a ready-to-listen Fastify app: database, math workers, plugins and every route. */
export async function buildApp(options: BuildOptions = {}): Promise<FastifyInstance> {
  const config = resolveConfig(options);
  const app = Fastify({
    logger: config.logger,
    bodyLimit: config.bodyLimit,
    trustProxy: trustProxyOption(config.trustProxy),
    requestTimeout: 30_000,
    return503OnClosing: true,
    // The web pages are bundled when their plugin registers: on a slow or busy machine that outlasts Fastify's 10 s default.
    pluginTimeout: 120_000,
    // verbose: validation errors carry the offending value, so messages can name it.
    ajv: { customOptions: { removeAdditional: false, allErrors: false, verbose: true } },
    // Bad URLs and over-long path parameters are refused before any hook runs: answer them like every other error.
    frameworkErrors: (error, _request, reply) => {
      const body = toErrorBody(error);
      void (reply as unknown as FastifyReply).code(body.statusCode).headers(alwaysHeaders).type('application/json; charset=utf-8').send(body);
    },
  }).withTypeProvider<TypeBoxTypeProvider>();
  // Past this many open sockets Node closes new connections at once, before reading a byte (logged once a minute).
  app.server.maxConnections = config.limits.maxConnections;
  let lastDropLog = 0;
  app.server.on('drop', () => {
    if (Date.now() - lastDropLog < 60_000) return;
    lastDropLog = Date.now();
    app.log.warn(`refusing connections: ${config.limits.maxConnections} are open, the limit (limits.maxConnections)`);
  });

  const db: Db = await openDatabase({ path: config.dbPath, synchronous: config.synchronous, migrations: options.migrations, poolSize: config.cluster.poolSize });
  registerDatabase(app, db);
  // Before anything reads conversations: an import cut short by a stop or crash is removed whole.
  const abandoned = await removeUnfinishedImports(db);
  if (abandoned.length > 0) app.log.warn({ conversations: abandoned }, 'removed imports left unfinished by the last run');
  const admin = await ensureAdminKey(db, config.adminKey);
  const events = new EventBus();
  // On PostgreSQL other instances may share the database: math leases, and each stored tick announced to all of them.
  const cluster: Cluster =
    db instanceof PostgresDb ? new PostgresCluster(db, config.dbPath, events, app.log, (id) => math.touch(id), { ...defaultClusterOptions, ...config.cluster }) : new LocalCluster();
  const pool = config.math.enabled ? new WorkerPool({ size: config.math.workers, timeoutMs: config.math.timeoutMs, ...(options.workerEntry && { entry: options.workerEntry }) }) : null;
  const math = new MathService(db, pool, config.math, events, app.log, cluster);
  const uncertainty = new UncertaintyService(db, config.uncertainty, events, app.log, () => options.workerEntry ?? defaultWorkerEntry());
  const votes = new VoteWriter(db);
  const context: KuuloContext = { config, adminKeyHash: admin.hash, createdAdminKey: admin.created, math, uncertainty, events, streams: new Set(), votes, cluster };
  // Off unless a provider is configured; even then only conversations that opted in are translated (statementCreated checks).
  const translation = config.translation && new TranslationService(db, createProvider(config.translation), events, app.log, config.translation.concurrency);
  if (translation) context.onStatementCreated = async (conversation, statement) => await translation.statementAccepted(conversation, statement);
  app.decorate('kuulo', context);
  // Hooks run in reverse order of registration on close: streams and math stop before the database closes.
  app.addHook('onClose', async () => {
    await translation?.close();
    await votes.flush();
    await uncertainty.close();
    await math.close();
    await pool?.close();
    await cluster.close();
  });
  app.addHook('preClose', async () => {
    for (const end of context.streams) end();
  });

  try {
    // Rate limits count across every instance on PostgreSQL; one process keeps them in memory.
    const rateStore = db instanceof PostgresDb ? postgresRateStore(db, await prepareRateStore(db)) : undefined;
    await registerEverything(app, config, rateStore);
  } catch (error) {
    await app.close();
    throw error;
  }
  if (cluster instanceof PostgresCluster) await cluster.start();
  // Votes or moderation committed within the debounce before the last stop (or a crash) still reach the math.
  await math.catchUp();
  return app;
}

async function registerEverything(app: FastifyInstance, config: ResolvedConfig, rateStore: ReturnType<typeof postgresRateStore> | undefined): Promise<void> {
  registerErrorHandler(app);
  app.addSchema(ErrorBody);
  // Every response, JSON and errors included. Set on arrival, so the event stream (which hijacks its reply and skips onSend) carries it too.
  app.addHook('onRequest', async (_request, reply) => {
    reply.headers(alwaysHeaders);
  });
  // A lone surrogate ("\ud800" in JSON) would be stored as U+FFFD: refuse ill-formed text in any body, query or path.
  app.addHook('preValidation', async (request) => {
    refuseIllFormed({ body: request.body, query: request.query, params: request.params });
  });
  // Only JSON bodies: anything else is refused with 415 instead of reaching a handler as text.
  app.removeContentTypeParser('text/plain');

  await app.register(cors, {
    origin: config.cors,
    methods: ['GET', 'HEAD', 'POST', 'PATCH', 'PUT', 'DELETE', 'OPTIONS'],
    allowedHeaders: ['content-type', 'authorization', 'x-participant-token', 'if-none-match'],
    exposedHeaders: ['etag', 'retry-after', 'x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset'],
    maxAge: 600,
    // A bare OPTIONS gets 204 instead of a plain-text 400, so every error stays JSON.
    strictPreflight: false,
  });
  // JSON, CSV and pages over 1 KB go out as br or gzip. The event stream hijacks its reply (no onSend), and
  // assets that carry their own Content-Encoding are left as they are. Request bodies stay uncompressed.
  await app.register(compress, { threshold: 1024, encodings: ['br', 'gzip'], globalDecompression: false });
  await app.register(rateLimit, {
    global: false,
    ...(rateStore && { store: rateStore }),
    errorResponseBuilder: (_request, context) => apiError('RATE_LIMITED', `too many writes: limit ${context.max} per ${context.after === '' ? 'minute' : 'minute, retry in ' + context.after}`),
  });
  await app.register(swagger, {
    openapi: {
      info: { title: 'Kuulo API', version: '0.1.0', description: 'Anonymous debates with live opinion groups. Polis-compatible subset under /api/v3.' },
      components: {
        securitySchemes: {
          moderatorKey: { type: 'http', scheme: 'bearer', description: 'Moderator key of a conversation, or the admin key.' },
          participantToken: { type: 'apiKey', in: 'header', name: 'X-Participant-Token' },
        },
      },
    },
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => (typeof json.$id === 'string' ? json.$id : `def-${i}`) },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });

  await app.register(homeRoutes);
  await app.register(conversationRoutes, { prefix: '/api/v1' });
  await app.register(adminRoutes, { prefix: '/api/v1' });
  await app.register(participantRoutes, { prefix: '/api/v1' });
  await app.register(statementRoutes, { prefix: '/api/v1' });
  await app.register(moderationRoutes, { prefix: '/api/v1' });
  await app.register(moderationBulkRoutes, { prefix: '/api/v1' });
  await app.register(participantModerationRoutes, { prefix: '/api/v1' });
  await app.register(moderationLogRoutes, { prefix: '/api/v1' });
  await app.register(voteRoutes, { prefix: '/api/v1' });
  await app.register(mathRoutes, { prefix: '/api/v1' });
  await app.register(participantQuestionRoutes, { prefix: '/api/v1' });
  await app.register(uncertaintyRoutes, { prefix: '/api/v1' });
  await app.register(eventRoutes, { prefix: '/api/v1' });
  await app.register(importRoutes, { prefix: '/api/v1' });
  await app.register(exportRoutes, { prefix: '/api/v1' });
  await app.register(activityRoutes, { prefix: '/api/v1' });
  await app.register(polisRoutes, { prefix: '/api/v3' });
  await app.register(polisOpenDataRoutes, { prefix: '/api/v3' });
  // The debate pages (participant, moderator, report) and the embed script, bundled at start.
  await app.register(webPages, {
    statementMaxLength: config.limits.statementLength,
    // The conversations an admin featured; until there are any, the demos.
    featured: async () => {
      const featured = await featuredConversations(app.db);
      return featured.length > 0 ? featured : demoConversations(app);
    },
    // A page with no language asked for falls back to the conversation's main one.
    conversationLanguages: async (id: string) => (await findConversation(app.db, id))?.languages,
  });
  await app.ready();
}
