import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join as joinPath } from 'node:path';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, onTestFinished } from 'vitest';
import { buildApp, type BuildOptions } from '../src/app.js';
import { freshPostgresDatabase } from './support/postgres.js';

/** The route suite's second run (vitest.pg.config.ts) puts every app on PostgreSQL instead of a SQLite file. */
export const onPostgres = process.env.KUULO_TEST_BACKEND === 'postgres';

// Restarts (`keep: { dir }`) reopen the database of that directory; those first made by a restart are dropped when the file's tests end.
const databases = new Map<string, { url: string; drop(): Promise<void> }>();
const orphans: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const drop of orphans.splice(0)) await drop();
});

export const adminKey = 'kadm_test-admin-key-0123456789abcdef';

export interface TestApp {
  app: FastifyInstance;
  dir: string;
  dbPath: string;
  /** app.inject with the admin key unless `auth` says otherwise. */
  call: (options: InjectOptions & { auth?: string | null }) => Promise<LightMyRequestResponse>;
}

/** A fresh app on a temporary SQLite file, closed and deleted when the test ends. Math and rate limits are off unless asked for. */
export async function build(options: BuildOptions = {}, keep?: { dir: string }): Promise<TestApp> {
  const t = await open(options, keep);
  onTestFinished(t.close);
  return t;
}

/** One app for a whole test file (building an app compiles every route schema, ~0.2–0.5 s): tests use fresh conversations. */
export function sharedApp(options: BuildOptions = {}): () => TestApp {
  let t: (TestApp & { close: () => Promise<void> }) | undefined;
  beforeAll(async () => {
    t = await open(options);
  });
  afterAll(async () => {
    await t?.close();
  });
  return () => {
    if (!t) throw new Error('sharedApp is used before beforeAll ran');
    return t;
  };
}

/** An app the caller closes (restarts on the same directory). */
export async function open(options: BuildOptions = {}, keep?: { dir: string }): Promise<TestApp & { close: () => Promise<void> }> {
  const dir = keep?.dir ?? mkdtempSync(joinPath(tmpdir(), 'kuulo-test-'));
  let dbPath = joinPath(dir, 'kuulo.db');
  let drop: (() => Promise<void>) | undefined;
  if (onPostgres && options.dbPath === undefined) {
    let database = keep ? databases.get(dir) : undefined;
    if (!database) {
      database = await freshPostgresDatabase();
      databases.set(dir, database);
      if (keep) orphans.push(database.drop);
      else drop = database.drop;
    }
    dbPath = database.url;
  }
  const app = await buildApp({
    dbPath,
    adminKey,
    ...options,
    // KUULO_TEST_LOG=1 prints each app's request log (500s name their cause there).
    ...(process.env.KUULO_TEST_LOG === '1' && { logger: true }),
    math: { enabled: false, workers: 1, ...options.math },
    rateLimit: { perAddress: 0, perParticipant: 0, ...options.rateLimit },
  });
  const close = async () => {
    await app.close();
    await drop?.();
    if (!keep) rmSync(dir, { recursive: true, force: true });
  };
  const call: TestApp['call'] = ({ auth, headers, ...rest }) => {
    const authorization = auth === undefined ? `Bearer ${adminKey}` : auth === null ? undefined : `Bearer ${auth}`;
    return app.inject({ ...rest, headers: { ...(authorization && { authorization }), ...headers } } as InjectOptions);
  };
  return { app, dir, dbPath, call, close };
}

/** Creates a conversation and returns its id and moderator key. */
export async function createConversation(t: TestApp, body: Record<string, unknown> = {}): Promise<{ id: string; moderatorKey: string }> {
  const res = await t.call({ method: 'POST', url: '/api/v1/conversations', payload: { topic: 'Test topic', ...body } });
  if (res.statusCode !== 201) throw new Error(`create conversation failed: ${res.statusCode} ${res.body}`);
  const json = res.json() as { conversation: { id: string }; moderatorKey: string };
  return { id: json.conversation.id, moderatorKey: json.moderatorKey };
}

/** Adds seed statements and returns their ids. */
export async function seed(t: TestApp, id: string, texts: string[]): Promise<number[]> {
  const ids: number[] = [];
  for (const text of texts) {
    const res = await t.call({ method: 'POST', url: `/api/v1/conversations/${id}/seeds`, payload: { text } });
    if (res.statusCode !== 201) throw new Error(`seed failed: ${res.statusCode} ${res.body}`);
    ids.push((res.json() as { id: number }).id);
  }
  return ids;
}

/** A new anonymous participant's token. */
export async function join(t: TestApp, id: string): Promise<{ pid: number; token: string }> {
  const res = await t.call({ method: 'POST', url: `/api/v1/conversations/${id}/participants`, auth: null, payload: {} });
  if (res.statusCode !== 201) throw new Error(`join failed: ${res.statusCode} ${res.body}`);
  return res.json() as { pid: number; token: string };
}

export async function vote(t: TestApp, id: string, token: string, statementId: number, v: 'agree' | 'disagree' | 'pass'): Promise<LightMyRequestResponse> {
  return t.call({ method: 'POST', url: `/api/v1/conversations/${id}/votes`, auth: null, headers: { 'x-participant-token': token }, payload: { statementId, vote: v } });
}
